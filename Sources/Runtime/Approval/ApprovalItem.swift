import Store
import Syntax

/// One row of the approval queue as people read it (`rulec hitl list|show`).
public struct ApprovalItem: Sendable, Equatable {
    public var id: Int64
    public var ruleName: String?
    public var fanID: Int64?
    public var fanName: String?
    public var actionIndex: Int
    public var actionType: String
    public var params: JSONValue
    public var preview: String
    public var status: String
    public var reason: String?
    public var createdAt: Int64
    public var expiresAt: Int64?
    public var decidedAt: Int64?
    public var decidedBy: String?

    public var json: JSONValue {
        func optional(_ value: Int64?) -> JSONValue { value.map { .int(Int($0)) } ?? .null }
        return .object([
            ("id", .int(Int(id))), ("rule", ruleName.map(JSONValue.string) ?? .null), ("fan_id", optional(fanID)),
            ("fan_name", fanName.map(JSONValue.string) ?? .null), ("action_index", .int(actionIndex)),
            ("action_type", .string(actionType)), ("params", params), ("preview", .string(preview)), ("status", .string(status)),
            ("reason", reason.map(JSONValue.string) ?? .null), ("created_at", .int(Int(createdAt))), ("expires_at", optional(expiresAt)),
            ("decided_at", optional(decidedAt)), ("decided_by", decidedBy.map(JSONValue.string) ?? .null),
        ])
    }
}

extension ApprovalQueue {
    private static let itemColumns = """
        SELECT q.id, r.name, q.fan_id, f.display_name, q.action_index, q.action_type, q.params_json, q.preview, q.status, q.reason,
               q.created_at, q.expires_at, q.decided_at, q.decided_by
        FROM hitl_action_queue q
        LEFT JOIN automation_rules r ON r.id = q.rule_id AND r.user_id = :user
        LEFT JOIN fan_profiles f ON f.id = q.fan_id AND f.user_id = :user
        WHERE q.user_id = :user
        """

    /// The creator's items, oldest first; only those with `status` when given.
    public func items(status: String? = nil) throws -> [ApprovalItem] {
        var items: [ApprovalItem] = []
        let sql = Self.itemColumns + (status == nil ? "" : " AND q.status = ?") + " ORDER BY q.id"
        try store.forEachRow(sql, status.map { [SQLValue.text($0)] } ?? []) { items.append(Self.item(from: $0)) }
        return items
    }

    /// One item of this creator, or nil.
    public func item(_ id: Int64) throws -> ApprovalItem? {
        try store.cursor(Self.itemColumns + " AND q.id = ?", [.integer(id)]).next().map(Self.item(from:))
    }

    private static func item(from row: Row) -> ApprovalItem {
        let params = (try? JSONParser.parse(row.string(6))) ?? .string(row.string(6))
        return ApprovalItem(id: row.int64(0), ruleName: row.optionalString(1), fanID: row.optionalInt64(2), fanName: row.optionalString(3),
                            actionIndex: row.int(4), actionType: row.string(5), params: params, preview: row.string(7),
                            status: row.string(8), reason: row.optionalString(9), createdAt: row.int64(10),
                            expiresAt: row.optionalInt64(11), decidedAt: row.optionalInt64(12), decidedBy: row.optionalString(13))
    }
}
