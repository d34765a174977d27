import Store

/// `automation_events_ahead`: events handled before their source's cursor
/// reached them. A tag a rule adds is handled at once (a cascade) but its id is
/// above older tag rows the batch may not have read yet; listing it here lets
/// the cursor stay behind the older rows while the reader skips the handled one.
struct EventsAhead {
    let store: CreatorStore

    func record(_ ids: [Int64], source: EventSource, at now: Int64) throws {
        for id in ids {
            try store.execute("""
                INSERT INTO automation_events_ahead (user_id, source, event_id, handled_at) VALUES (:user, ?, ?, ?)
                ON CONFLICT (user_id, source, event_id) DO NOTHING
                """, [.text(source.rawValue), .integer(id), .integer(now)])
        }
    }

    /// Drops the entries a cursor has passed: the reader no longer reaches them.
    func forget(behind cursors: Cursors) throws {
        for source in EventSource.allCases {
            try store.execute("DELETE FROM automation_events_ahead WHERE user_id = :user AND source = ? AND event_id <= ?",
                              [.text(source.rawValue), .integer(cursors[source])])
        }
    }
}
