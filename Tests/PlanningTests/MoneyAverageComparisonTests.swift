import Foundation
@testable import Planning
import RulecTestSupport
import Semantics
import Store
import Syntax
import Testing

/// `avg(money) op K` compiles to a test on one sum, of `2·x − (2K − 1)` over
/// the rows' amounts x (`SQLCompiler.moneyAverageTest`). Fans whose averages sit on the halves
/// either side of each K, both signs, every operator, the aggregate on
/// either side: the grouped set, the correlated sub-query and the one-fan
/// plan must select exactly the fans the evaluator does.
@Suite struct MoneyAverageComparisonTests {
    /// Each fan's transaction amounts in cents; fan 1 has none.
    static let amounts: [[Int64]] = [
        [], [1, 2], [2, 3], [2], [1], [0], [0, 1], [0, -1], [-1, -2], [-2, -3], [-2], [3],
        [1, 1, 1, 1, 3], [2, 2, 2, 2, 1], [-1, -1, -1, -1, -3], [5, -4], [1, 2, 3, 4], [4, 5],
    ]
    /// The amounts compared with, as the language writes them.
    static let thresholds = ["$0.00 - $0.02", "$0.00 - $0.01", "$0.00", "$0.01", "$0.02", "$0.03", "$0.04"]

    static func store() throws -> (Store, CreatorStore) {
        let store = try Store.open(path: ":memory:")
        try SQLFunctions.register(on: store.database)
        return (store, try fill(store))
    }

    static func fill(_ store: Store) throws -> CreatorStore {
        let creator = store.creator("creator_a")
        for (index, amounts) in amounts.enumerated() {
            let fan = Int64(index + 1)
            try creator.execute(fanRow(fan))
            for amount in amounts {
                try creator.execute("INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, \(fan), 'x', 'tip', \(amount), 1773000000)")
            }
        }
        return creator
    }

    @Test func everyPlanRoundsAsTheEvaluatorDoes() throws {
        try Self.agree(on: try Self.store().1, dialect: .sqlite)
    }

    /// Every operator, side and shape against the evaluator, with plans in `dialect`.
    static func agree(on creator: CreatorStore, dialect: PlanDialect) throws {
        var conditions: [String] = []
        for k in Self.thresholds {
            for op in ["==", "!=", "<", "<=", ">", ">="] {
                conditions.append("avg(fan.transactions.amount) \(op) (\(k))")
                conditions.append("(\(k)) \(op) avg(fan.transactions.amount)")
                conditions.append("not (avg(fan.transactions.amount) \(op) (\(k)))")
            }
        }
        let splits = try expectPlansAgreeWithEvaluator(conditions, on: creator, dialect: dialect, now: 1_773_671_400) { index, shape, plan in
            #expect(plan.sql.contains("sum(2 * ") && !plan.sql.contains("count(") && !plan.sql.contains("%") && !plan.sql.contains("rulec_money_avg"),
                    "\(conditions[index]) (\(shape)) compares one sum:\n\(plan.sql)")
        }
        // Most conditions split the fans, so agreeing means something.
        #expect(splits >= conditions.count * 3 / 4)
    }

    /// Beyond ±2^31 cents the test's constant 2K − 1 is not kept within the
    /// bound: the rounded average is compiled instead, and still agrees.
    @Test func aLargeThresholdKeepsTheRoundedAverage() throws {
        let (_, creator) = try Self.store()
        let program = try checkedProgram("segment big { avg(fan.transactions.amount) < $30000000 }")
        let plan = PlanBuilder.plan(program.segments[0].condition, program: program, scope: .allFans, forcing: .grouped)
        #expect(plan.sql.contains("%"))
        let executor = PlanExecutor(store: creator, program: program)
        let context = EvaluationContext(now: 1_773_671_400, zone: TimeZone(identifier: "UTC")!)
        #expect(try executor.fanIDs(plan, context: context) == executor.evaluatorFanIDs(program.segments[0].condition, context: context))
    }
}


/// The same fans on PostgreSQL, whose sum of bigints is a numeric.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"))
struct PostgresMoneyAverageComparisonTests {
    @Test func everyPlanRoundsAsTheEvaluatorDoes() throws {
        let postgres = try PostgresPlanningDatabase()
        try MoneyAverageComparisonTests.agree(on: try MoneyAverageComparisonTests.fill(postgres.store), dialect: .postgres)
    }
}
