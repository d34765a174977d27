import Store

/// The engine's position in each event source (`automation_cursors`): the last
/// id consumed per creator and source. Read inside the batch's transaction, so
/// two `run`s serialize on the write lock and the second sees the first's advance.
public struct Cursors: Sendable, Equatable {
    public private(set) var lastIDs: [EventSource: Int64]

    public init(lastIDs: [EventSource: Int64] = [:]) { self.lastIDs = lastIDs }

    /// The last id consumed; 0 (everything is new) for a source without a cursor.
    public subscript(source: EventSource) -> Int64 { lastIDs[source] ?? 0 }

    public static func read(from store: CreatorStore) throws -> Cursors {
        var lastIDs: [EventSource: Int64] = [:]
        try store.forEachRow("SELECT source, last_id FROM automation_cursors WHERE user_id = :user") { row in
            if let source = EventSource(rawValue: row.string(0)) { lastIDs[source] = row.int64(1) }
        }
        return Cursors(lastIDs: lastIDs)
    }

    /// Moves a cursor forward; never back (a stale reader cannot undo progress).
    public mutating func advance(_ source: EventSource, to id: Int64) {
        if id > self[source] { lastIDs[source] = id }
    }

    /// Writes every cursor that moved past `previous`.
    public func write(to store: CreatorStore, since previous: Cursors, now: Int64) throws {
        let larger = store.database.dialect.greatest("automation_cursors.last_id", "excluded.last_id")
        for source in EventSource.allCases where self[source] > previous[source] {
            try store.execute("""
                INSERT INTO automation_cursors (user_id, source, last_id, updated_at) VALUES (:user, ?, ?, ?)
                ON CONFLICT (user_id, source) DO UPDATE SET last_id = \(larger), updated_at = excluded.updated_at
                """, [.text(source.rawValue), .integer(self[source]), .integer(now)])
        }
    }
}
