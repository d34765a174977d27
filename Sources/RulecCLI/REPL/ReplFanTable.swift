import Planning
import Semantics
import Store
import Syntax

/// The table after a condition: the first matching fans with the fields the
/// condition used (fan fields, scores, and each aggregate's value), so a user
/// sees at a glance why those fans matched.
struct ReplFanTable {
    let program: CheckedProgram
    let context: EvaluationContext
    let store: CreatorStore
    /// The terminal's width in columns; nil when output is not a terminal.
    var terminalColumns: Int? = nil
    /// Longer cells are cut with an ellipsis so the table stays readable; a
    /// wider terminal gives each column its share of the width, never less.
    static let cellWidth = 32

    func lines(for ids: [Int64], condition: Expr) throws -> [String] {
        let columns = Self.columns(of: condition, program: program)
        let count = columns.count + 2
        let width = terminalColumns.map { max(Self.cellWidth, ($0 - 2 * (count - 1)) / count) } ?? Self.cellWidth
        var rows: [[String]] = [["id", "display_name"] + columns.map { Self.cut($0.title, to: width) }]
        for id in ids {
            let facts = StoreFanFacts(store: store, fanID: id)
            let evaluator = Evaluator(program: program, context: context, facts: facts)
            var row = [String(id), try Self.cell(facts.field(Catalog.fanField(named: "display_name")!), width: width)]
            for column in columns { row.append(Self.cell(try evaluator.evaluate(column.expr), width: width)) }
            rows.append(row)
        }
        return TextTable.lines(rows)
    }

    struct Column {
        let title: String
        let expr: Expr
    }

    /// Fan fields, scores and aggregates the condition reads, each once, in
    /// source order; segments it names are looked into.
    static func columns(of condition: Expr, program: CheckedProgram) -> [Column] {
        var seen: Set<String> = ["display_name", "fan.display_name", "fan.id"]
        var columns: [Column] = []
        func visit(_ expr: Expr) {
            switch program.resolution(of: expr) {
            case .fanField?, .scoreDimension?:
                add(expr); return
            case .segment(let name)?:
                if let segment = program.segment(named: name) { visit(segment.condition) }
                return
            default: break
            }
            if case .aggregate = expr.kind { add(expr); return }
            expr.children.forEach(visit)
        }
        func add(_ expr: Expr) {
            let title = Format.expression(expr)
            guard seen.insert(title).inserted else { return }
            columns.append(Column(title: title, expr: expr))
        }
        visit(condition)
        return columns
    }

    /// A value as a cell: strings bare, lists comma-separated, on one line,
    /// cut at `width` columns (nil: never) with an ellipsis, so a shortened
    /// value does not pass for a whole one.
    static func cell(_ value: Value, width: Int? = cellWidth) -> String {
        let text: String = switch value {
        case .string(let s): s
        case .list(let items): items.map { if case .string(let s) = $0 { s } else { $0.description } }.joined(separator: ", ")
        default: value.description
        }
        return cut(text.replacingOccurrences(of: "\n", with: " "), to: width)
    }

    static func cut(_ text: String, to width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return String(text.prefix(max(1, width - 1))) + "…"
    }
}
