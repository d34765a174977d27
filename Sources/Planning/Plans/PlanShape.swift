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

/// How a grouped set reads a window of its collection's rows.
public enum GroupedOrder: String, Sendable, Hashable {
    /// The whole `(user_id, fan_id, …)` index in order (`INDEXED BY`), the
    /// window and filters checked on each entry: rows arrive grouped, no sorter.
    case fanOrder = "fan order"
    /// The window's range of the `(user_id, time)` index, each row fetched
    /// from the table and sorted by fan to group it.
    case timeIndex = "time index"
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

    /// How the grouped set reads its rows (chosen whether or not it wins);
    /// nil when it reads only lists (`fan.tags`, `fan.platforms`).
    public var order: GroupedOrder?

    public var reason: String {
        if shape == .correlated {
            return "chose correlated: cost about \(Self.rounded(correlatedCost)), against \(Self.rounded(groupedCost)) for the grouped form"
        }
        let grouped = "chose grouped" + (order.map { " (\($0.rawValue))" } ?? "")
        if correlatedCost == 0 { return "\(grouped): cost about \(Self.rounded(groupedCost)), a small set" }
        return "\(grouped): cost about \(Self.rounded(groupedCost)), against \(Self.rounded(correlatedCost)) for the correlated form"
    }

    static func forced(_ conjunct: Expr, _ shape: PlanShape, order: GroupedOrder?) -> ShapeDecision {
        var decision = ShapeDecision(conjunct: conjunct, shape: shape, candidates: .init(value: 0, how: "not estimated"),
                                     groupedCost: 0, groupedReasons: [], correlatedCost: 0, correlatedReasons: [])
        decision.order = order
        return decision
    }

    static func rounded(_ value: Double) -> String {
        value >= 1e9 ? "1e9+" : String(Int(value.rounded()))
    }
}
