import Syntax

/// The text form of `rulec explain`, written for a creator reading about their
/// own rules: one block per segment or rule, a label column on the left, the
/// SQL laid out one condition a line, and each `?` with what it is bound to.
extension ProgramExplanation {
    public var text: String {
        let blocks = (policy.map { [$0.textLines] } ?? []) + segments.map(\.textLines) + rules.map(\.textLines)
        guard !blocks.isEmpty else { return "nothing to explain: the program has no segments or rules\n" }
        return blocks.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\n")
    }
}

extension SegmentExplanation {
    var textLines: [String] {
        var lines = ["segment " + name + (displayName.map { " " + Value.string($0).description } ?? "")]
        lines.append(ExplainText.labeled("when", Format.expression(condition)))
        lines += ExplainText.plan(plan, parameters: parameters, heading: "SQL, over all fans at once")
        return lines
    }
}

extension RuleExplanation {
    var textLines: [String] {
        var lines = ["rule " + Value.string(name).description + (isPaused ? "   (paused: deployed, never run)" : "")]
        lines.append(ExplainText.labeled("on", trigger))
        lines.append(ExplainText.labeled("priority", String(priority)))
        if let cooldownSeconds {
            let duration = Value.duration(cooldownSeconds).description
            lines.append(ExplainText.labeled("cooldown", duration + " (at most one firing per fan in any " + duration + ")"))
        }
        if let limitText { lines.append(ExplainText.labeled("limit", limitText)) }
        if programHasPolicy {
            lines.append(ExplainText.labeled("policy", bypassesPolicy ? "bypassed (its sends neither count nor wait)" : "applies to its sends"))
        }
        lines.append(ExplainText.labeled("when", condition.map { Format.expression($0) } ?? "(no condition: every fan the trigger reaches)"))
        lines += ExplainText.plan(plan, parameters: parameters, heading: isSchedule ? "SQL, over all fans at each slot" : "SQL, for the event's fan")
        lines.append("  then")
        for (index, action) in actions.enumerated() {
            lines.append("    \(index + 1). " + action.text)
        }
        return lines
    }
}

enum ExplainText {
    static let labelWidth = 10

    static func labeled(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + value
    }

    static func plan(_ plan: ConditionPlan, parameters: [String], heading: String) -> [String] {
        var lines = ["  " + heading]
        lines += SQLLayout.lines(plan.sql).map { "    " + $0 }
        lines.append("  parameters")
        lines.append("    :user  the creator (--user)")
        for (index, parameter) in parameters.enumerated() {
            let marker = "?\(index + 1)".padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("    " + marker + "  " + parameter)
        }
        if !plan.shapes.isEmpty {
            lines.append("  shapes (estimated on the store's data)")
            for decision in plan.shapes {
                lines.append("    " + Format.expression(decision.conjunct))
                lines.append("      " + decision.reason)
                lines += decision.groupedReasons.map { "      grouped: " + $0 }
                lines += decision.correlatedReasons.map { "      correlated: " + $0 }
            }
        }
        if plan.residual.isEmpty {
            lines.append("  evaluator (nothing: the SQL decides the whole condition)")
        } else {
            lines.append("  evaluator checks each fan the SQL returns for")
            for conjunct in plan.residual {
                lines.append("    " + Format.expression(conjunct.expr))
                lines.append("      because " + conjunct.reason)
            }
        }
        return lines
    }
}

/// Lays out the SQL of a plan for reading: `WHERE`, each top-level `AND` and
/// `ORDER BY` start a line. Only parenthesis depth 0 is split, so subqueries
/// stay whole; quoted text is skipped (plans bind values, but the compiler
/// writes a few fixed literals such as `'active'`).
enum SQLLayout {
    static func lines(_ sql: String) -> [String] {
        let breaks: [(keyword: String, indent: String)] = [(" WHERE ", ""), (" AND ", "  "), (" INTERSECT ", ""), (" ORDER BY ", "")]
        var lines: [String] = []
        var current = ""
        var depth = 0
        var inQuote = false
        var index = sql.startIndex
        while index < sql.endIndex {
            let c = sql[index]
            if !inQuote && depth == 0,
               let hit = breaks.first(where: { sql[index...].hasPrefix($0.keyword) }) {
                lines.append(current)
                current = hit.indent + hit.keyword.dropFirst()
                index = sql.index(index, offsetBy: hit.keyword.count)
                continue
            }
            if c == "'" { inQuote.toggle() }
            if !inQuote { if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } }
            current.append(c)
            index = sql.index(after: index)
        }
        lines.append(current)
        return lines
    }
}
