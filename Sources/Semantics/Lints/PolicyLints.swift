import Syntax

/// Warnings about the policy's effect on single rules (LANGUAGE.md §11): a
/// rule whose own sends on one event already exceed a cap (the excess is
/// always skipped), and `bypass policy` on a rule that sends nothing.
extension CheckState {
    mutating func lintPolicy() {
        let policy = program.policy
        for rule in program.rules {
            let sends = rule.actions.filter { if case .send = $0.kind { true } else { false } }
            if rule.declaration.bypassesPolicy {
                if sends.isEmpty {
                    let clause = rule.declaration.clauses.first { $0.kind == .bypassPolicy }
                    report(Diagnostic(.bypassWithoutSends,
                                      "rule \"\(rule.name)\" has `bypass policy` but sends nothing; the policy only concerns sends",
                                      at: clause?.range ?? rule.declaration.name.range,
                                      fixIts: clause.map { [FixIt(range: $0.range, replacement: "", message: "remove `bypass policy`")] } ?? []))
                }
                continue
            }
            guard let policy, !sends.isEmpty else { continue }
            // Sends of one firing that come due together: the same delay (none counts as zero).
            var byDelay: [Int64: Int] = [:]
            for send in sends { byDelay[send.afterSeconds ?? 0, default: 0] += 1 }
            let most = byDelay.values.max() ?? 0
            if let cap = policy.limits.filter({ Int64(most) > $0.count }).min(by: { $0.count < $1.count }) {
                report(Diagnostic(.ruleExceedsPolicyCap,
                                  "rule \"\(rule.name)\" sends \(most) messages on one event, more than the policy's `limit \(cap)`; the sends past \(cap.count) are always skipped",
                                  at: rule.declaration.name.range,
                                  notes: [DiagnosticNote("the limit is here", at: policy.declaration.range)]))
            }
        }
    }
}
