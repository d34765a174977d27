import Store

/// Indexes of the shadow store the replay mostly pays for (docs/SIMULATE.md).
/// Every row put back inserts an entry into each index of its table. The
/// history tables' `(user_id, time)` indexes serve reads across all fans by
/// time: the rewind's (it runs before they go); the event reader goes by id
/// (`_by_user`), collection reads by fan (`_by_fan`, named in `INDEXED BY`),
/// and no statement names them. A read that SQLite would have answered with
/// one takes another plan; an index changes no answer. Dropped in the shadow
/// only, after the rewind: 2–11% less backtest CPU at 100,000 fans with the
/// same firings (BENCHMARKS.md).
enum ShadowIndexes {
    static let unread = ["fan_transactions_by_time", "fan_messages_by_time", "fan_subscription_events_by_time"]

    static func dropUnread(in database: Database) throws {
        for index in unread { try database.execute("DROP INDEX IF EXISTS \(index)") }
    }
}
