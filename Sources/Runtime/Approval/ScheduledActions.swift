import Store
import Syntax

/// Actions delayed by `after D`, kept in `automation_scheduled_actions` and
/// executed by the first run at or after their due time. The caller owns the
/// transaction; each row moves from `pending` to `done` exactly once, guarded
/// in the UPDATE itself, so two runs never execute one action twice.
public struct ScheduledActions {
    public let store: CreatorStore

    public init(store: CreatorStore) { self.store = store }

    public func schedule(_ action: PreparedAction, dueAt: Int64) throws {
        try schedule(action, dueAt: dueAt, hitlID: nil)
    }

    /// An approved action with `after` keeps its approval item's id, for its actions row.
    func schedule(_ action: PreparedAction, dueAt: Int64, hitlID: Int64?) throws {
        try store.execute("""
            INSERT INTO automation_scheduled_actions (user_id, rule_id, run_id, fan_id, action_index, action_type, params_json,
                                                      due_at, status, hitl_id)
            VALUES (:user, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
            """, [.integer(action.ruleID), .integer(action.runID), .integer(action.fanID), .int(action.actionIndex),
                  .text(action.actionType), .text(StoredAction.paramsJSON(action, keepingAfter: false)), .integer(dueAt),
                  .optional(hitlID)])
    }

    /// Executes every pending action due at or before `now` (each exactly once,
    /// in due order) and returns the tag events raised.
    public func runDue(now: Int64) throws -> EffectResult {
        struct Due { var id: Int64; var action: PreparedAction; var hitlID: Int64? }
        var due: [Due] = []
        try store.forEachRow("""
            SELECT id, rule_id, run_id, fan_id, action_index, action_type, params_json, hitl_id
            FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending' AND due_at <= ?
            ORDER BY due_at, id
            """, [.integer(now)]) { row in
            let action = try StoredAction.action(ruleID: row.int64(1), runID: row.int64(2), fanID: row.int64(3),
                                                 actionIndex: row.int(4), actionType: row.string(5), paramsJSON: row.string(6),
                                                 preview: "", requiresApproval: false)
            due.append(Due(id: row.int64(0), action: action, hitlID: row.optionalInt64(7)))
        }
        let executor = EffectExecutor(store: store)
        var result = EffectResult()
        for item in due {
            let claimed = try store.execute(
                "UPDATE automation_scheduled_actions SET status = 'done' WHERE user_id = :user AND id = ? AND status = 'pending'",
                [.integer(item.id)])
            guard claimed == 1 else { continue }
            result.merge(try executor.execute(item.action, now: now, hitlID: item.hitlID))
        }
        return result
    }

    /// How many actions are waiting, for summaries.
    public func pendingCount() throws -> Int {
        Int(try store.scalar("SELECT count(*) FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending'").int64 ?? 0)
    }
}
