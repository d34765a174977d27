import Semantics
import Syntax

/// One line of `rulec why`: a sub-expression of the condition, whether it
/// held, the values it compared, and the parts it is made of.
public struct WhyNode: Sendable, Equatable {
    public var holds: Bool
    /// The sub-expression as source text, or `all of` / `any of` for a chain
    /// of `and` / `or` (its parts follow, one a line).
    public var text: String
    /// The operands' values (`$812.40 >= $500`), or the value of a term that
    /// is not a plain bool; nil when the mark says it all.
    public var detail: String?
    public var children: [WhyNode]

    public init(holds: Bool, text: String, detail: String? = nil, children: [WhyNode] = []) {
        self.holds = holds
        self.text = text
        self.detail = detail
        self.children = children
    }
}

/// Explains one evaluation of a condition: runs the evaluator with its
/// `trace` on (so both sides of every `and`/`or` get a value) and turns the
/// recorded values into a tree that follows the condition's shape. Chains of
/// `and`/`or` become one node with a child per operand; a comparison shows
/// its operands' values; `fan in S` opens into S's own condition.
public enum WhyTrace {
    public static func explain(_ condition: Expr, program: CheckedProgram, context: EvaluationContext, facts: FanFacts) throws -> WhyNode {
        let recorded = TraceRecord()
        let evaluator = Evaluator(program: program, context: context, facts: facts)
        evaluator.trace = { expr, value in recorded.values[expr.id] = recorded.values[expr.id] ?? value }
        _ = try evaluator.holds(condition)
        return Builder(program: program, values: recorded.values, now: context.now).node(condition)
    }

    /// One node a line, two spaces of indent a level:
    /// `✔ fan.lifetime_spend >= vip_min   ($812.40 >= $500)`.
    public static func render(_ root: WhyNode) -> String {
        var lines: [String] = []
        func visit(_ node: WhyNode, depth: Int) {
            let mark = node.holds ? "✔" : "✘"
            let detail = node.detail.map { "   (" + $0 + ")" } ?? ""
            lines.append(String(repeating: "  ", count: depth) + mark + " " + node.text + detail)
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

        func value(_ expr: Expr) -> Value? { values[expr.id] }

        func shown(_ expr: Expr) -> String { value(expr)?.description ?? "not evaluated" }

        func node(_ expr: Expr) -> WhyNode {
            let holds = value(expr)?.truth ?? false
            let text = Format.expression(expr)
            switch expr.kind {
            case .parenthesized(let inner):
                return node(inner)
            case .binary(let op, _, _) where op == .and || op == .or:
                let parts = operands(of: expr, joinedBy: op)
                return WhyNode(holds: holds, text: op == .and ? "all of" : "any of", children: parts.map(node))
            case .unary(.not, let operand):
                return WhyNode(holds: holds, text: text, children: [node(operand)])
            case .comparison(let op, _, let rhs) where (op == .in || op == .notIn) && segmentName(rhs) != nil:
                let name = segmentName(rhs)!
                guard let segment = program.segment(named: name) else { return WhyNode(holds: holds, text: text) }
                let inside = node(segment.condition)
                let detail = "segment \(name): " + (inside.holds ? "member" : "not a member")
                return WhyNode(holds: holds, text: text, detail: detail, children: [inside])
            case .comparison(let op, let lhs, let rhs):
                return WhyNode(holds: holds, text: text, detail: "\(shown(lhs)) \(op.rawValue) \(shown(rhs))")
            case .within(let operand, let duration):
                return WhyNode(holds: holds, text: text, detail: "\(shown(operand)) within \(shown(duration)) of \(Value.timestamp(now).description)")
            case .isNull(let operand, _):
                return WhyNode(holds: holds, text: text, detail: shown(operand))
            default:
                // A bool term (`fan.is_subscribed`, `exists(…)`) says it with its mark;
                // anything else (a null, a non-bool) shows its value.
                if case .bool? = value(expr) { return WhyNode(holds: holds, text: text) }
                return WhyNode(holds: holds, text: text, detail: shown(expr))
            }
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
