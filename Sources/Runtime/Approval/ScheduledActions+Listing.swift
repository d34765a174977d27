import Planning
import Store
import Syntax

/// `rulec scheduled list | cancel ID`: the actions waiting on `after`, and
/// cancelling one. A cancelled action is kept: its row says `cancelled`, and
/// its `automation_rule_actions` row records outcome `skipped`, reason
/// "cancelled" (the outcomes STORE.md allows), so the audit trail shows it.
extension ScheduledActions {
    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var dueAt: Int64
        public var ruleName: String?
        public var fanID: Int64
        public var fanName: String?
        public var actionType: String
        public var params: JSONValue
        public var status: String
        public var createdAt: Int64

        public var json: JSONValue {
            .object([("id", .int(Int(id))), ("due_at", .string(Time.iso8601(dueAt))), ("rule", ruleName.map(JSONValue.string) ?? .null),
                     ("fan_id", .int(Int(fanID))), ("fan_name", fanName.map(JSONValue.string) ?? .null),
                     ("action_type", .string(actionType)), ("params", params), ("status", .string(status)),
                     ("created_at", .string(Time.iso8601(createdAt)))])
        }

        /// What the action does, in a few words: the template, tag or note text.
        public var summary: String {
            switch actionType {
            case "send": "send \"\(params["template"]?.string ?? "?")\""
            case "tag", "untag": "\(actionType) \"\(params["tag"]?.string ?? "?")\""
            case "note": "note \"\(params["text"]?.string ?? "")\""
            default: actionType
            }
        }
    }

    public enum CancelFailure: Error, Equatable, CustomStringConvertible {
        case unknown(Int64)
        case notPending(Int64, status: String)

        public var description: String {
            switch self {
            case .unknown(let id): "no scheduled action #\(id)"
            case .notPending(let id, let status):
                "scheduled action #\(id) is not waiting any more (\(status == "done" ? "it already ran or expired" : "already \(status)"))"
            }
        }
    }

    /// The pending actions, soonest due first.
    public func pending() throws -> [Item] {
        try items(where: "s.status = 'pending'", [])
    }

    /// One action of this creator, whatever its status, or nil.
    public func item(_ id: Int64) throws -> Item? {
        try items(where: "s.id = ?", [.integer(id)]).first
    }

    /// Cancels a pending action at `now`: status `cancelled`, and a `skipped` actions row.
    @discardableResult
    public func cancel(_ id: Int64, now: Int64) throws -> Item {
        try store.transaction {
            guard let row = try store.cursor("""
                SELECT rule_id, run_id, fan_id, action_index, action_type, params_json, hitl_id, status
                FROM automation_scheduled_actions WHERE user_id = :user AND id = ?
                """, [.integer(id)]).next()
            else { throw CancelFailure.unknown(id) }
            guard row.string(7) == "pending" else { throw CancelFailure.notPending(id, status: row.string(7)) }
            let action = try StoredAction.action(ruleID: row.int64(0), runID: row.int64(1), fanID: row.int64(2), actionIndex: row.int(3),
                                                 actionType: row.string(4), paramsJSON: row.string(5), preview: "", requiresApproval: false)
            let hitlID = row.optionalInt64(6)
            try store.execute("UPDATE automation_scheduled_actions SET status = 'cancelled' WHERE user_id = :user AND id = ? AND status = 'pending'",
                              [.integer(id)])
            try EffectExecutor(store: store).record(action, outcome: "skipped", reason: "cancelled", hitlID: hitlID, at: now)
            return try item(id)!
        }
    }

    private func items(where condition: String, _ bindings: [SQLValue]) throws -> [Item] {
        var items: [Item] = []
        try store.forEachRow("""
            SELECT s.id, s.due_at, r.name, s.fan_id, f.display_name, s.action_type, s.params_json, s.status, s.created_at
            FROM automation_scheduled_actions s
            LEFT JOIN automation_rules r ON r.id = s.rule_id AND r.user_id = :user
            LEFT JOIN fan_profiles f ON f.id = s.fan_id AND f.user_id = :user
            WHERE s.user_id = :user AND \(condition)
            ORDER BY s.due_at, s.id
            """, bindings) { row in
            items.append(Item(id: row.int64(0), dueAt: row.int64(1), ruleName: row.optionalString(2), fanID: row.int64(3),
                              fanName: row.optionalString(4), actionType: row.string(5),
                              params: (try? JSONParser.parse(row.string(6))) ?? .string(row.string(6)), status: row.string(7),
                              createdAt: row.int64(8)))
        }
        return items
    }
}
