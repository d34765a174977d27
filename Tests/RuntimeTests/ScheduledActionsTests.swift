import Foundation
@testable import Runtime
import Store
import Testing

/// Listing and cancelling delayed actions, one creator at a time.
@Suite struct ScheduledActionsTests {
    static let program = "rule \"Later\" { on fan.created then { tag \"later\" after 1h } }"

    @Test func cancelIsRecordedAndScopedToTheCreator() throws {
        let seeded = try SeededStore(users: ["creator_a", "creator_b"])
        try seeded.deploy(Self.program)
        try seeded.deploy(Self.program, user: "creator_b")
        let fan = try seeded.fanIDs(limit: 1)[0]
        let mine = ScheduledActions(store: seeded.creator())
        try mine.schedule(try seeded.prepare("Later", action: 0, fan: fan), dueAt: SeededStore.now + 3_600, now: SeededStore.now)
        let pending = try mine.pending()
        #expect(pending.map(\.ruleName) == ["Later"] && pending.first?.summary == "tag \"later\"")
        let id = try #require(pending.first?.id)

        // Another creator neither sees nor cancels it.
        let theirs = ScheduledActions(store: seeded.creator("creator_b"))
        #expect(try theirs.pending().isEmpty)
        #expect(throws: ScheduledActions.CancelFailure.unknown(id)) { try theirs.cancel(id, now: SeededStore.now) }

        let cancelled = try mine.cancel(id, now: SeededStore.now + 60)
        #expect(cancelled.status == "cancelled")
        #expect(throws: ScheduledActions.CancelFailure.notPending(id, status: "cancelled")) { try mine.cancel(id, now: SeededStore.now) }
        #expect(try mine.runDue(now: SeededStore.now + 7_200).items.isEmpty)
        #expect(try seeded.actionRows().map(\.outcome) == ["skipped"])
        #expect(try seeded.count("SELECT count(*) FROM fan_tag_values WHERE user_id = :user AND tag = 'later'") == 0)
    }
}
