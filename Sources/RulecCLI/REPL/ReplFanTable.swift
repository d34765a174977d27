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
    /// Longer cells are cut with an ellipsis so the table stays readable.
    static let cellWidth = 32

    func lines(for ids: [Int64], condition: Expr) throws -> [String] {
        let columns = Self.columns(of: condition, program: program)
        var rows: [[String]] = [["id", "display_name"] + columns.map(\.title)]
        for id in ids {
            let facts = StoreFanFacts(store: store, fanID: id)
            let evaluator = Evaluator(program: program, context: context, facts: facts)
            var row = [String(id), try Self.cell(facts.field(Catalog.fanField(named: "display_name")!))]
            for column in columns { row.append(Self.cell(try evaluator.evaluate(column.expr))) }
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
            // Cut like a cell, with an ellipsis, so a shortened title does not pass for a whole one.
            columns.append(Column(title: cell(.string(title)), expr: expr))
        }
        visit(condition)
        return columns
    }

    static func cell(_ value: Value) -> String {
        let text: String = switch value {
        case .string(let s): s
        case .list(let items): items.map { if case .string(let s) = $0 { s } else { $0.description } }.joined(separator: ", ")
        default: value.description
        }
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > cellWidth ? String(flat.prefix(cellWidth - 1)) + "…" : flat
    }
}
