import Foundation
import Testing
@testable import Planning
import RulecTestSupport
import Store

/// The seeded segments of `SeededAgreementTests` on PostgreSQL and SQLite at
/// once: the same seed writes the same rows into both stores, and every
/// segment must give the same fan ids on PostgreSQL (its own dialect's SQL),
/// on SQLite, and from the evaluator. Skipped without RULEC_TEST_PG_URL.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"))
struct PostgresSeededAgreementTests {
    @Test func theSameSegmentsGiveTheSameFansOnBothStores() throws {
        let (sqlite, folder) = try temporaryStore()
        defer { folder.remove() }
        let postgres = try PostgresPlanningDatabase()
        for store in [sqlite, postgres.store] {
            try Seeder.run(SeedOptions(fans: 400, seed: 7, userID: "creator_a"), into: store)
            try Seeder.run(SeedOptions(fans: 50, seed: 8, userID: "creator_b"), into: store)
        }
        // The seed wrote the same fans into both (ids included).
        let fansQuery = "SELECT id, display_name, lifetime_spend_cents, created_at FROM fan_profiles WHERE user_id = :user ORDER BY id"
        let sqliteFans = try sqlite.creator("creator_a").rows(fansQuery).map { "\($0[0]) \($0[1]) \($0[2]) \($0[3])" }
        let postgresFans = try postgres.store.creator("creator_a").rows(fansQuery).map { "\($0[0]) \($0[1]) \($0[2]) \($0[3])" }
        #expect(sqliteFans.count == 400)
        #expect(sqliteFans == postgresFans)

        let program = try checkedProgram(SeededAgreementTests.segments)
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "America/New_York")!)
        let onSQLite = PlanExecutor(store: sqlite.creator("creator_a"), program: program)
        let onPostgres = PlanExecutor(store: postgres.store.creator("creator_a"), program: program)
        var split = 0
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, dialect: .postgres)
            #expect(plan.sql.contains("user_id = :user"), "every query is scoped to the creator")
            let viaPostgres = try onPostgres.fanIDs(plan, context: context)
            let viaSQLite = try onSQLite.fanIDs(PlanBuilder.plan(segment.condition, program: program, scope: .allFans), context: context)
            let viaEvaluator = try onPostgres.evaluatorFanIDs(segment.condition, context: context)
            #expect(viaPostgres == viaSQLite, "segment \(segment.name): PostgreSQL \(viaPostgres.count) fans, SQLite \(viaSQLite.count)\n\(plan.sql)")
            #expect(viaPostgres == viaEvaluator, "segment \(segment.name): PostgreSQL \(viaPostgres.count) fans, evaluator \(viaEvaluator.count)")
            if !viaPostgres.isEmpty && viaPostgres.count < 400 { split += 1 }
            // One fan at a time too, for a sample of fans.
            let single = PlanBuilder.plan(segment.condition, program: program, scope: .oneFan, dialect: .postgres)
            for fan in stride(from: Int64(1), through: 400, by: 37) {
                let expected: [Int64] = viaEvaluator.contains(fan) ? [fan] : []
                #expect(try onPostgres.fanIDs(single, context: context, fanID: fan) == expected, "segment \(segment.name), fan \(fan)")
            }
        }
        #expect(split >= 10)
    }
}

/// Plans in PostgreSQL's dialect need no server to be built.
@Suite struct PostgresPlanShapeTests {
    /// What stays with the evaluator on PostgreSQL: regular expressions (as on
    /// SQLite) and lower/upper (PostgreSQL's case mapping is not Unicode's full one).
    @Test func onlyRegexAndCaseMappingStayInTheResidual() throws {
        let program = try checkedProgram(SeededAgreementTests.segments)
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, dialect: .postgres)
            #expect(plan.residual.isEmpty == !["regex", "named"].contains(segment.name), "segment \(segment.name)")
            #expect(plan.dialect == .postgres)
        }
    }
}
