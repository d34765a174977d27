import Store
import Syntax

/// Human approval (`requires approval`): actions wait in `hitl_action_queue`
/// until a person approves or rejects them, or they expire after 7 days.
///
/// Every decision runs in one transaction and first checks that the item is
/// this creator's and still pending; anything else is an `ApprovalError` and
/// changes nothing. So an item executes at most once, whatever races it.
public struct ApprovalQueue {
    public let store: CreatorStore
    /// How long an item waits for a decision (docs/RUNTIME.md).
    public static let lifetimeSeconds: Int64 = 7 * 86_400

    public init(store: CreatorStore) { self.store = store }

    /// Queues an action; returns its id. Nothing executes.
    public func enqueue(_ action: PreparedAction, now: Int64) throws -> Int64 {
        try store.insert("""
            INSERT INTO hitl_action_queue (user_id, rule_id, run_id, fan_id, action_index, action_type, params_json, preview,
                                           status, created_at, expires_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            """, [.integer(action.ruleID), .integer(action.runID), .integer(action.fanID), .int(action.actionIndex),
                  .text(action.actionType), .text(StoredAction.paramsJSON(action, keepingAfter: true)), .text(action.preview),
                  .integer(now), .integer(now + Self.lifetimeSeconds)])
    }

    /// Executes the item now, or schedules it `after` seconds from now, and
    /// marks it approved by `by`.
    public func approve(_ id: Int64, by: String, now: Int64) throws -> ApprovalOutcome {
        try store.transaction {
            let action = try pendingAction(id, now: now)
            try decide(id, status: "approved", by: by, reason: nil, now: now)
            if let after = action.afterSeconds {
                try ScheduledActions(store: store).schedule(action, dueAt: now + after, hitlID: id, now: now)
                return .scheduled(dueAt: now + after)
            }
            // A gated send meets the policy when it executes, after approval (LANGUAGE.md §11).
            var executor = EffectExecutor(store: store)
            executor.policy = try PolicyGate.load(from: store)
            return .executed(try executor.execute(action, now: now, hitlID: id))
        }
    }

    /// Drops the item: marks it rejected and writes its `rejected` actions row.
    public func reject(_ id: Int64, by: String, reason: String?, now: Int64) throws {
        try store.transaction {
            let action = try pendingAction(id, now: now)
            try decide(id, status: "rejected", by: by, reason: reason, now: now)
            try EffectExecutor(store: store).record(action, outcome: "rejected", reason: reason, hitlID: id, at: now)
        }
    }

    /// Marks every pending item past its expiry `expired` (with its actions row);
    /// returns how many.
    public func expire(now: Int64) throws -> Int {
        try store.transaction {
            var expired: [(id: Int64, action: PreparedAction)] = []
            try store.forEachRow("""
                SELECT id, rule_id, run_id, fan_id, action_index, action_type, params_json, preview
                FROM hitl_action_queue WHERE user_id = :user AND status = 'pending' AND expires_at <= ? ORDER BY id
                """, [.integer(now)]) { row in
                expired.append((row.int64(0), try Self.action(from: row)))
            }
            let executor = EffectExecutor(store: store)
            for item in expired {
                try decide(item.id, status: "expired", by: nil, reason: "not decided within 7 days", now: now)
                try executor.record(item.action, outcome: "expired", reason: "not decided within 7 days", hitlID: item.id, at: now)
            }
            return expired.count
        }
    }

    /// The item's action, if it is this creator's, pending and not past expiry.
    private func pendingAction(_ id: Int64, now: Int64) throws -> PreparedAction {
        guard let row = try store.cursor("""
            SELECT id, rule_id, run_id, fan_id, action_index, action_type, params_json, preview, status, expires_at
            FROM hitl_action_queue WHERE user_id = :user AND id = ?
            """, [.integer(id)]).next()
        else { throw ApprovalError.notFound(id) }
        let status = row.string(8)
        guard status == "pending" else { throw ApprovalError.notPending(id: id, status: status) }
        if let expiresAt = row.optionalInt64(9), expiresAt <= now { throw ApprovalError.expired(id: id, expiredAt: expiresAt) }
        return try Self.action(from: row)
    }

    /// Sets the decision; the `status = 'pending'` guard makes a lost race an error, not a second decision.
    private func decide(_ id: Int64, status: String, by: String?, reason: String?, now: Int64) throws {
        let changed = try store.execute("""
            UPDATE hitl_action_queue SET status = ?, reason = ?, decided_at = ?, decided_by = ?
            WHERE user_id = :user AND id = ? AND status = 'pending'
            """, [.text(status), .optional(reason), .integer(now), .optional(by), .integer(id)])
        guard changed == 1 else { throw ApprovalError.notPending(id: id, status: "decided") }
    }

    static func action(from row: Row) throws -> PreparedAction {
        try StoredAction.action(ruleID: row.optionalInt64(1), runID: row.optionalInt64(2), fanID: row.optionalInt64(3),
                                actionIndex: row.int(4), actionType: row.string(5), paramsJSON: row.string(6),
                                preview: row.string(7), requiresApproval: true)
    }
}
