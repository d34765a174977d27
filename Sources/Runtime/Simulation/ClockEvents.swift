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
}
