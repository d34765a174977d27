import Foundation
import Semantics
import Syntax

/// `rulec test --coverage` (LANGUAGE.md §10, docs/TESTING.md "Coverage"):
/// every atomic condition seen true and seen false; every rule seen firing and
/// seen not firing (held back or not matching); MC/DC per atomic condition.
/// `percent` counts conditions and rules, both outcomes each (RULEC.md).
public struct CoverageSummary: Sendable {
    public struct Count: Sendable {
        public var covered = 0
        public var total = 0
    }

    /// Something the tests never showed, at a sub-expression or rule name.
    public struct Uncovered: Sendable {
        public var range: SourceRange
        public var what: String
    }

    public var conditions = Count()
    public var mcdc = Count()
    public var rules = Count()
    public var uncovered: [Uncovered] = []

    /// Percent of condition and rule outcomes covered, one decimal.
    public var percent: Double {
        let total = conditions.total + rules.total
        guard total > 0 else { return 100 }
        return (Double((conditions.covered + rules.covered) * 1000 / total)) / 10
    }

    public init(program: CheckedProgram, log: CoverageLog) {
        for decision in Decision.all(in: program) {
            let seen = log.evaluations[decision.key] ?? []
            for (index, atom) in decision.atoms.enumerated() {
                let values = Set(seen.compactMap { $0.atoms.indices.contains(index) ? $0.atoms[index] : nil })
                let text = Format.expression(atom)
                for outcome in [true, false] {
                    conditions.total += 1
                    if values.contains(outcome) {
                        conditions.covered += 1
                    } else {
                        uncovered.append(Uncovered(range: atom.range, what: "`\(text)` never seen \(outcome) (\(decision.key))"))
                    }
                }
                mcdc.total += 1
                var shown: Set<Bool> = []
                for evaluation in seen where decision.unmasked(evaluation.atoms).contains(index) {
                    if let value = evaluation.atoms[index] { shown.insert(value) }
                }
                if shown.count == 2 {
                    mcdc.covered += 1
                } else if values.count == 2 {
                    // An atom never seen both ways is listed once, above; MC/DC is counted all the same.
                    uncovered.append(Uncovered(range: atom.range, what: "`\(text)` never shown to decide \(decision.key) alone (MC/DC)"))
                }
            }
        }
        for rule in program.rules where !rule.isPaused {
            let range = rule.declaration.name.range
            let name = LiteralPrinter.string(rule.name)
            rules.total += 1
            if log.fired.contains(rule.name) { rules.covered += 1 } else {
                uncovered.append(Uncovered(range: range, what: "rule \(name) never seen firing"))
            }
            // A rule with no condition, cooldown or limit always fires: it has no other outcome.
            guard rule.condition != nil || rule.cooldownSeconds != nil || rule.limit != nil else { continue }
            rules.total += 1
            if log.heldBack.contains(rule.name) || log.notMatching.contains(rule.name) { rules.covered += 1 } else {
                uncovered.append(Uncovered(range: range, what: "rule \(name) never seen held back or not matching"))
            }
        }
        uncovered.sort { ($0.range.file.rawValue, $0.range.start) < ($1.range.file.rawValue, $1.range.start) }
    }

    public func meets(threshold: Double) -> Bool { percent >= threshold }

    func text(in files: SourceFiles) -> [String] {
        var lines: [String] = []
        for item in uncovered {
            let span = files.span(of: item.range)
            lines.append("\(span.path):\(span.start.line):\(span.start.column): uncovered: \(item.what)")
            if let file = span.file {
                let source = file.lineText(span.start.line)
                let prefix = String(source.unicodeScalars.prefix(span.start.column - 1).map { $0 == "\t" ? "\t" : " " })
                let width = span.isSingleLine ? max(1, span.end.column - span.start.column)
                    : max(1, source.unicodeScalars.count - span.start.column + 1)
                lines.append("    " + source)
                lines.append("    " + prefix + String(repeating: "^", count: width))
            }
        }
        lines.append("coverage: \(Self.format(percent))% (conditions \(conditions.covered)/\(conditions.total), rules \(rules.covered)/\(rules.total)); MC/DC \(mcdc.covered)/\(mcdc.total)")
        return lines
    }

    func json(in files: SourceFiles) -> JSONValue {
        func count(_ c: Count) -> JSONValue { ["covered": .int(c.covered), "total": .int(c.total)] }
        return [
            "conditions": count(conditions), "mcdc": count(mcdc), "rules": count(rules), "percent": .number(percent),
            "uncovered": .array(uncovered.map { item in
                let span = files.span(of: item.range)
                return ["file": .string(span.path), "line": .int(span.start.line), "column": .int(span.start.column),
                        "what": .string(item.what)]
            }),
        ]
    }

    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
