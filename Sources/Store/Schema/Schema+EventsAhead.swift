/// Migration 10: events the engine handled before its cursor reached them.
extension Schema {
    static let eventsAhead = """
    -- A tag a rule adds is handled at once, as a cascade, but its row's id is
    -- above every row that existed when the batch began. When a batch ends with
    -- older rows of that source still unread (the batch size cut it), the cursor
    -- cannot move past the handled row yet; it is listed here instead, the
    -- reader skips it, and the row is deleted once the cursor passes it.
    CREATE TABLE automation_events_ahead (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        source TEXT NOT NULL \(StoreEnums.eventSources.sqlCheck("source")),
        event_id INTEGER NOT NULL,
        handled_at INTEGER NOT NULL,
        UNIQUE (user_id, source, event_id)
    ) STRICT;
    """
}
