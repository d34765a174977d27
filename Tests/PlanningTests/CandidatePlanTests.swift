import Foundation
import Planning
import Store
import Testing

/// An incremental refresh runs a segment's plan over a table of candidate
/// fans (`PlanBuilder.plan(candidates:)`). SQLite must look the candidates up
/// by id: left to itself it drove from a fan-level range (the activity index
/// for `fan.last_active_at within 30d`) and probed the candidates for each fan
/// in it, most of the fans on a large store (BENCHMARKS.md, "Incremental refresh").
@Suite struct CandidatePlanTests {
    @Test func candidatesAreLookedUpByIDAndGiveTheFullPlansAnswer() throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        try Seeder.run(SeedOptions(fans: 300, userID: "u"), into: store)
        let creator = store.creator("u")
        let program = try checkedProgram("segment s { fan.last_active_at within 30d and fan.lifetime_spend >= $1 }")
        let condition = program.segment(named: "s")!.condition
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!)
        let executor = PlanExecutor(store: creator, program: program)
        try creator.database.execute("CREATE TEMP TABLE candidates (fan_id INTEGER PRIMARY KEY)")
        try creator.execute("INSERT INTO temp.candidates SELECT id FROM fan_profiles WHERE user_id = :user AND id % 7 = 0")

        let plan = PlanBuilder.plan(condition, program: program, scope: .oneFan, candidates: "temp.candidates")
        let steps = try creator.rows("EXPLAIN QUERY PLAN " + plan.sql, executor.bindingValues(plan, context: context))
            .compactMap { row in row.last.flatMap { if case .text(let t) = $0 { t } else { nil } } }
            .joined(separator: "\n")
        #expect(steps.contains("SEARCH f USING INTEGER PRIMARY KEY (rowid=?)"), "\(steps)")
        #expect(!steps.contains("fan_profiles_by_activity"), "\(steps)")

        let all = try executor.fanIDs(PlanBuilder.plan(condition, program: program, scope: .allFans), context: context)
        let candidates = try executor.fanIDs(plan, context: context)
        #expect(!candidates.isEmpty)
        #expect(candidates == all.filter { $0 % 7 == 0 })
    }
}
