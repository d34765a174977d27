import Foundation
import Testing
@testable import Store

/// Writes a row with STORE.md's pinned columns alone, as outside tools do:
/// parents through foreign keys are created the same way, enum columns get a
/// value from the contract, the rest a value of the column's declared type.
struct PinnedRow {
    let db: Database
    let user: String
    private var serial = 0

    init(db: Database, user: String) {
        self.db = db
        self.user = user
    }

    /// Enum columns by (table, column), with a value STORE.md allows.
    static let enumValues: [String: String] = [
        "creator_profiles.onboarding_state": "started", "fan_profiles.lifecycle_stage": "new",
        "fan_subscriptions.status": "active", "fan_subscription_events.event_type": "started",
        "fan_transactions.kind": "tip", "fan_messages.direction": "inbound", "fan_messages.status": "received",
        "fan_scores.dimension": "churn_risk", "fan_memories.kind": "key_date",
        "fan_custom_requests.stage": "requested", "fan_custom_requests.status": "pending",
        "automation_rules.status": "active", "automation_rule_runs.outcome": "matched",
        "automation_rule_runs.event_source": "fan_transactions", "automation_rule_actions.outcome": "executed",
        "automation_rule_actions.action_type": "send", "hitl_action_queue.action_type": "send",
        "hitl_action_queue.status": "pending", "automation_cursors.source": "fan_transactions",
        "fan_segment_member_events.change": "entered", "automation_scheduled_actions.action_type": "tag",
        "automation_scheduled_actions.status": "pending",
    ]

    /// Columns with the same meaning wherever they appear.
    static let byColumn = ["platform": "onlyfans", "currency": "USD", "timezone": "America/New_York"]

    @discardableResult
    mutating func insert(_ table: String, overriding overrides: [String: SQLValue] = [:]) throws -> Int64 {
        let columns = try #require(PinnedSchema.columns[table], "\(table) has no pinned columns").filter { $0 != "id" }
        var parents: [String: String] = [:]
        try db.forEachRow("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", [.text(table)]) {
            parents[$0.string(0)] = $0.string(1)
        }
        var types: [String: String] = [:]
        try db.forEachRow("SELECT name, type FROM pragma_table_info(?)", [.text(table)]) { types[$0.string(0)] = $0.string(1) }

        var values: [SQLValue] = []
        for column in columns {
            if let value = overrides[column] {
                values.append(value)
            } else if column == "user_id" {
                values.append(.text(user))
            } else if let parent = parents[column] {
                values.append(.integer(try insert(parent)))
            } else if let value = Self.enumValues["\(table).\(column)"] ?? Self.byColumn[column] {
                values.append(.text(value))
            } else {
                serial += 1
                switch types[column] {
                case "INTEGER": values.append(column.hasSuffix("_at") ? .integer(1_795_000_000 + Int64(serial)) : .integer(1))
                case "REAL": values.append(.real(0.5))
                case "BLOB": values.append(.blob(Data([1, 2, 3])))
                default: values.append(.text("\(column) \(serial)"))
                }
            }
        }
        let sql = "INSERT INTO \(table) (" + columns.joined(separator: ", ") + ") VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        try db.execute(sql, values)
        return db.lastInsertRowID
    }
}
