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
    /// As of the clock the item was read at (`ApprovalQueue.items(status:at:)`): a
    /// pending item past its expiry reads `expired`, though until `rulec run` records
    /// the expiry its row still says `pending`.
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
    /// The items with their status as of the bound clock: one place decides
    /// that a pending item past `expires_at` is expired, for list, show and filters.
    private static let itemColumns = """
        SELECT * FROM (
            SELECT q.id, r.name, q.fan_id, f.display_name, q.action_index, q.action_type, q.params_json, q.preview,
                   CASE WHEN q.status = 'pending' AND q.expires_at <= ? THEN 'expired' ELSE q.status END AS status, q.reason,
                   q.created_at, q.expires_at, q.decided_at, q.decided_by
            FROM hitl_action_queue q
            LEFT JOIN automation_rules r ON r.id = q.rule_id AND r.user_id = :user
            LEFT JOIN fan_profiles f ON f.id = q.fan_id AND f.user_id = :user
            WHERE q.user_id = :user) AS items
        """

    /// The creator's items, oldest first; only those with `status` when given.
    /// With `now`, a pending item past its expiry counts (and reads) as `expired`;
    /// without, statuses are the stored ones.
    public func items(status: String? = nil, at now: Int64? = nil) throws -> [ApprovalItem] {
        var items: [ApprovalItem] = []
        let sql = Self.itemColumns + (status == nil ? "" : " WHERE status = ?") + " ORDER BY id"
        try store.forEachRow(sql, [Self.clock(now)] + (status.map { [SQLValue.text($0)] } ?? [])) { items.append(Self.item(from: $0)) }
        return items
    }

    /// One item of this creator, or nil; its status as of `now` as for `items`.
    public func item(_ id: Int64, at now: Int64? = nil) throws -> ApprovalItem? {
        try store.cursor(Self.itemColumns + " WHERE id = ?", [Self.clock(now), .integer(id)]).next().map(Self.item(from:))
    }

    /// No clock: no expiry is in the past.
    private static func clock(_ now: Int64?) -> SQLValue { .integer(now ?? .min) }

    private static func item(from row: Row) -> ApprovalItem {
        let params = (try? JSONParser.parse(row.string(6))) ?? .string(row.string(6))
        return ApprovalItem(id: row.int64(0), ruleName: row.optionalString(1), fanID: row.optionalInt64(2), fanName: row.optionalString(3),
                            actionIndex: row.int(4), actionType: row.string(5), params: params, preview: row.string(7),
                            status: row.string(8), reason: row.optionalString(9), createdAt: row.int64(10),
                            expiresAt: row.optionalInt64(11), decidedAt: row.optionalInt64(12), decidedBy: row.optionalString(13))
    }
}
