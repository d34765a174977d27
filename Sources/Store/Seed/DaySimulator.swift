/// A day in a creator's business, after the seed: new subscribers, renewals
/// and cancellations, tips, PPV, paid DMs, inbound messages and custom
/// requests, spread over `(start, start + length]`. Deterministic like the
/// seed. It is what `rulec demo` runs the rules over, and what the Rules/
/// library's test replays.
public struct DaySimulator {
    public struct Report: Sendable, Equatable {
        public var newFans = 0, renewals = 0, cancellations = 0
        public var tips = 0, purchases = 0, messages = 0, customRequests = 0
        public var total: Int { newFans + renewals + cancellations + tips + purchases + messages + customRequests }
    }

    public let store: CreatorStore
    public let start: Int64
    public let length: Int64
    private var random: SeedRandom

    public init(store: CreatorStore, start: Int64, length: Int64 = 86_400, seed: UInt64 = 1) {
        self.store = store
        self.start = start
        self.length = length
        self.random = SeedRandom(seed: seed).derived(0xDA1)
    }

    /// Writes the day's rows in one transaction; activity scales with the number of fans.
    public mutating func run() throws -> Report {
        let fans = try store.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id").compactMap { $0[0].int64 }
        guard !fans.isEmpty else { return Report() }
        let scale = max(1, fans.count / 100)
        var report = Report()
        try store.transaction {
            for _ in 0..<(2 * scale) { try newSubscriber(); report.newFans += 1 }
            for _ in 0..<(4 * scale) { if try tip(for: random.pick(fans)) { report.tips += 1 } }
            for _ in 0..<(3 * scale) { if try purchase(for: random.pick(fans)) { report.purchases += 1 } }
            for _ in 0..<(5 * scale) { if try message(from: random.pick(fans)) { report.messages += 1 } }
            for _ in 0..<max(1, scale / 2) { if try customRequest(from: random.pick(fans)) { report.customRequests += 1 } }
            for _ in 0..<(2 * scale) {
                switch try subscriptionChange(for: random.pick(fans)) {
                case "renewed": report.renewals += 1
                case "cancelled": report.cancellations += 1
                default: break
                }
            }
        }
        return report
    }

    private mutating func moment() -> Int64 { start + random.int64(1...length) }

    /// The fan's most recently linked account, for the platform of their activity.
    private func account(of fan: Int64) throws -> (id: Int64, platform: String)? {
        guard let row = try store.rows(
            "SELECT id, platform FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? ORDER BY linked_at DESC, id DESC LIMIT 1",
            [.integer(fan)]).first, let id = row[0].int64, let platform = row[1].string else { return nil }
        return (id, platform)
    }

    private mutating func newSubscriber() throws {
        let at = moment()
        let name = random.pick(SeedVocabulary.firstNames)
        let platform = random.pick(["onlyfans", "fansly", "patreon", "fanvue"])
        let fan = try store.insert("""
            INSERT INTO fan_profiles (user_id, display_name, timezone, lifecycle_stage, engagement_score, created_at, last_active_at)
            VALUES (:user, ?, ?, 'new', 0.5, ?, ?)
            """, [.text(name), .text(random.pick(SeedVocabulary.timezones)), .integer(at), .integer(at)])
        let handle = "\(name.lowercased())_\(random.int(100...99_999))"
        let account = try store.insert("""
            INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
            VALUES (:user, ?, ?, ?, ?, ?)
            """, [.integer(fan), .text(platform), .text("\(platform)-day-\(fan)"), .text(handle), .integer(at)])
        let price: Int64 = random.pick([999, 1299, 1499])
        let subscription = try store.insert("""
            INSERT INTO fan_subscriptions (user_id, fan_id, account_id, platform, tier, status, auto_renew, price_cents, started_at, renews_at)
            VALUES (:user, ?, ?, ?, 'standard', 'active', ?, ?, ?, ?)
            """, [.integer(fan), .integer(account), .text(platform), .integer(random.chance(0.7) ? 1 : 0), .integer(price), .integer(at), .integer(at + 30 * 86_400)])
        try store.execute("""
            INSERT INTO fan_subscription_events (user_id, fan_id, account_id, subscription_id, platform, event_type, tier, price_cents, occurred_at)
            VALUES (:user, ?, ?, ?, ?, 'started', 'standard', ?, ?)
            """, [.integer(fan), .integer(account), .integer(subscription), .text(platform), .integer(price), .integer(at)])
    }

    private mutating func tip(for fan: Int64) throws -> Bool {
        guard let account = try account(of: fan) else { return false }
        let amount = Int64(random.logNormal(median: 1_000, sigma: 0.9).rounded()) / 100 * 100
        try transaction(fan, account, kind: "tip", amount: max(100, amount))
        return true
    }

    private mutating func purchase(for fan: Int64) throws -> Bool {
        guard let account = try account(of: fan) else { return false }
        let kind = random.chance(0.7) ? "ppv" : "paid_dm"
        try transaction(fan, account, kind: kind, amount: random.pick([499, 999, 1499, 2499]))
        return true
    }

    private mutating func transaction(_ fan: Int64, _ account: (id: Int64, platform: String), kind: String, amount: Int64) throws {
        try store.execute("""
            INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?)
            """, [.integer(fan), .integer(account.id), .text(account.platform), .text(kind), .integer(amount), .integer(moment())])
    }

    private mutating func message(from fan: Int64) throws -> Bool {
        guard let account = try account(of: fan) else { return false }
        let at = moment()
        let sentiment = (random.unit() * 2 - 1) * 0.9
        try store.execute("""
            INSERT INTO fan_messages (user_id, fan_id, account_id, platform, direction, body, sentiment, status, sent_at, created_at)
            VALUES (:user, ?, ?, ?, 'inbound', ?, ?, 'received', ?, ?)
            """, [.integer(fan), .integer(account.id), .text(account.platform), .text(random.pick(SeedVocabulary.inboundMessages)),
                  .real((sentiment * 100).rounded() / 100), .integer(at), .integer(at)])
        return true
    }

    private mutating func customRequest(from fan: Int64) throws -> Bool {
        try store.execute("""
            INSERT INTO fan_custom_requests (user_id, fan_id, description, stage, status, offered_price_cents, created_at)
            VALUES (:user, ?, ?, 'requested', 'pending', ?, ?)
            """, [.integer(fan), .text(random.pick(SeedVocabulary.customRequestDescriptions)), .integer(random.pick([2500, 5000, 10000])), .integer(moment())])
        return true
    }

    /// Renews or cancels one of the fan's active subscriptions, keeping the
    /// subscription's state and its event history in agreement.
    private mutating func subscriptionChange(for fan: Int64) throws -> String? {
        guard let row = try store.rows("""
            SELECT id, account_id, platform, tier, price_cents, renews_at FROM fan_subscriptions
            WHERE user_id = :user AND fan_id = ? AND status = 'active' LIMIT 1
            """, [.integer(fan)]).first, let id = row[0].int64 else { return nil }
        let at = moment()
        let change = random.chance(0.6) ? "renewed" : "cancelled"
        if change == "renewed" {
            try store.execute("UPDATE fan_subscriptions SET renews_at = ? WHERE user_id = :user AND id = ?",
                              [.integer((row[5].int64 ?? at) + 30 * 86_400), .integer(id)])
        } else {
            try store.execute("UPDATE fan_subscriptions SET status = 'cancelled', auto_renew = 0, cancelled_at = ? WHERE user_id = :user AND id = ?", [.integer(at), .integer(id)])
        }
        let event = try store.insert("""
            INSERT INTO fan_subscription_events (user_id, fan_id, account_id, subscription_id, platform, event_type, tier, price_cents, occurred_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fan), row[1], .integer(id), row[2], .text(change), row[3], row[4], .integer(at)])
        if change == "renewed" {
            try store.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, subscription_event_id, occurred_at)
                VALUES (:user, ?, ?, ?, 'subscription', ?, ?, ?)
                """, [.integer(fan), row[1], row[2], row[4], .integer(event), .integer(at)])
        }
        return change
    }
}
