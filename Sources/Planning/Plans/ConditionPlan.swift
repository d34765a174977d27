import Syntax

/// How one condition (a segment's, or a rule's `when`) runs: a query over
/// `fan_profiles f` whose conjuncts SQLite evaluates, plus the conjuncts that
/// stay with the evaluator and are checked for each fan the query returns.
public struct ConditionPlan: Sendable {
    public var scope: FanScope
    /// `SELECT f.id FROM fan_profiles f WHERE f.user_id = :user … ORDER BY f.id`.
    public var sql: String
    /// One per `?` of `sql`, in order (`:user` is bound by the creator-scoped store).
    public var bindings: [PlanBinding]
    /// Conjuncts the evaluator checks on each candidate, with why each is there.
    public var residual: [ResidualConjunct]
    /// The whole condition, for the evaluator path (`why`, fallback, tests).
    public var condition: Expr?
    /// The condition reads nothing about the fan (only the event, the clock and
    /// constants), or there is none: for one fan, the evaluator decides it
    /// without a query.
    public var isFanIndependent: Bool = false
    /// For a plan over all fans built with a store's estimates: the shape
    /// chosen for each conjunct that reads a collection, and why.
    public var shapes: [ShapeDecision] = []
    /// The SQL engine `sql` is written for (not part of the JSON form: a
    /// stored plan is SQLite's, and is planned again for another engine).
    public var dialect: PlanDialect = .sqlite

    public var isPureSQL: Bool { residual.isEmpty }
}

public struct ResidualConjunct: Sendable {
    public var expr: Expr
    public var reason: String
}
