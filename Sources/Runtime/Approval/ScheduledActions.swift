import Planning
import Store
import Syntax

/// Actions delayed by `after D`, kept in `automation_scheduled_actions` and
/// executed by the first run at or after their due time. The caller owns the
/// transaction; each row moves from `pending` to `done` (or `cancelled`)
/// exactly once, guarded in the UPDATE itself, so two runs never execute one
/// action twice. Its `automation_rule_actions` row is written then, with the
/// final outcome: executed, failed, expired (came due more than the stale age
/// before the run), or skipped (cancelled by `rulec scheduled cancel`).
public struct ScheduledActions {
    public let store: CreatorStore
    /// The program's policy: a send that comes due is checked against it then.
    var policy: PolicyGate?

    public init(store: CreatorStore) { self.store = store }

    /// `now` is the run's clock, written as the row's `created_at` (never the
    /// database's own clock, so the row is the same on every backend and run).
    public func schedule(_ action: PreparedAction, dueAt: Int64, now: Int64) throws {
        try schedule(action, dueAt: dueAt, hitlID: nil, now: now)
    }

    /// An approved action with `after` keeps its approval item's id, for its actions row.
    func schedule(_ action: PreparedAction, dueAt: Int64, hitlID: Int64?, now: Int64) throws {
        try store.execute("""
            INSERT INTO automation_scheduled_actions (user_id, rule_id, run_id, fan_id, action_index, action_type, params_json,
                                                      due_at, status, hitl_id, created_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            """, [.integer(action.ruleID), .integer(action.runID), .integer(action.fanID), .int(action.actionIndex),
                  .text(action.actionType), .text(StoredAction.paramsJSON(action, keepingAfter: false)), .integer(dueAt),
                  .optional(hitlID), .integer(now)])
    }

    /// A send the policy's quiet hours hold until `dueAt`. One that was
    /// already scheduled (delayed, or deferred before) and is being run now
    /// keeps its row: claimed `done` a moment ago, it goes back to `pending`
    /// with the new due time, in the same transaction. (PostgreSQL's key
    /// starts with `user_id`, as every key there does for sharding.)
    func deferByPolicy(_ action: PreparedAction, dueAt: Int64, hitlID: Int64?, now: Int64) throws {
        try store.execute("""
            INSERT INTO automation_scheduled_actions (user_id, rule_id, run_id, fan_id, action_index, action_type, params_json,
                                                      due_at, status, hitl_id, created_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            ON CONFLICT (\(store.database.dialect == .postgres ? "user_id, " : "")run_id, fan_id, action_index)
                DO UPDATE SET due_at = excluded.due_at, status = 'pending'
            """, [.integer(action.ruleID), .integer(action.runID), .integer(action.fanID), .int(action.actionIndex),
                  .text(action.actionType), .text(StoredAction.paramsJSON(action, keepingAfter: false)), .integer(dueAt),
                  .optional(hitlID), .integer(now)])
    }

    /// What `runDue` did: one entry per action that came due, in due order.
    public struct DueResult: Sendable, Equatable {
        /// `held`: the policy skipped it (over a cap) or deferred it again (quiet hours).
        public enum Fate: String, Sendable { case executed, failed, expired, held }
        public struct Item: Sendable, Equatable {
            public var ruleID: Int64
            public var actionType: String
            public var fate: Fate
            /// For `held`: what the policy did.
            public var policy: PolicyEffect? = nil
        }
        public var items: [Item] = []
        /// Tag events raised by executed tag actions.
        public var tagEvents: [Int64] = []
    }

    /// Executes every pending action due at or before `now` (each exactly once,
    /// in due order). One due more than `staleAfter` seconds before `now` is
    /// recorded `expired` instead: a follow-up days late says the wrong thing.
    public func runDue(now: Int64, staleAfter: Int64 = EngineOptions.defaultStaleAfterSeconds) throws -> DueResult {
        struct Due { var id: Int64; var dueAt: Int64; var action: PreparedAction; var hitlID: Int64? }
        var due: [Due] = []
        try store.forEachRow("""
            SELECT id, rule_id, run_id, fan_id, action_index, action_type, params_json, hitl_id, due_at
            FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending' AND due_at <= ?
            ORDER BY due_at, id
            """, [.integer(now)]) { row in
            let action = try StoredAction.action(ruleID: row.int64(1), runID: row.int64(2), fanID: row.int64(3),
                                                 actionIndex: row.int(4), actionType: row.string(5), paramsJSON: row.string(6),
                                                 preview: "", requiresApproval: false)
            due.append(Due(id: row.int64(0), dueAt: row.int64(8), action: action, hitlID: row.optionalInt64(7)))
        }
        var executor = EffectExecutor(store: store)
        executor.policy = policy
        var result = DueResult()
        for item in due {
            let claimed = try store.execute(
                "UPDATE automation_scheduled_actions SET status = 'done' WHERE user_id = :user AND id = ? AND status = 'pending'",
                [.integer(item.id)])
            guard claimed == 1 else { continue }
            let fate: DueResult.Fate
            var held: PolicyEffect?
            if now - item.dueAt > staleAfter {
                let reason = "due at \(Time.iso8601(item.dueAt)), more than the stale age (\(Self.duration(staleAfter))) before the run"
                try executor.record(item.action, outcome: "expired", reason: reason, hitlID: item.hitlID, at: now)
                fate = .expired
            } else {
                let effect = try executor.execute(item.action, now: now, hitlID: item.hitlID)
                result.tagEvents += effect.tagEvents
                held = effect.policy
                fate = held != nil ? .held : effect.failures > 0 ? .failed : .executed
            }
            result.items.append(.init(ruleID: item.action.ruleID, actionType: item.action.actionType, fate: fate, policy: held))
        }
        return result
    }

    /// How many actions are waiting, for summaries.
    public func pendingCount() throws -> Int {
        Int(try store.scalar("SELECT count(*) FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending'").int64 ?? 0)
    }

    /// "24h", "90m", "7d", "45s": a stale age as `--stale-after` takes it (days from two on).
    static func duration(_ seconds: Int64) -> String {
        if seconds >= 2 * 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        for (unit, length) in [("h", Int64(3_600)), ("m", 60)] where seconds % length == 0 {
            return "\(seconds / length)\(unit)"
        }
        return "\(seconds)s"
    }
}
