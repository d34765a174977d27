/// Lays out declarations as lines: `let` on one line, `segment` and `rule`
/// as blocks with their body indented one level.
struct DeclarationPrinter {
    let file: SourceFile
    let expr: ExprPrinter

    init(file: SourceFile) {
        self.file = file
        self.expr = ExprPrinter(file: file)
    }

    func lines(for declarations: [Declaration]) -> [LayoutLine] {
        var result: [LayoutLine] = []
        var previous: Declaration?
        for declaration in declarations {
            var block = lines(for: declaration)
            if let previous, !block.isEmpty {
                block[0].blankBefore = !staysGrouped(previous, declaration)
            }
            result += block
            previous = declaration
        }
        return result
    }

    /// Consecutive constants keep the author's grouping: written on adjacent
    /// lines they stay adjacent, so a table of related values reads as one.
    /// Every other pair of declarations is separated by one blank line.
    private func staysGrouped(_ previous: Declaration, _ next: Declaration) -> Bool {
        guard case .constant = previous, case .constant = next else { return false }
        return !SourceScan.hasBlankLine(in: file.bytes, from: previous.range.end, to: next.range.start)
    }

    func lines(for declaration: Declaration) -> [LayoutLine] {
        switch declaration {
        case .constant(let constant):
            var result = expr.lines(constant.value, prefix: "let " + constant.name.name + " = ", indent: 0,
                                    continuation: 1, sourceStart: constant.range.start)
            result[result.count - 1].sourceEnd = max(result[result.count - 1].sourceEnd, constant.range.end)
            return result
        case .segment(let segment):
            var header = "segment " + segment.name.name
            if let displayName = segment.displayName { header += " " + LiteralPrinter.string(displayName.value) }
            let headerEnd = segment.displayName?.range.end ?? segment.name.range.end
            return [LayoutLine(indent: 0, text: header + " {", sourceStart: segment.range.start, sourceEnd: headerEnd)]
                + expr.lines(segment.condition, prefix: "", indent: 1, continuation: 2,
                             sourceStart: segment.condition.range.start)
                + [closer(indent: 0, blockEnd: segment.range.end)]
        case .rule(let rule):
            let header = LayoutLine(indent: 0, text: "rule " + LiteralPrinter.string(rule.name.value) + " {",
                                    sourceStart: rule.range.start, sourceEnd: rule.name.range.end)
            return [header] + Self.canonicalOrder(rule.clauses).flatMap(lines(for:))
                + [closer(indent: 0, blockEnd: rule.range.end)]
        case .test(let test):
            return lines(forTest: test)
        case .policy(let policy):
            return policyLines(policy)
        }
    }

    /// Clauses in the order a reader asks about a rule: what triggers it, when
    /// it applies, how it is throttled, then what it does. The order of
    /// clauses carries no meaning; the sort is stable, so a duplicated clause
    /// (an error reported elsewhere) keeps its relative position.
    static func canonicalOrder(_ clauses: [RuleClause]) -> [RuleClause] {
        clauses.enumerated()
            .sorted { ($0.element.kind.canonicalRank, $0.offset) < ($1.element.kind.canonicalRank, $1.offset) }
            .map(\.element)
    }

    private func lines(for clause: RuleClause) -> [LayoutLine] {
        let range = clause.range
        func single(_ text: String) -> [LayoutLine] {
            [LayoutLine(indent: 1, text: text, sourceStart: range.start, sourceEnd: range.end)]
        }
        switch clause.kind {
        case .on(let trigger):
            return single("on " + self.trigger(trigger))
        case .when(let condition):
            var result = expr.lines(condition, prefix: "when ", indent: 1, continuation: 2, sourceStart: range.start)
            result[result.count - 1].sourceEnd = max(result[result.count - 1].sourceEnd, range.end)
            return result
        case .priority(let value):
            return single("priority " + expr.print(value))
        case .cooldown(let duration):
            return single("cooldown " + expr.print(duration))
        case .limit(let limit):
            var text = "limit " + expr.print(limit.count) + " per fan"
            if let window = limit.window { text += " per " + expr.print(window) }
            return single(text)
        case .paused:
            return single("paused")
        case .bypassPolicy:
            return single("bypass policy")
        case .description(let text):
            return single("description " + LiteralPrinter.string(text.value))
        case .then(let actions):
            let opener = LayoutLine(indent: 1, text: "then {", sourceStart: range.start,
                                    sourceEnd: min(range.end, range.start + "then".utf8.count))
            let body = actions.flatMap { lines(for: $0, indent: 2) }
            return [opener] + body + [closer(indent: 1, blockEnd: range.end)]
        }
    }

    func trigger(_ trigger: TriggerSyntax) -> String {
        switch trigger {
        case .event(let path, let argument, _):
            let name = path.map(\.name).joined(separator: ".")
            switch argument {
            case .none: return name
            case .name(let identifier)?: return name + " " + identifier.name
            case .string(let string)?: return name + " " + LiteralPrinter.string(string.value)
            }
        case .schedule(.daily(let time), _):
            return "schedule daily at " + LiteralPrinter.clock(time)
        case .schedule(.weekly(let day, let time), _):
            return "schedule weekly on " + day.name + " at " + LiteralPrinter.clock(time)
        case .schedule(.every(let interval), _):
            return "schedule every " + expr.print(interval)
        }
    }

    /// The closing brace of a block whose range ends just after it.
    func closer(indent: Int, blockEnd: Int) -> LayoutLine {
        let brace = SourceScan.closingBrace(in: file.bytes, endingAt: blockEnd)
        return LayoutLine(indent: indent, text: "}", sourceStart: brace, sourceEnd: blockEnd, isCloser: true)
    }
}

extension RuleClauseKind {
    /// Position in the canonical clause order (on, when, priority, cooldown,
    /// limit, bypass policy, paused, description, then).
    var canonicalRank: Int {
        switch self {
        case .on: 0
        case .when: 1
        case .priority: 2
        case .cooldown: 3
        case .limit: 4
        case .bypassPolicy: 5
        case .paused: 6
        case .description: 7
        case .then: 8
        }
    }
}
