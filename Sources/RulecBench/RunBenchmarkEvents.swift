import Foundation
import Store

/// The benchmark's new events, inserted after the deploy in time order over
/// `span` seconds: transactions, inbound messages, subscription events, custom
/// requests, new fans, segment entries and exits, and tags.
enum RunBenchmarkEvents {
    static func insert(_ count: Int, into creator: CreatorStore, from start: Int64, span: Int64) throws {
        let accounts = try creator.rows("SELECT fan_id, id, platform FROM fan_platform_accounts WHERE user_id = :user ORDER BY id")
        let segments = try creator.rows("SELECT id FROM fan_segments WHERE user_id = :user ORDER BY id").compactMap { $0[0].int64 }
        var random = BenchRandom(seed: 42)
        let kinds = ["tip", "tip", "tip", "ppv", "ppv", "paid_dm", "custom_request", "subscription"]
        let subscriptionEvents = ["started", "renewed", "renewed", "cancelled", "expired", "trial_started", "win_back"]
        let words = ["hey", "love it", "custom video?", "what's the price", "miss you", "ugh", "thanks!", "so good"]
        try creator.transaction {
            for i in 0..<count {
                let time = start + 1 + Int64(i) * span / Int64(max(count, 1))
                let account = accounts[random.below(accounts.count)]
                let who: [SQLValue] = [account[0], account[1], account[2]]
                switch random.below(100) {
                case 0..<30:
                    try creator.execute("""
                        INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
                        VALUES (:user, ?, ?, ?, ?, ?, ?)
                        """, who + [.text(kinds[random.below(kinds.count)]), .integer(Int64(100 + random.below(9_900))), .integer(time)])
                case 30..<60:
                    try creator.execute("""
                        INSERT INTO fan_messages (user_id, fan_id, account_id, platform, direction, body, sentiment, status, sent_at, created_at)
                        VALUES (:user, ?, ?, ?, 'inbound', ?, ?, 'received', ?, ?)
                        """, who + [.text(words[random.below(words.count)]), .real(Double(random.below(201) - 100) / 100),
                                    .integer(time), .integer(time)])
                case 60..<72:
                    try creator.execute("""
                        INSERT INTO fan_subscription_events (user_id, fan_id, account_id, platform, event_type, tier, price_cents, occurred_at)
                        VALUES (:user, ?, ?, ?, ?, 'standard', ?, ?)
                        """, who + [.text(subscriptionEvents[random.below(subscriptionEvents.count)]),
                                    .integer(Int64(499 + random.below(1_500))), .integer(time)])
                case 72..<77:
                    try creator.execute("""
                        INSERT INTO fan_custom_requests (user_id, fan_id, account_id, platform, description, offered_price_cents, created_at)
                        VALUES (:user, ?, ?, ?, 'a custom clip', ?, ?)
                        """, who + [.integer(Int64(1_000 + random.below(20_000))), .integer(time)])
                case 77..<80:
                    let fan = try creator.insert("INSERT INTO fan_profiles (user_id, display_name, created_at) VALUES (:user, ?, ?)",
                                                 [.text("new fan \(i)"), .integer(time)])
                    try creator.execute("""
                        INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
                        VALUES (:user, ?, 'onlyfans', ?, ?, ?)
                        """, [.integer(fan), .text("bench-new-\(i)"), .text("new\(i)"), .integer(time)])
                case 80..<85 where !segments.isEmpty:
                    try creator.execute("""
                        INSERT INTO fan_segment_member_events (user_id, segment_id, fan_id, change, occurred_at) VALUES (:user, ?, ?, ?, ?)
                        """, [.integer(segments[random.below(segments.count)]), account[0],
                              .text(random.below(2) == 0 ? "entered" : "exited"), .integer(time)])
                default:
                    let tags = ["unhappy", "big_tipper_0", "vip", "churned", "met_irl"]
                    try creator.execute("""
                        INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)
                        ON CONFLICT (user_id, fan_id, tag) DO NOTHING
                        """, [account[0], .text(tags[random.below(tags.count)]), .integer(time)])
                }
            }
        }
    }
}

/// SplitMix64: the benchmark's events are the same on every machine.
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
