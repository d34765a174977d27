import Store

/// The clock events of a backtest's shadow store (`ReplayBatch`): what a
/// batch runs at its clock, before its events.
struct ClockEvents {
    let store: CreatorStore

    /// Pending delayed actions and approvals falling due or expiring at or
    /// before `horizon`, by time.
    func pending(through horizon: Int64) throws -> [ClockEvent] {
        var events: [ClockEvent] = []
        try store.forEachRow("""
            SELECT due_at, fan_id FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending' AND due_at <= ?
            """, [.integer(horizon)]) { events.append(ClockEvent(time: $0.int64(0), fan: $0.int64(1))) }
        try store.forEachRow("""
            SELECT expires_at, fan_id FROM hitl_action_queue WHERE user_id = :user AND status = 'pending' AND expires_at <= ?
            """, [.integer(horizon)]) { events.append(ClockEvent(time: $0.int64(0), fan: $0.int64(1))) }
        return events.sorted { ($0.time, $0.fan) < ($1.time, $1.fan) }
    }

    /// The highest delayed-action id, before a group.
    func mark() throws -> Int64 {
        // Walks the table from its end: `max(id)` with a WHERE reads every row.
        try store.scalar("SELECT id FROM automation_scheduled_actions WHERE +user_id = :user ORDER BY id DESC LIMIT 1").int64 ?? 0
    }

    /// The earliest time, at or before `time`, at which something the group
    /// made falls due: a delayed or deferred action made after `mark`, or
    /// anything still pending; second by second, a batch inside the group
    /// would have run it at its own clock. Nil when there is none.
    func fellDue(through time: Int64, since mark: Int64) throws -> Int64? {
        let pending = try pending(through: time).first?.time
        // `+user_id`: the rows after the mark by id, not every row of the creator by index.
        let made = try store.scalar("SELECT min(due_at) FROM automation_scheduled_actions WHERE +user_id = :user AND id > ? AND due_at <= ?",
                                    [.integer(mark), .integer(time)]).int64
        return [pending, made].compactMap { $0 }.min()
    }
}
