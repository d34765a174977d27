import Syntax

/// `policy { ... }` (LANGUAGE.md §11): at most one per program across all
/// files, every limit a positive count over a positive window, at most one
/// `quiet hours` and its ends different. Runs with collectDeclarations: the
/// policy names nothing, so it needs no later pass.
extension CheckState {
    mutating func checkPolicy(_ declaration: PolicyDecl) {
        if let first = program.policy {
            report(Diagnostic(.duplicatePolicy, "a program has at most one `policy`; merge its limits into the first",
                              at: keywordRange(declaration),
                              notes: [DiagnosticNote("the first `policy` is here", at: keywordRange(first.declaration))]))
            return
        }
        var limits: [PolicyLimit] = []
        var quiet: QuietHours?
        var quietRange: SourceRange?
        for item in declaration.items {
            switch item.kind {
            case .limit(let limit):
                guard let count = limit.count, count >= 1 else {
                    report(Diagnostic(.invalidPolicyLimit,
                                      "a policy limit allows 1 or more sends, not `\(text(limit.countRange))`",
                                      at: limit.countRange))
                    continue
                }
                guard let window = limit.windowSeconds, window >= 1 else {
                    report(Diagnostic(.invalidPolicyLimit,
                                      "a policy limit's window is a positive duration, not `\(text(limit.windowRange))`",
                                      at: limit.windowRange))
                    continue
                }
                limits.append(PolicyLimit(count: count, windowSeconds: window, windowText: limit.windowText))
            case .quietHours(let hours):
                if let quietRange {
                    report(Diagnostic(.invalidQuietHours, "a policy has one `quiet hours`; this one repeats it",
                                      at: item.range, notes: [DiagnosticNote("the first `quiet hours` is here", at: quietRange)]))
                    continue
                }
                quietRange = item.range
                let start = hours.start.minutesSinceMidnight, end = hours.end.minutesSinceMidnight
                guard start != end else {
                    report(Diagnostic(.invalidQuietHours,
                                      "quiet hours from \(LiteralPrinter.clock(hours.start)) to the same time are empty (or all day); give two different times",
                                      at: item.range))
                    continue
                }
                quiet = QuietHours(startMinute: start, endMinute: end)
            }
        }
        program.policy = CheckedPolicy(limits: limits, quietHours: quiet, declaration: declaration)
    }

    private func keywordRange(_ declaration: PolicyDecl) -> SourceRange {
        SourceRange(file: declaration.range.file, start: declaration.range.start, end: declaration.range.start + "policy".utf8.count)
    }
}
