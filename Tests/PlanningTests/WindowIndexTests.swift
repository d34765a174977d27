import Foundation
import Planning
import Store
import Testing

/// Migration 15's indexes, each justified by the plan that uses it: a grouped
/// window over all fans is a range search of `(user_id, time)`, not a scan.
@Suite struct WindowIndexTests {
    /// `EXPLAIN QUERY PLAN` of the grouped set a plan builds for `condition`,
    /// on a small seeded store with planner statistics (the seed runs ANALYZE).
    /// `forcing` and `order` pick the shape (grouped by default, in the order
    /// SQLite chooses).
    static func queryPlan(_ condition: String, forcing shape: PlanShape = .grouped, order: GroupedOrder? = nil) throws -> String {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        try Seeder.run(SeedOptions(fans: 300, userID: "u"), into: store)
        let program = try checkedProgram("segment s { \(condition) }")
        let plan = PlanBuilder.plan(program.segment(named: "s")!.condition, program: program, scope: .allFans, forcing: shape, order: order)
        let creator = store.creator("u")
        let values = try PlanExecutor(store: creator, program: program)
            .bindingValues(plan, context: EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!))
        return try creator.rows("EXPLAIN QUERY PLAN " + plan.sql, values)
            .compactMap { row in row.last.flatMap { if case .text(let t) = $0 { t } else { nil } } }
            .joined(separator: "\n")
    }

    @Test func messageWindowsReadTheTimeIndex() throws {
        let detail = try Self.queryPlan("count(fan.messages within 30d) == 0")
        #expect(detail.contains("fan_messages_by_time (user_id=? AND sent_at>? AND sent_at<?)"), "\(detail)")
    }

    @Test func subscriptionEventWindowsReadTheTimeIndex() throws {
        let detail = try Self.queryPlan("exists(fan.subscription_events within 7d)")
        #expect(detail.contains("fan_subscription_events_by_time (user_id=? AND occurred_at>? AND occurred_at<?)"), "\(detail)")
    }
}
