import Semantics
import Syntax

/// One line of `rulec why`: a sub-expression of the condition, whether it
/// held, its value, the values it compared, and the parts it is made of.
public struct WhyNode: Sendable, Equatable {
    public var holds: Bool
    /// The sub-expression as source text, or `all of` / `any of` for a chain
    /// of `and` / `or` (its parts follow, one a line).
    public var text: String
    /// The operands' values (`$812.40 >= $500`), or the value of a term that
    /// is not a plain bool; nil when the mark says it all.
    public var detail: String?
    public var children: [WhyNode]
    /// The node's own value as the language writes it (`true`, `$812.40`,
    /// `null`); nil for a chain, which has no single expression, or a part
    /// the evaluation never reached.
    public var value: String?
    /// Where the sub-expression is written; nil for a chain.
    public var range: SourceRange?
    /// For an aggregate (or a comparison on one): the rows it looked at.
    public var rows: WhyRows?

    public init(holds: Bool, text: String, detail: String? = nil, children: [WhyNode] = [],
                value: String? = nil, range: SourceRange? = nil, rows: WhyRows? = nil) {
        self.holds = holds
        self.text = text
        self.detail = detail
        self.children = children
        self.value = value
        self.range = range
        self.rows = rows
    }

    /// The tree without values and places: what `==` in tests of the shape compares.
    public var shape: WhyNode {
        WhyNode(holds: holds, text: text, detail: detail, children: children.map(\.shape))
    }
}

/// What an aggregate (`exists`, `count`, `sum`, …) saw for the fan: how many
/// rows the collection has, how many are in its window, how many of those
/// pass its filter, and a few of them, so a user can tell which row failed.
public struct WhyRows: Sendable, Equatable {
    /// `fan.transactions`.
    public var collection: String
    public var total: Int
    /// The `within D` window as written (`7d`); nil without one.
    public var window: String?
    public var inWindow: Int
    /// The `where` filter as written; nil without one.
    public var filter: String?
    public var passing: Int
    /// Up to `WhyTrace.shownRows` rows that passed, latest first.
    public var matched: [String]
    /// Up to `WhyTrace.shownRows` rows that did not: in the window but failing
    /// the filter, else the latest outside the window; latest first.
    public var failed: [String]

    public init(collection: String, total: Int, window: String?, inWindow: Int, filter: String?, passing: Int,
                matched: [String], failed: [String]) {
        self.collection = collection
        self.total = total
        self.window = window
        self.inWindow = inWindow
        self.filter = filter
        self.passing = passing
        self.matched = matched
        self.failed = failed
    }

    /// `14 rows; 3 within 7d; 1 of those where amount >= $50`.
    public var summary: String {
        var parts = ["\(total) row\(total == 1 ? "" : "s")"]
        if let window { parts.append("\(inWindow) within \(window)") }
        if let filter { parts.append("\(passing) of \(window == nil ? "them" : "those") where \(filter)") }
        return parts.joined(separator: "; ")
    }
}

/// Explains one evaluation of a condition: runs the evaluator with its
/// `trace` on (so both sides of every `and`/`or` get a value) and turns the
/// recorded values into a tree that follows the condition's shape. Chains of
/// `and`/`or` become one node with a child per operand; a comparison shows
/// its operands' values; `fan in S` opens into S's own condition; an
/// aggregate shows the rows it counted, with the same window and filter
/// code the evaluator used.
public enum WhyTrace {
    /// How many matching and failing rows an aggregate lists.
    public static let shownRows = 3

    public static func explain(_ condition: Expr, program: CheckedProgram, context: EvaluationContext, facts: FanFacts) throws -> WhyNode {
        let recorded = TraceRecord()
        let evaluator = Evaluator(program: program, context: context, facts: facts)
        evaluator.trace = { expr, value in recorded.values[expr.id] = recorded.values[expr.id] ?? value }
        _ = try evaluator.holds(condition)
        evaluator.trace = nil
        return try Builder(program: program, values: recorded.values, now: context.now, evaluator: evaluator, facts: facts).node(condition)
    }

    /// One node a line, two spaces of indent a level:
    /// `✔ fan.lifetime_spend >= vip_min   ($812.40 >= $500)`; an aggregate's
    /// rows follow its line, indented two more.
    public static func render(_ root: WhyNode) -> String {
        var lines: [String] = []
        func visit(_ node: WhyNode, depth: Int) {
            let mark = node.holds ? "✔" : "✘"
            let detail = node.detail.map { "   (" + $0 + ")" } ?? ""
            let indent = String(repeating: "  ", count: depth)
            lines.append(indent + mark + " " + node.text + detail)
            if let rows = node.rows {
                lines.append(indent + "    " + rows.collection + ": " + rows.summary)
                for row in rows.matched { lines.append(indent + "    matched: " + row) }
                for row in rows.failed { lines.append(indent + "    failed:  " + row) }
            }
            for child in node.children { visit(child, depth: depth + 1) }
        }
        visit(root, depth: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The trace closure needs somewhere mutable to write; one per explanation.
    private final class TraceRecord {
        var values: [ExprID: Value] = [:]
    }

    private struct Builder {
        let program: CheckedProgram
        let values: [ExprID: Value]
        /// `x within D` is shown against the evaluation's clock.
        let now: Int64
        let evaluator: Evaluator
        let facts: FanFacts

        func value(_ expr: Expr) -> Value? { values[expr.id] }

        func shown(_ expr: Expr) -> String { value(expr)?.description ?? "not evaluated" }

        func node(_ expr: Expr) throws -> WhyNode {
            var node = try bare(expr)
            if node.range == nil, node.text != "all of", node.text != "any of" { node.range = expr.range }
            if node.value == nil, node.text != "all of", node.text != "any of" { node.value = value(expr)?.description }
            return node
        }

        private func bare(_ expr: Expr) throws -> WhyNode {
            let holds = value(expr)?.truth ?? false
            let text = Format.expression(expr)
            switch expr.kind {
            case .parenthesized(let inner):
                return try node(inner)
            case .binary(let op, _, _) where op == .and || op == .or:
                let parts = operands(of: expr, joinedBy: op)
                return WhyNode(holds: holds, text: op == .and ? "all of" : "any of", children: try parts.map(node))
            case .unary(.not, let operand):
                return WhyNode(holds: holds, text: text, children: [try node(operand)])
            case .comparison(let op, _, let rhs) where (op == .in || op == .notIn) && segmentName(rhs) != nil:
                let name = segmentName(rhs)!
                guard let segment = program.segment(named: name) else { return WhyNode(holds: holds, text: text) }
                let inside = try node(segment.condition)
                let detail = "segment \(name): " + (inside.holds ? "member" : "not a member")
                return WhyNode(holds: holds, text: text, detail: detail, children: [inside])
            case .comparison(let op, let lhs, let rhs):
                return WhyNode(holds: holds, text: text, detail: "\(shown(lhs)) \(op.rawValue) \(shown(rhs))",
                               rows: try rows(lhs) ?? rows(rhs))
            case .within(let operand, let duration):
                return WhyNode(holds: holds, text: text, detail: "\(shown(operand)) within \(shown(duration)) of \(Value.timestamp(now).description)")
            case .isNull(let operand, _):
                return WhyNode(holds: holds, text: text, detail: shown(operand), rows: try rows(operand))
            default:
                // A bool field (`fan.is_subscribed`) says it with its mark; an
                // aggregate shows its value and rows, anything else (a null, a
                // non-bool) its value.
                let rows = try rows(expr)
                if case .bool? = value(expr), rows == nil { return WhyNode(holds: holds, text: text) }
                return WhyNode(holds: holds, text: text, detail: shown(expr), rows: rows)
            }
        }

        /// The rows behind an aggregate, split the way the evaluator split them
        /// (its `isWithin` and its filter evaluation); nil for anything else or
        /// an aggregate inside another's filter, which has no single fan-level value.
        func rows(_ expr: Expr) throws -> WhyRows? {
            guard case .aggregate(let aggregate) = expr.kind, value(expr) != nil else { return nil }
            let collection: CollectionSpec
            switch program.resolution(of: aggregate.source) {
            case .collection(let c)?, .collectionField(let c, _)?: collection = c
            default: return nil
            }
            let window = try aggregate.window.map { try evaluator.evaluate($0, element: nil) }
            var inWindow: [ElementRow] = [], outside: [ElementRow] = [], passing: [ElementRow] = [], failing: [ElementRow] = []
            for row in try facts.rows(of: collection) {
                if let window, !evaluator.isWithin(row[collection.timeField.name], window) { outside.append(row); continue }
                inWindow.append(row)
                if let filter = aggregate.filter, !(try evaluator.evaluate(filter, element: row).truth) {
                    failing.append(row)
                } else {
                    passing.append(row)
                }
            }
            let shownFields = fieldsShown(aggregate, collection: collection)
            func latestFirst(_ rows: [ElementRow]) -> [String] {
                rows.sorted { time($0, collection) > time($1, collection) }.prefix(WhyTrace.shownRows)
                    .map { row in shownFields.map { "\($0) \(row[$0].description)" }.joined(separator: ", ") }
            }
            let total = inWindow.count + outside.count
            return WhyRows(collection: "fan." + collection.name,
                           total: total, window: aggregate.window.map { Format.expression($0) }, inWindow: inWindow.count,
                           filter: aggregate.filter.map { Format.expression($0) }, passing: passing.count,
                           matched: latestFirst(passing), failed: latestFirst(failing.isEmpty ? outside : failing))
        }

        /// The time field, the fields the filter names, then the aggregated field.
        func fieldsShown(_ aggregate: Aggregate, collection: CollectionSpec) -> [String] {
            var names = [collection.timeField.name]
            func visit(_ expr: Expr) {
                if case .elementField(_, let field)? = program.resolution(of: expr), !names.contains(field.name) { names.append(field.name) }
                expr.children.forEach(visit)
            }
            aggregate.filter.map(visit)
            if case .collectionField(_, let field)? = program.resolution(of: aggregate.source), !names.contains(field.name) {
                names.append(field.name)
            }
            return names
        }

        func time(_ row: ElementRow, _ collection: CollectionSpec) -> Int64 {
            if case .timestamp(let t) = row[collection.timeField.name] { return t }
            return .min
        }

        /// `a and (b and c)` → `[a, b, c]`: one level for a chain, as a reader sees it.
        func operands(of expr: Expr, joinedBy op: BinaryOperator) -> [Expr] {
            switch expr.kind {
            case .parenthesized(let inner): return operands(of: inner, joinedBy: op)
            case .binary(op, let lhs, let rhs): return operands(of: lhs, joinedBy: op) + operands(of: rhs, joinedBy: op)
            default: return [expr]
            }
        }

        func segmentName(_ expr: Expr) -> String? {
            if case .segment(let name)? = program.resolution(of: expr) { return name }
            return nil
        }
    }
}
