import Semantics
import Syntax

/// Builds condition plans: splits the condition into its top-level conjuncts
/// (inlining segments used positively, so their conjuncts plan like the
/// rule's own), compiles each to SQL, and leaves to the evaluator each
/// conjunct SQL cannot reproduce exactly.
public enum PlanBuilder {
    public static func plan(_ condition: Expr?, program: CheckedProgram, scope: FanScope) -> ConditionPlan {
        let compiler = SQLCompiler(program: program, scope: scope)
        var clauses: [PlanSQL] = []
        var residual: [ResidualConjunct] = []
        if scope == .oneFan {
            clauses.append("\(PlanSQL.outer("id")) = \(PlanSQL.parameter(.fanID))")
        }
        for conjunct in condition.map({ conjuncts(of: $0, program: program) }) ?? [] {
            do {
                // A conjunct's parameters are inside its fragment: one that
                // fails to compile leaves nothing behind to unbind.
                clauses.append(try compiler.condition(conjunct, .positive))
            } catch let reason as ResidualReason {
                residual.append(ResidualConjunct(expr: conjunct, reason: reason.message))
            } catch {
                residual.append(ResidualConjunct(expr: conjunct, reason: "\(error)"))
            }
        }
        let query: PlanSQL
        let sets = clauses.compactMap(\.fanSet)
        if scope == .allFans, residual.isEmpty, !clauses.isEmpty, sets.count == clauses.count {
            // Every conjunct is a set of fan ids read from an index (tags, scores,
            // grouped aggregates…): intersect them there. Their rows name fans of
            // this creator only (foreign keys and the store's creator-scope
            // triggers), so fan_profiles need not be visited to confirm it.
            query = sets.count == 1
                ? "SELECT DISTINCT fan_id FROM (\(sets[0])) ORDER BY fan_id"
                : PlanSQL.joined(sets.map { "SELECT fan_id FROM (\($0))" }, separator: " INTERSECT ") + " ORDER BY 1"
        } else {
            let filters = PlanSQL.joined(clauses.map { " AND " + $0 }, separator: "")
            query = "SELECT \(PlanSQL.outer("id")) FROM fan_profiles \(raw: compiler.dialect.outerAlias) WHERE \(PlanSQL.outer("user_id")) = \(PlanSQL.creator)\(filters) ORDER BY \(PlanSQL.outer("id"))"
        }
        var plan = ConditionPlan(scope: scope, sql: query.rendered(in: compiler.dialect), bindings: query.bindings,
                                 residual: residual, condition: condition)
        plan.isFanIndependent = condition.map { !compiler.dependsOnFan($0) } ?? true
        return plan
    }

    /// Top-level `and` operands, looking through parentheses and into segments
    /// named by `fan in S` (the checker has ruled out cycles).
    static func conjuncts(of expr: Expr, program: CheckedProgram) -> [Expr] {
        switch expr.kind {
        case .parenthesized(let inner):
            return conjuncts(of: inner, program: program)
        case .binary(.and, let lhs, let rhs):
            return conjuncts(of: lhs, program: program) + conjuncts(of: rhs, program: program)
        case .comparison(.in, _, let rhs):
            if case .segment(let name)? = program.resolution(of: rhs), let segment = program.segment(named: name) {
                return conjuncts(of: segment.condition, program: program)
            }
            return [expr]
        default:
            return [expr]
        }
    }
}
