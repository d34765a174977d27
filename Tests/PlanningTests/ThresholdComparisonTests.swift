import Foundation
@testable import Planning
import RulecTestSupport
import Semantics
import Store
import Syntax
import Testing

/// `max(C.f …) >= K` (or `>`) and `min(C.f …) <= K` (or `<`) compile to an
/// `exists` with the comparison as a row filter, `count(C …) >= 1` (or `> 0`)
/// to the `exists` alone (`SQLCompiler.Threshold`).
/// Fans whose extremes sit on, just above and just below each K, fans with no
/// rows, rows with a null value, a K read from the clock, every
/// operator (the others keep the aggregate), the aggregate on either side and
/// negated: the grouped set, the correlated sub-query and the one-fan plan
/// must select exactly the fans the evaluator does.
@Suite struct ThresholdComparisonTests {
    /// Each fan's transaction amounts in cents; fan 1 has none.
    static let amounts: [[Int64]] = [[], [1], [2], [3], [1, 3], [2, 2], [0, 4], [-1], [-2, 5], [4, 1, 2]]
    /// Each fan's subscriptions' renewal times, relative to `now` in days; nil is no renewal date.
    static let renewals: [[Int64?]] = [[], [nil], [1], [3], [nil, 5], [2, 4], [-1], [3, nil], [], [10]]
    static let now: Int64 = 1_773_671_400

    static func store() throws -> CreatorStore {
        let store = try Store.open(path: ":memory:")
        try SQLFunctions.register(on: store.database)
        return try fill(store)
    }

    static func fill(_ store: Store) throws -> CreatorStore {
        let creator = store.creator("creator_a")
        for (index, (amounts, renewals)) in zip(amounts, renewals).enumerated() {
            let fan = Int64(index + 1)
            try creator.execute(fanRow(fan))
            for (n, amount) in amounts.enumerated() {
                // Every other row a tip, all within the last 30 days but the first of three.
                let kind = n % 2 == 0 ? "tip" : "ppv"
                let age: Int64 = n % 3 == 0 ? 40 * 86_400 : 86_400
                try creator.execute("INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, \(fan), 'x', '\(kind)', \(amount), \(now - age))")
            }
            for renewal in renewals {
                let at = renewal.map { String(now + $0 * 86_400) } ?? "NULL"
                try creator.execute("INSERT INTO fan_subscriptions (user_id, fan_id, platform, renews_at, started_at) VALUES (:user, \(fan), 'x', \(at), \(now - 86_400))")
            }
        }
        return creator
    }

    @Test func everyPlanAgreesWithTheEvaluator() throws {
        try Self.agree(on: try Self.store(), dialect: .sqlite)
    }

    static func agree(on creator: CreatorStore, dialect: PlanDialect) throws {
        var conditions: [(text: String, threshold: Bool)] = []
        let reads = [
            ("max", "fan.transactions.amount", ["$0.00 - $0.01", "$0.00", "$0.02", "$0.03", "$0.04"]),
            ("min", "fan.transactions.amount", ["$0.00 - $0.02", "$0.00", "$0.01", "$0.02", "$0.05"]),
            ("max", "fan.transactions.amount within 30d where kind == \"tip\"", ["$0.01", "$0.02", "$0.04"]),
            ("min", "fan.transactions.amount where kind == \"ppv\"", ["$0.01", "$0.03"]),
            ("max", "fan.subscriptions.renews_at", ["now + 2d", "now + 3d", "now"]),
            ("min", "fan.subscriptions.renews_at", ["now + 2d", "now + 3d", "now"]),
        ]
        for (function, source, thresholds) in reads {
            for k in thresholds {
                for op in ["==", "!=", "<", "<=", ">", ">="] {
                    let aggregate = "\(function)(\(source))"
                    let passes = function == "max" ? [">=", ">"].contains(op) : ["<=", "<"].contains(op)
                    let mirrored = function == "max" ? ["<=", "<"].contains(op) : [">=", ">"].contains(op)
                    conditions.append(("\(aggregate) \(op) (\(k))", passes))
                    conditions.append(("(\(k)) \(op) \(aggregate)", mirrored))
                    conditions.append(("not (\(aggregate) \(op) (\(k)))", passes))
                }
            }
        }
        // A count is "some row" at `>= 1` and `> 0` only.
        for source in ["fan.transactions where kind == \"tip\"", "fan.subscriptions within 30d"] {
            for k in [0, 1, 2] {
                for op in ["==", "!=", "<", "<=", ">", ">="] {
                    let some = (op == ">=" && k == 1) || (op == ">" && k == 0)
                    let mirrored = (op == "<=" && k == 1) || (op == "<" && k == 0)
                    conditions.append(("count(\(source)) \(op) \(k)", some))
                    conditions.append(("\(k) \(op) count(\(source))", mirrored))
                    conditions.append(("not (count(\(source)) \(op) \(k))", some))
                }
            }
        }
        let splits = try expectPlansAgreeWithEvaluator(conditions.map(\.text), on: creator, dialect: dialect, now: now) { index, shape, plan in
            let condition = conditions[index]
            let aggregates = plan.sql.contains("max(") || plan.sql.contains("min(") || plan.sql.contains("count(")
            if condition.threshold {
                #expect(!aggregates, "\(condition.text) (\(shape)) reads rows, not the aggregate:\n\(plan.sql)")
            } else if !condition.text.contains("count(") {
                // (A count that holds only over no row is an anti-join already.)
                #expect(aggregates, "\(condition.text) (\(shape)) keeps the aggregate:\n\(plan.sql)")
            }
        }
        // Most conditions split the fans, so agreeing means something.
        #expect(splits >= conditions.count / 2)
    }
}

/// The same fans on PostgreSQL.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"))
struct PostgresThresholdComparisonTests {
    @Test func everyPlanAgreesWithTheEvaluator() throws {
        let postgres = try PostgresPlanningDatabase()
        try ThresholdComparisonTests.agree(on: try ThresholdComparisonTests.fill(postgres.store), dialect: .postgres)
    }
}
