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
    /// Each fan's messages' sentiments (a number); nil is none.
    static let sentiments: [[Double?]] = [[nil], [0.5], [-0.25, 0.75], [], [nil, -1], [0.5, 0.5], [1], [0], [-0.5], [0.25, nil]]
    static let now: Int64 = 1_773_671_400

    static func store() throws -> CreatorStore {
        let store = try Store.open(path: ":memory:")
        try SQLFunctions.register(on: store.database)
        return try fill(store)
    }

    static func fill(_ store: Store) throws -> CreatorStore {
        let creator = store.creator("creator_a")
        for (index, ((amounts, renewals), sentiments)) in zip(zip(amounts, renewals), sentiments).enumerated() {
            let fan = Int64(index + 1)
            try creator.execute(fanRow(fan))
            for (n, amount) in amounts.enumerated() {
                // Every other row a tip, all within the last 30 days but the first of three.
                let kind = n % 2 == 0 ? "tip" : "ppv"
                let age: Int64 = n % 3 == 0 ? 40 * 86_400 : 86_400
                try creator.execute("INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, \(fan), 'x', '\(kind)', \(amount), \(now - age))")
            }
            for sentiment in sentiments {
                let value = sentiment.map { String($0) } ?? "NULL"
                try creator.execute("INSERT INTO fan_messages (user_id, fan_id, platform, direction, sentiment, sent_at) VALUES (:user, \(fan), 'x', 'inbound', \(value), \(now - 86_400))")
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
        // `threshold`: whether the condition is rewritten; nil when it mixes forms.
        var conditions: [(text: String, threshold: Bool?)] = []
        let reads = [
            ("max", "fan.transactions.amount", ["$0.00 - $0.01", "$0.00", "$0.02", "$0.03", "$0.04"]),
            ("min", "fan.transactions.amount", ["$0.00 - $0.02", "$0.00", "$0.01", "$0.02", "$0.05"]),
            ("max", "fan.transactions.amount within 30d where kind == \"tip\"", ["$0.01", "$0.02", "$0.04"]),
            ("min", "fan.transactions.amount where kind == \"ppv\"", ["$0.01", "$0.03"]),
            ("max", "fan.subscriptions.renews_at", ["now + 2d", "now + 3d", "now"]),
            ("min", "fan.subscriptions.renews_at", ["now + 2d", "now + 3d", "now"]),
            ("max", "fan.messages.sentiment", ["0.5", "0", "1"]),
            ("min", "fan.messages.sentiment", ["0 - 0.5", "0", "0.25"]),
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
        // Inside `or`, inside another aggregate's filter, and as a value.
        conditions += [
            ("max(fan.transactions.amount) >= $0.03 or min(fan.transactions.amount) < $0.00", nil),
            ("not (max(fan.transactions.amount) > $0.02 or count(fan.subscriptions) >= 1)", nil),
            ("exists(fan.subscriptions where max(fan.transactions.amount) >= $0.02)", nil),
            ("count(fan.messages where min(fan.transactions.amount) <= $0.01) >= 1", nil),
            ("(max(fan.transactions.amount) >= $0.03) == (count(fan.subscriptions) > 0)", nil),
        ]
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
            if condition.threshold == true {
                #expect(!aggregates, "\(condition.text) (\(shape)) reads rows, not the aggregate:\n\(plan.sql)")
            } else if condition.threshold == false, !condition.text.contains("count(") {
                // (A count that holds only over no row is an anti-join already.)
                #expect(aggregates, "\(condition.text) (\(shape)) keeps the aggregate:\n\(plan.sql)")
            }
        }
        // Most conditions split the fans, so agreeing means something.
        #expect(splits >= conditions.count / 2)
    }
}

/// How the chooser prices a threshold (`ShapeChooser.cost(of:)`): as the
/// `exists` it compiles to when the sample counts the rows that pass it, as
/// the aggregate it replaces when there is no such count (PostgreSQL, or
/// here a store without fans, which has no sample), where pricing it as an
/// `exists` would assume every candidate stops at its second row.
@Suite struct ThresholdCostTests {
    static func reads(_ condition: String, fans: Int) throws -> (ShapeChooser.ReadCost, SQLCompiler.Threshold?) {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        if fans > 0 { try Seeder.run(SeedOptions(fans: fans, userID: "u"), into: store) }
        let program = try checkedProgram("segment s { \(condition) }")
        let estimator = PlanEstimator(store: store.creator("u"), program: program,
                                      context: EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!))
        let compiler = SQLCompiler(program: program, scope: .allFans)
        let read = try #require(CollectionRead.all(in: program.segment(named: "s")!.condition, compiler: compiler).first)
        guard case .aggregate(_, _, let threshold) = read else { throw TestFailure(message: "not an aggregate read") }
        return (ShapeChooser.cost(of: read, estimator: estimator, compiler: compiler), threshold)
    }

    @Test func aThresholdStopsAtItsFirstPassingRowOnlyWhenCounted() throws {
        let counted = try Self.reads("max(fan.transactions.amount where kind == \"tip\") >= $50", fans: 300)
        #expect(counted.1?.rowTest != nil)
        #expect(counted.0.correlatedHow.contains("up to the first found"))
        // The seek is bounded by `kind == "tip"`, not by the amount: it reaches
        // every tip, about a quarter of the rows (tips of $50 or more are 4%).
        let share = counted.0.correlatedHow.firstMatch(of: /the seek reads (\d+)% of them/).flatMap { Int($0.1) }
        #expect((15...40).contains(share ?? 0), "\(counted.0.correlatedHow)")
        let uncounted = try Self.reads("max(fan.transactions.amount) >= $50", fans: 0)
        #expect(uncounted.1 != nil)
        #expect(!uncounted.0.correlatedHow.contains("up to the first found"))
        // A count's threshold is the `exists` itself, counted or not.
        let some = try Self.reads("count(fan.transactions) >= 1", fans: 0)
        #expect(some.1?.rowTest == nil)
        #expect(some.0.correlatedHow.contains("up to the first found"))
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
