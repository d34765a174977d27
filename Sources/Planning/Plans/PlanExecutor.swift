import Foundation
import Semantics
import Store
import Syntax

/// Runs condition plans against a creator's store.
public struct PlanExecutor {
    public let store: CreatorStore
    public let program: CheckedProgram

    /// `store`'s connection must have the `rulec_*` functions (`SQLFunctions.register`).
    public init(store: CreatorStore, program: CheckedProgram) {
        self.store = store
        self.program = program
    }

    /// The fans for whom the condition holds, ascending. For a one-fan plan,
    /// `fanID` names the fan (the result is it or nothing).
    public func fanIDs(_ plan: ConditionPlan, context: EvaluationContext, fanID: Int64? = nil) throws -> [Int64] {
        // A plan written for another engine (a stored plan is SQLite's) is
        // planned again in this store's dialect.
        let plan = plan.dialect == store.planDialect
            ? plan : PlanBuilder.plan(plan.condition, program: program, scope: plan.scope, dialect: store.planDialect)
        if plan.scope == .oneFan, plan.isFanIndependent, let fanID,
           try store.scalar("SELECT 1 FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fanID)]).int64 == 1 {
            // `event.amount >= $20`, or no condition: nothing to read about the fan
            // beyond its existence, so the evaluator answers from the event alone.
            let holds = try plan.condition.map { try Evaluator(program: program, context: context, facts: nil).holds($0) } ?? true
            return holds ? [fanID] : []
        }
        let values = try bindingValues(plan, context: context, fanID: fanID)
        var candidates: [Int64] = []
        do {
            try store.recoverable { try store.forEachRow(plan.sql, values) { candidates.append($0.int64(0)) } }
        } catch let error as SQLiteError where error.message.contains("integer overflow") || ["22003", "22008"].contains(error.sqlState) {
            // SQLite's sum() fails on overflow where the language yields null,
            // PostgreSQL's floats overflow and its timestamps end (year 294276)
            // where the language's do not: the evaluator is the reference, so let it answer.
            return try evaluatorFanIDs(plan.condition, context: context, only: fanID)
        }
        guard !plan.residual.isEmpty else { return candidates }
        return try candidates.filter { id in
            let evaluator = Evaluator(program: program, context: context, facts: StoreFanFacts(store: store, fanID: id))
            return try plan.residual.allSatisfy { try evaluator.holds($0.expr) }
        }
    }

    /// The same question answered by the evaluator alone, fan by fan: the
    /// reference the SQL path is tested and benchmarked against.
    public func evaluatorFanIDs(_ condition: Expr?, context: EvaluationContext, only fanID: Int64? = nil) throws -> [Int64] {
        var ids: [Int64] = []
        if let fanID {
            ids = try store.rows("SELECT id FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fanID)]).compactMap { $0[0].int64 }
        } else {
            try store.forEachRow("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id") { ids.append($0.int64(0)) }
        }
        guard let condition else { return ids }
        return try ids.filter { id in
            try Evaluator(program: program, context: context, facts: StoreFanFacts(store: store, fanID: id)).holds(condition)
        }
    }

    /// The bound values of a plan for one execution.
    public func bindingValues(_ plan: ConditionPlan, context: EvaluationContext, fanID: Int64? = nil) throws -> [SQLValue] {
        try bindingValues(plan.bindings, context: context, fanID: fanID)
    }

    func bindingValues(_ bindings: [PlanBinding], context: EvaluationContext, fanID: Int64? = nil) throws -> [SQLValue] {
        let evaluator = Evaluator(program: program, context: context, facts: nil)
        return try bindings.map { binding in
            switch binding {
            case .value(let value): return SQLEncoding.encode(value)
            case .expression(let expr): return SQLEncoding.encode(try evaluator.evaluate(expr))
            case .truth(let expr): return .integer(try evaluator.holds(expr) ? 1 : 0)
            case .windowStart(let duration):
                return SQLEncoding.encode(Arithmetic.subtract(.timestamp(context.now), try evaluator.evaluate(duration)))
            case .now: return .integer(context.now)
            case .zoneName: return .text(context.zone.identifier)
            case .fanID: return fanID.map(SQLValue.integer) ?? .null
            }
        }
    }
}
