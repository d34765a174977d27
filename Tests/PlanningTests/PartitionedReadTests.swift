import Foundation
import RulecTestSupport
import Testing
@testable import Planning
import Semantics
import Store

/// `PartitionedRead`: a plan read in fan-id ranges on several connections
/// returns exactly what one statement returns.
@Suite(.serialized) struct PartitionedReadTests {
    @Test func partsTogetherEqualTheWholeForEverySegment() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try Seeder.run(SeedOptions(fans: 400, seed: 7, userID: "creator_a"), into: store)
        try Seeder.run(SeedOptions(fans: 50, seed: 8, userID: "creator_b"), into: store)
        let program = try checkedProgram(SeededAgreementTests.segments)
        let creator = store.creator("creator_a")
        let executor = PlanExecutor(store: creator, program: program)
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "America/New_York")!)
        var split = 0
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
            let values = try executor.bindingValues(plan, context: context)
            var whole: [Int64] = []
            try creator.forEachRow(plan.sql, values) { whole.append($0.int64(0)) }
            for ways in [2, 3, 7] {
                let parts = try #require(try PartitionedRead(store: creator, ways: ways).fanIDs(sql: plan.sql, values: values))
                #expect(parts == whole, "segment \(segment.name) in \(ways) parts: \(parts.count) fans, whole \(whole.count)")
                split += 1
            }
            #expect(!creator.database.isInTransaction, "the shared read ended")
        }
        #expect(split == program.segments.count * 3)
    }

    @Test func theExecutorSplitsOnlyOutsideATransaction() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try Seeder.run(SeedOptions(fans: 50, seed: 3, userID: "creator_a"), into: store)
        let creator = store.creator("creator_a")
        let read = PartitionedRead(store: creator, ways: 2)
        let sql = "SELECT f.id FROM fan_profiles f WHERE f.user_id = :user ORDER BY f.id"
        #expect(try read.fanIDs(sql: sql, values: [])?.count == 50)
        // Inside a transaction other connections cannot see its writes: not split.
        try creator.transaction {
            try creator.execute("UPDATE fan_profiles SET display_name = display_name WHERE user_id = :user")
            #expect(try read.fanIDs(sql: sql, values: []) == nil)
        }
        // Nor is a creator without fans an error.
        #expect(try PartitionedRead(store: store.creator("nobody"), ways: 2).fanIDs(sql: sql, values: []) == [])
    }

    @Test func rangesCoverEveryIdOnce() {
        for (low, high) in [(1, 1), (1, 2), (1, 10), (5, 1_000), (7, 8)] as [(Int64, Int64)] {
            for ways in 1...5 {
                let ranges = PartitionedRead.split(low...high, into: ways)
                #expect(ranges.count <= ways)
                #expect(ranges.first?.lowerBound == low && ranges.last?.upperBound == high)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound + 1 == b.lowerBound) }
            }
        }
    }

    @Test func onlyExpensivePlansOverAllFansAreSplit() throws {
        let program = try checkedProgram("segment s { count(fan.transactions within 30d) >= 2 }")
        let segment = try #require(program.segments.first)
        var plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
        #expect(!PartitionedRead.worthSplitting(plan), "no estimates: not split")
        plan.shapes = [ShapeDecision(conjunct: segment.condition, shape: .correlated, candidates: .init(value: 1, how: "test"),
                                     groupedCost: 1e9, groupedReasons: [], correlatedCost: PartitionedRead.minimumCost, correlatedReasons: [])]
        #expect(PartitionedRead.worthSplitting(plan))
        plan.shapes[0].correlatedCost = PartitionedRead.minimumCost / 2
        #expect(!PartitionedRead.worthSplitting(plan), "the chosen shape's cost counts, not the other's")
        plan.scope = .oneFan
        plan.shapes[0].correlatedCost = 1e9
        #expect(!PartitionedRead.worthSplitting(plan))
    }
}
