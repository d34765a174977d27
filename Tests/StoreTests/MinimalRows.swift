@testable import Store

/// Inserts rows the way a tool outside the project would: the pinned columns
/// (or, for unpinned tables, only the columns that have no default), with the
/// parent rows they point at created first.
enum MinimalRows {
    /// Inserts one row into `table` for `user`, creating parents as needed; returns its id.
    static func insert(_ table: String, into db: Database, user: String) throws -> Int64 {
        let u = SQLValue.text(user)
        func fan() throws -> Int64 { try insert("fan_profiles", into: db, user: user) }
        func rule() throws -> Int64 { try insert("automation_rules", into: db, user: user) }
        func run() throws -> Int64 { try insert("automation_rule_runs", into: db, user: user) }
        func post() throws -> Int64 { try insert("content_posts", into: db, user: user) }
        let t: SQLValue = 1_795_000_000
        switch table {
        case "subscription_events":
            return try row(db, table, ["user_id": u, "event_type": "upgrade", "occurred_at": t])
        case "fan_subscription_events":
            return try row(db, table, ["user_id": u, "fan_id": .integer(try fan()), "account_id": .null, "platform": "onlyfans",
                                       "event_type": "started", "tier": "standard", "price_cents": 999, "occurred_at": t])
        case "automation_rules":
            return try row(db, table, ["user_id": u, "name": .text("rule \(counter(db, table))"), "source": "rule", "trigger": "transaction.tip",
                                       "priority": 0, "status": "active", "version": 1, "plan_json": "{}", "created_at": t, "updated_at": t])
        case "automation_rule_runs":
            return try row(db, table, ["user_id": u, "rule_id": .integer(try rule()), "rule_version": 1, "trigger": "transaction.tip",
                                       "event_source": "fan_transactions", "event_id": 1, "triggered_at": t, "matched_fan_count": 1,
                                       "outcome": "matched", "error": .null, "duration_ms": 3])
        case "automation_rule_actions":
            let r = try run()
            return try row(db, table, ["user_id": u, "run_id": .integer(r), "rule_id": .integer(try rule()), "fan_id": .integer(try fan()),
                                       "action_index": 0, "action_type": "tag", "params_json": "{}", "outcome": "executed",
                                       "reason": .null, "hitl_id": .null, "executed_at": t])
        case "post_performance_snapshots":
            return try row(db, table, ["user_id": u, "post_id": .integer(try post()), "platform": "onlyfans", "captured_at": t])
        case "platform_stats_snapshots":
            return try row(db, table, ["user_id": u, "platform": "onlyfans", "captured_at": t])
        case "fan_segment_member_events":
            return try row(db, table, ["user_id": u, "segment_id": .integer(try insert("fan_segments", into: db, user: user)),
                                       "fan_id": .integer(try fan()), "change": "entered", "occurred_at": t])
        case "fan_profiles":
            return try row(db, table, ["user_id": u, "display_name": "Ada", "timezone": .null, "lifecycle_stage": "new",
                                       "lifetime_spend_cents": 0, "engagement_score": 0.5, "created_at": t, "last_active_at": .null])
        case "fan_segments":
            return try row(db, table, ["user_id": u, "name": .text("seg\(counter(db, table))"), "display_name": .null,
                                       "definition": "fan.lifetime_spend >= $1", "plan_json": .null, "member_count": 0,
                                       "evaluated_at": .null, "updated_at": t])
        case "content_posts":
            return try row(db, table, ["user_id": u])
        default:
            fatalError("no minimal row for \(table)")
        }
    }

    /// `INSERT INTO table (k...) VALUES (?...)`, values bound, never spliced.
    static func row(_ db: Database, _ table: String, _ values: KeyValuePairs<String, SQLValue>) throws -> Int64 {
        let sql = "INSERT INTO \(table) (" + values.map(\.key).joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
        try db.execute(sql, values.map(\.value))
        return db.lastInsertRowID
    }

    private static func counter(_ db: Database, _ table: String) -> Int64 {
        ((try? db.scalar("SELECT count(*) FROM \(table)"))?.int64 ?? 0) + 1
    }
}
