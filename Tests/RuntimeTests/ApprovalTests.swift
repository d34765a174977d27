import Foundation
@testable import Runtime
import Store
import Syntax
import Testing

@Suite struct ApprovalTests {
    static let program = """
        rule "Check in" {
          on fan.created
          limit 1 per fan
          then {
            send "we_miss_you" requires approval
            send "reengage" after 2d requires approval
          }
        }
        """

    func setUp(users: [String] = ["creator_a"]) throws -> (SeededStore, Int64) {
        let seeded = try SeededStore(users: users)
        for user in users { try seeded.deploy(Self.program, user: user) }
        return (seeded, try seeded.fanIDs(limit: 1)[0])
    }

    func messageCount(_ seeded: SeededStore, user: String = "creator_a") throws -> Int64 {
        try seeded.count("SELECT count(*) FROM fan_messages WHERE user_id = :user AND direction = 'outbound'", user: user)
    }

    @Test func enqueueingExecutesNothing() throws {
        let (seeded, fan) = try setUp()
        let before = try messageCount(seeded)
        let action = try seeded.prepare("Check in", action: 0, fan: fan)
        #expect(action.requiresApproval)
        let id = try ApprovalQueue(store: seeded.creator()).enqueue(action, now: SeededStore.now)
        #expect(try messageCount(seeded) == before)
        #expect(try seeded.actionRows().isEmpty)
        let item = try #require(try ApprovalQueue(store: seeded.creator()).item(id))
        #expect(item.status == "pending" && item.ruleName == "Check in" && item.fanID == fan)
        #expect(item.expiresAt == SeededStore.now + 7 * 86_400)
        #expect(item.preview.hasSuffix("it's been a while! I miss chatting with you. Anything you'd like to see next?"))
    }

    @Test func approveExecutesExactlyOnce() throws {
        let (seeded, fan) = try setUp()
        let queue = ApprovalQueue(store: seeded.creator())
        let id = try queue.enqueue(try seeded.prepare("Check in", action: 0, fan: fan), now: SeededStore.now)
        let before = try messageCount(seeded)
        let outcome = try queue.approve(id, by: "maria", now: SeededStore.now + 60)
        #expect(outcome == .executed(EffectResult()))
        #expect(try messageCount(seeded) == before + 1)
        #expect(try seeded.actionRows().map(\.outcome) == ["executed"])
        #expect(try seeded.actionRows().map(\.hitlID) == [id])
        let item = try #require(try queue.item(id))
        #expect(item.status == "approved" && item.decidedBy == "maria" && item.decidedAt == SeededStore.now + 60)

        #expect(throws: ApprovalError.notPending(id: id, status: "approved")) { try queue.approve(id, by: "maria", now: SeededStore.now + 120) }
        #expect(throws: ApprovalError.notPending(id: id, status: "approved")) { try queue.reject(id, by: "maria", reason: nil, now: SeededStore.now + 120) }
        #expect(try messageCount(seeded) == before + 1)
        #expect(try seeded.actionRows().count == 1)
        #expect(try queue.item(id)?.decidedAt == SeededStore.now + 60)
    }

    @Test func rejectRecordsARejectionAndCannotBeApprovedAfter() throws {
        let (seeded, fan) = try setUp()
        let queue = ApprovalQueue(store: seeded.creator())
        let id = try queue.enqueue(try seeded.prepare("Check in", action: 0, fan: fan), now: SeededStore.now)
        let before = try messageCount(seeded)
        try queue.reject(id, by: "maria", reason: "too pushy", now: SeededStore.now + 60)
        #expect(try seeded.actionRows().map(\.outcome) == ["rejected"])
        #expect(try seeded.actionRows().map(\.reason) == ["too pushy"])
        #expect(try queue.item(id)?.status == "rejected")
        #expect(throws: ApprovalError.notPending(id: id, status: "rejected")) { try queue.approve(id, by: "maria", now: SeededStore.now + 120) }
        #expect(try messageCount(seeded) == before)
        #expect(try seeded.actionRows().count == 1)
    }

    @Test func anotherCreatorsItemCannotBeDecided() throws {
        let (seeded, fan) = try setUp(users: ["creator_a", "creator_b"])
        let id = try ApprovalQueue(store: seeded.creator("creator_a")).enqueue(try seeded.prepare("Check in", action: 0, fan: fan),
                                                                            now: SeededStore.now)
        let intruder = ApprovalQueue(store: seeded.creator("creator_b"))
        #expect(throws: ApprovalError.notFound(id)) { try intruder.approve(id, by: "mallory", now: SeededStore.now) }
        #expect(throws: ApprovalError.notFound(id)) { try intruder.reject(id, by: "mallory", reason: nil, now: SeededStore.now) }
        #expect(try intruder.item(id) == nil)
        #expect(try intruder.items(status: nil).isEmpty)
        #expect(try ApprovalQueue(store: seeded.creator("creator_a")).item(id)?.status == "pending")
        #expect(try seeded.actionRows("creator_a").isEmpty && seeded.actionRows("creator_b").isEmpty)
    }

    @Test func afterCountsFromTheApproval() throws {
        let (seeded, fan) = try setUp()
        let queue = ApprovalQueue(store: seeded.creator())
        let action = try seeded.prepare("Check in", action: 1, fan: fan)
        #expect(action.afterSeconds == Int64(172_800))
        let id = try queue.enqueue(action, now: SeededStore.now)
        let approvedAt = SeededStore.now + 86_400
        #expect(try queue.approve(id, by: "maria", now: approvedAt) == .scheduled(dueAt: approvedAt + 2 * 86_400))
        #expect(try seeded.actionRows().isEmpty)

        let scheduled = ScheduledActions(store: seeded.creator())
        let before = try messageCount(seeded)
        // Due two days after the approval, not after the firing.
        _ = try scheduled.runDue(now: SeededStore.now + 2 * 86_400)
        #expect(try messageCount(seeded) == before)
        #expect(try scheduled.pendingCount() == 1)
        _ = try scheduled.runDue(now: approvedAt + 2 * 86_400)
        #expect(try messageCount(seeded) == before + 1)
        #expect(try seeded.actionRows().map(\.outcome) == ["executed"])
        #expect(try seeded.actionRows().map(\.hitlID) == [id])
        // Runs after that find nothing to do.
        _ = try scheduled.runDue(now: approvedAt + 10 * 86_400)
        #expect(try messageCount(seeded) == before + 1)
    }

    @Test func itemsExpireAfterSevenDays() throws {
        let (seeded, fan) = try setUp()
        let queue = ApprovalQueue(store: seeded.creator())
        let id = try queue.enqueue(try seeded.prepare("Check in", action: 0, fan: fan), now: SeededStore.now)
        #expect(try queue.expire(now: SeededStore.now + 7 * 86_400 - 1) == 0)
        #expect(throws: ApprovalError.expired(id: id, expiredAt: SeededStore.now + 7 * 86_400)) {
            try queue.approve(id, by: "late", now: SeededStore.now + 7 * 86_400)
        }
        #expect(try queue.expire(now: SeededStore.now + 7 * 86_400) == 1)
        #expect(try queue.item(id)?.status == "expired")
        #expect(try seeded.actionRows().map(\.outcome) == ["expired"])
        #expect(try queue.items(status: "pending").isEmpty)
    }

    @Test func delayedActionsWithoutApprovalRunOnceWhenDue() throws {
        let (seeded, fan) = try setUp()
        let scheduled = ScheduledActions(store: seeded.creator())
        try seeded.deploy("rule \"Later\" { on fan.created then { tag \"later\" after 1h } }")
        let action = try seeded.prepare("Later", action: 0, fan: fan)
        try scheduled.schedule(action, dueAt: SeededStore.now + 3_600, now: SeededStore.now)
        #expect(try scheduled.runDue(now: SeededStore.now + 3_599).tagEvents.isEmpty)
        let result = try scheduled.runDue(now: SeededStore.now + 3_600)
        #expect(result.tagEvents.count == 1)
        #expect(try scheduled.runDue(now: SeededStore.now + 7_200).tagEvents.isEmpty)
        #expect(try seeded.actionRows().map(\.outcome) == ["executed"])
    }
}
