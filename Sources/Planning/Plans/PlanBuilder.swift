import Semantics
import Syntax

/// Builds condition plans: splits the condition into its top-level conjuncts
/// (inlining segments used positively, so their conjuncts plan like the
/// rule's own), compiles each to SQL, and leaves to the evaluator each
/// conjunct SQL cannot reproduce exactly.
public enum PlanBuilder {
    public static func plan(_ condition: Expr?, program: CheckedProgram, scope: FanScope) -> ConditionPlan {
        let compiler = SQLCompiler(program: program, scope: scope)
        var clauses: [String] = []
        var residual: [ResidualConjunct] = []
        var bindings: [PlanBinding] = []
        if scope == .oneFan {
            clauses.append("f.id = ?")
            bindings.append(.fanID)
        }
        for conjunct in condition.map({ conjuncts(of: $0, program: program) }) ?? [] {
            let before = compiler.bindings.count
            do {
                clauses.append(try compiler.condition(conjunct, .positive))
            } catch let reason as ResidualReason {
                compiler.discardBindings(from: before)
                residual.append(ResidualConjunct(expr: conjunct, reason: reason.message))
            } catch {
                compiler.discardBindings(from: before)
                residual.append(ResidualConjunct(expr: conjunct, reason: "\(error)"))
            }
        }
        bindings += compiler.bindings
        let sql: String
        let sets = clauses.compactMap { compiler.semiJoinSubqueries[$0] }
        if scope == .allFans, residual.isEmpty, !clauses.isEmpty, sets.count == clauses.count {
            // Every conjunct is a set of fan ids read from an index (tags, scores,
            // grouped aggregates…): intersect them there. Their rows name fans of
            // this creator only (foreign keys and the store's creator-scope
            // triggers), so fan_profiles need not be visited to confirm it.
            sql = sets.count == 1
                ? "SELECT DISTINCT fan_id FROM (\(sets[0])) ORDER BY fan_id"
                : sets.map { "SELECT fan_id FROM (\($0))" }.joined(separator: " INTERSECT ") + " ORDER BY 1"
        } else {
            let filters = clauses.map { " AND " + $0 }.joined()
            sql = "SELECT f.id FROM fan_profiles f WHERE f.user_id = :user\(filters) ORDER BY f.id"
        }
        var plan = ConditionPlan(scope: scope, sql: sql, bindings: bindings, residual: residual, condition: condition)
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

extension SQLCompiler {
    func discardBindings(from count: Int) {
        removeBindings(after: count)
    }
}
