import Foundation
@testable import Runtime
import Store
import Testing

/// Rows put back by a backtest get new ids (`HistoryReplay`), and a row that
/// names another history row by id (a reply's `in_reply_to_id`, a renewal
/// payment's `subscription_event_id`) is pointed at its target's new id: the
/// target put back in the same statement, in an earlier batch, or never
/// hidden at all (dated before the window).
@Suite struct HistoryReplayReferencesTests {
    @Test func putBackRowsPointAtTheirTargetsNewIDs() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (mia, _) = try fixture.addFan("mia")
        let (noa, _) = try fixture.addFan("noa")
        let t0 = EngineFixture.t0, hour = EngineFixture.hour
        let creator = fixture.creator()

        // Messages by body: (body, fan, time, body of the message it replies to).
        let messages: [(String, Int64, Int64, String?)] = [
            ("before", mia, t0 - hour, nil),
            ("a", mia, t0 + hour, "before"), ("b", noa, t0 + hour, nil), ("c", mia, t0 + hour, "a"), ("d", noa, t0 + hour, "b"),
            ("e", mia, t0 + 2 * hour, "c"), ("f", noa, t0 + 2 * hour, "e"), ("g", mia, t0 + 2 * hour, "f"),
        ]
        var messageIDs: [String: Int64] = [:]
        for (body, fan, time, replyTo) in messages {
            messageIDs[body] = try creator.insert("""
                INSERT INTO fan_messages (user_id, fan_id, platform, direction, body, in_reply_to_id, status, sent_at, created_at)
                VALUES (:user, ?, 'onlyfans', 'inbound', ?, ?, 'received', ?, ?)
                """, [.integer(fan), .text(body), .optional(replyTo.map { messageIDs[$0]! }), .integer(time), .integer(time)])
        }
        // Subscription events by price, and payments naming them: (cents, fan, time, the event's price).
        var eventIDs: [Int64: Int64] = [:]
        for (price, fan, time) in [(100, mia, t0 - hour), (200, noa, t0 + hour), (300, mia, t0 + hour), (400, noa, t0 + 2 * hour)] as [(Int64, Int64, Int64)] {
            eventIDs[price] = try creator.insert("""
                INSERT INTO fan_subscription_events (user_id, fan_id, platform, event_type, price_cents, occurred_at)
                VALUES (:user, ?, 'onlyfans', 'renewed', ?, ?)
                """, [.integer(fan), .integer(price), .integer(time)])
        }
        let payments: [(Int64, Int64, Int64, Int64)] = [(11, mia, t0 + hour, 100), (12, noa, t0 + hour, 200), (13, mia, t0 + hour, 300),
                                                        (14, noa, t0 + 2 * hour, 400), (15, mia, t0 + 2 * hour, 300)]
        for (cents, fan, time, price) in payments {
            _ = try creator.insert("""
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, subscription_event_id, occurred_at)
                VALUES (:user, ?, 'onlyfans', 'subscription', ?, ?, ?)
                """, [.integer(fan), .integer(cents), .integer(eventIDs[price]!), .integer(time)])
        }

        let shadow = try ShadowStore(copying: creator)
        try HistoryRewind(store: shadow.creator, from: t0).apply()
        let replay = try HistoryReplay(store: shadow.creator, to: t0 + 3 * hour)
        for time in try replay.times(after: t0) { try replay.putBack(through: time) }

        var replies: [String: String] = [:]
        try shadow.creator.forEachRow("""
            SELECT m.body, r.body FROM fan_messages m JOIN fan_messages r ON r.id = m.in_reply_to_id WHERE m.user_id = :user
            """) { replies[$0.string(0)] = $0.string(1) }
        #expect(replies == Dictionary(uniqueKeysWithValues: messages.compactMap { m in m.3.map { (m.0, $0) } }))
        // Every reply put back got a new id, so none points at its target's old one by chance.
        let backIDs = try Set(shadow.creator.rows("SELECT id FROM fan_messages WHERE user_id = :user AND created_at > ?", [.integer(t0)])
            .compactMap { $0[0].int64 })
        #expect(backIDs.isDisjoint(with: messages.filter { $0.2 > t0 }.map { messageIDs[$0.0]! }))

        var paid: [Int64: Int64] = [:]
        try shadow.creator.forEachRow("""
            SELECT t.amount_cents, e.price_cents FROM fan_transactions t JOIN fan_subscription_events e ON e.id = t.subscription_event_id
            WHERE t.user_id = :user
            """) { paid[$0.int64(0)] = $0.int64(1) }
        #expect(paid == Dictionary(uniqueKeysWithValues: payments.map { ($0.0, $0.3) }))
    }
}
