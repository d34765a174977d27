import Foundation

/// The creator-level rows of a seed: profile, templates, platform connections,
/// publishing, media, campaigns and analytics, so no collection is left empty.
///
/// The engine-owned tables (automation_rules and their runs, actions, HITL
/// items, cursors, scheduled actions, fan_segments and membership) stay empty:
/// `rulec deploy` and `rulec run` write those, and invented rules or segments
/// without a real compiled plan would break them.
struct CreatorCatalog {
    let creator: CreatorStore
    let now: Int64
    var random: SeedRandom
    /// Ids kept for rows written later that refer to them.
    var connectedPlatforms: [String] = []
    var postIDs: [Int64] = []
    var campaignIDs: [Int64] = []
    var assetIDs: [Int64] = []

    init(creator: CreatorStore, options: SeedOptions) {
        self.creator = creator
        self.now = options.now
        // A stream apart from every fan's (fans derive theirs from their index).
        self.random = SeedRandom(seed: options.seed).derived(UInt64.max)
    }

    /// `INSERT INTO table (user_id, columns...) VALUES (:user, ?...)`; returns the new id.
    @discardableResult
    func insert(_ table: String, _ row: KeyValuePairs<String, SQLValue>) throws -> Int64 {
        let columns = row.map(\.key).joined(separator: ", ")
        let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
        return try creator.insert("INSERT INTO \(table) (user_id, \(columns)) VALUES (:user, \(marks))", row.map(\.value))
    }

    func daysAgo(_ days: Int64) -> Int64 { now - days * Seconds.day }

    mutating func writeProfile() throws {
        try creator.execute("""
            INSERT INTO creator_profiles (user_id, display_name, timezone, currency, onboarding_state, persona_json, plan_tier, created_at)
            VALUES (:user, ?, 'America/New_York', 'USD', 'done', ?, 'pro', ?)
            ON CONFLICT (user_id) DO NOTHING
            """, [.text("Luna Rivers"), .text(#"{"voice":"warm, playful","emoji":true,"signoff":"xx Luna"}"#), .integer(daysAgo(200))])
        try insert("subscription_events", ["event_type": "started", "to_tier": "free", "amount_cents": 0, "occurred_at": .integer(daysAgo(200))])
        try insert("subscription_events", ["event_type": "upgrade", "from_tier": "free", "to_tier": "pro", "amount_cents": 4900,
                                           "occurred_at": .integer(daysAgo(170))])
        for month in stride(from: Int64(140), through: 20, by: -30) {
            try insert("subscription_events", ["event_type": "renewed", "from_tier": "pro", "to_tier": "pro",
                                               "amount_cents": 4900, "occurred_at": .integer(daysAgo(month))])
        }
        let periodStart = daysAgo(20)
        for (operation, count) in [("messages_sent", 4_210), ("ai_drafts", 730), ("scrapes", 1_120), ("broadcasts", 3)] {
            try insert("user_usage_counts", ["operation": .text(operation), "count": .int(count), "period_start_at": .integer(periodStart),
                                             "period_end_at": .integer(periodStart + 30 * Seconds.day), "updated_at": .integer(now - Seconds.hour)])
        }
    }

    /// The named templates; an existing template of the same name is kept. Returns ids by name.
    func writeTemplates() throws -> [String: Int64] {
        for template in SeedTemplates.all {
            let variants = try String(decoding: JSONSerialization.data(withJSONObject: template.variants, options: [.sortedKeys]), as: UTF8.self)
            try creator.execute("""
                INSERT INTO message_templates (user_id, name, body, platform_variants_json, tone, category, created_at)
                VALUES (:user, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, name) DO NOTHING
                """, [.text(template.name), .text(template.body), .text(variants), .text(template.tone),
                      .text(template.category), .integer(daysAgo(190))])
        }
        var ids: [String: Int64] = [:]
        try creator.forEachRow("SELECT name, id FROM message_templates WHERE user_id = :user") { ids[$0.string(0)] = $0.int64(1) }
        return ids
    }

    mutating func writeBeforeFans() throws {
        try writeConnections()
        try writeImportRuns()
        try writeMedia()
        try writeCampaigns()
        try writePublishing()
        try writeGoals()
    }

    mutating func writeAfterFans() throws {
        try writeEarnings()
        try writeBroadcasts()
    }

    /// Connections carry AES-256-GCM output shapes (ciphertext, 12-byte nonce,
    /// 16-byte tag). The seed has no real token to encrypt, so the bytes are random.
    private mutating func writeConnections() throws {
        let platforms = ["onlyfans", "fansly", "patreon", "instagram", "tiktok", "x"]
        for (index, platform) in platforms.enumerated() {
            let expired = platform == "x"
            let followers = Int64(random.int(2_000...90_000))
            let connection = try insert("platform_connections", [
                "platform": .text(platform), "account_handle": "lunarivers", "status": .text(expired ? "expired" : "connected"),
                "health": .text(expired ? "failing" : "healthy"), "token_ciphertext": .blob(random.bytes(64)),
                "token_nonce": .blob(random.bytes(12)), "token_tag": .blob(random.bytes(16)), "token_key_id": "seed-key-1",
                "session_state_json": .text(#"{"cookies":"encrypted","device":"seed"}"#), "follower_count": .integer(followers),
                "last_synced_at": .integer(now - Int64(index + 1) * 600), "created_at": .integer(daysAgo(195)),
                "updated_at": .integer(now - Seconds.hour),
            ])
            connectedPlatforms.append(platform)
            for check in 0..<28 {
                let failing = expired && check < 6
                try insert("platform_health_checks", [
                    "connection_id": .integer(connection), "platform": .text(platform),
                    "check_kind": .text(["auth", "session", "scrape"][check % 3]), "status": .text(failing ? "failed" : "ok"),
                    "latency_ms": .int(random.int(80...1_400)), "error": failing ? "401 session expired" : .null,
                    "checked_at": .integer(now - Int64(check) * 6 * Seconds.hour),
                ])
            }
            // Daily growth curve: followers climb toward today's count.
            for day in stride(from: SeedOptions.historyDays, through: 0, by: -1) {
                let share = 1 - Double(day) / Double(SeedOptions.historyDays) * 0.4
                try insert("platform_stats_snapshots", [
                    "platform": .text(platform), "follower_count": .integer(Int64(Double(followers) * share)),
                    "subscriber_count": .integer(Int64(Double(followers) * share * 0.08)),
                    "churn_rate": .real(Double(random.int(30...120)) / 1000), "captured_at": .integer(daysAgo(day)),
                ])
            }
        }
    }

    private mutating func writeImportRuns() throws {
        for (index, platform) in ["onlyfans", "fansly"].enumerated() {
            let total = random.int(500...5_000)
            try insert("fan_import_runs", [
                "platform": .text(platform), "source": "platform_export", "status": "completed", "rows_total": .int(total),
                "rows_imported": .int(total * 9 / 10), "rows_merged": .int(total / 12), "rows_failed": .int(total - total * 9 / 10 - total / 12),
                "started_at": .integer(daysAgo(190 - Int64(index))), "finished_at": .integer(daysAgo(190 - Int64(index)) + 420),
            ])
        }
        try insert("fan_import_runs", ["platform": "patreon", "source": "csv", "status": "failed", "rows_total": 0,
                                       "error": "CSV header missing column 'patron_id'", "started_at": .integer(daysAgo(30)),
                                       "finished_at": .integer(daysAgo(30) + 5)])
    }
}
