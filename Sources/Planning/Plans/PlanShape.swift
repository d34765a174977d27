import Syntax

/// How a conjunct that reads a collection (an aggregate, `exists`, `x in
/// fan.tags`) runs over all fans.
public enum PlanShape: String, Sendable, Hashable {
    /// One set of fan ids built from the collection's rows (`f.id IN (SELECT
    /// fan_id … GROUP BY fan_id HAVING …)`): reads every row in the window once,
    /// whatever the other conjuncts leave.
    case grouped
    /// A sub-query per candidate fan over the `(user_id, fan_id, …)` index,
    /// evaluated after the fan-level conjuncts: costs in proportion to the fans
    /// they leave.
    case correlated
}

/// Why a conjunct got its shape: the estimates and the two costs, in rows read.
public struct ShapeDecision: Sendable {
    public var conjunct: Expr
    public var shape: PlanShape
    /// Fans left by the fan-level conjuncts, with how that was found.
    public var candidates: PlanEstimator.Estimate
    /// Rows the grouped form reads, with how each collection's share was found.
    public var groupedCost: Double
    public var groupedReasons: [String]
    /// Candidates × (an index seek + the rows per fan).
    public var correlatedCost: Double
    public var correlatedReasons: [String]

    /// The grouped count stopped at the correlated cost: grouped costs at least this.
    public var groupedCostIsLowerBound = false

    public var reason: String {
        if shape == .correlated {
            let grouped = (groupedCostIsLowerBound ? "more than " : "") + Self.rounded(groupedCost)
            return "chose correlated: about \(Self.rounded(correlatedCost)) rows read, against \(grouped) for the grouped form"
        }
        if correlatedCost == 0 { return "chose grouped: about \(Self.rounded(groupedCost)) rows read, a small set" }
        return "chose grouped: about \(Self.rounded(groupedCost)) rows read, against \(Self.rounded(correlatedCost)) for the correlated form"
    }

    static func forced(_ conjunct: Expr, _ shape: PlanShape) -> ShapeDecision {
        ShapeDecision(conjunct: conjunct, shape: shape, candidates: .init(value: 0, how: "not estimated"),
                      groupedCost: 0, groupedReasons: [], correlatedCost: 0, correlatedReasons: [])
    }

    static func rounded(_ value: Double) -> String {
        value >= 1e9 ? "1e9+" : String(Int(value.rounded()))
    }
}
