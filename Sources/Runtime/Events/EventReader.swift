import Store

/// Reads a creator's new events, merged across sources in (time, source rank,
/// id) order, page by page.
///
/// Each source is consumed as a prefix of its ids, because its cursor can only
/// say "everything up to id N is done": the merge is a k-way merge of id-ordered
/// streams, which is exact (time, rank, id) order whenever a source's times
/// grow with its ids (they do for rows written as things happen), and never
/// skips a row when they do not. A row dated after the clock waits, and so do
/// the rows after it in its source.
///
/// Only rows that existed when the reader was made are read (each source has a
/// ceiling id): rows the batch's own effects add (drafts, rule tags) are not
/// events of this batch's merge; rule tags are handled as cascades instead.
public final class EventReader {
    /// Where one source's stream stands.
    public enum StreamState: Sendable, Equatable {
        /// Rows at or below the ceiling may remain.
        case open
        /// Every row up to the ceiling was read.
        case drained
        /// A row dated after the clock holds the rest back.
        case blocked
    }

    private struct Stream {
        let source: EventSource
        let ceiling: Int64
        var readThrough: Int64
        var buffer: [Event] = []
        var bufferIndex = 0
        var state: StreamState
        var lastConsumed: Int64
        var head: Event? { bufferIndex < buffer.count ? buffer[bufferIndex] : nil }
    }

    private let store: CreatorStore
    private let clock: Int64
    private let pageSize: Int
    private var streams: [Stream]

    public init(store: CreatorStore, cursors: Cursors, clock: Int64, pageSize: Int = 1_000) throws {
        self.store = store
        self.clock = clock
        self.pageSize = max(1, pageSize)
        self.streams = try EventSource.allCases.map { source in
            let start = cursors[source]
            // `id > cursor` makes (user_id, id) the only index that answers in
            // one step: with `user_id` alone, SQLite chose another index of
            // fan_profiles beginning with user_id and read all its entries,
            // once per source and batch (7–10 ms a batch at 100,000 fans).
            // Nothing above the cursor: the ceiling is the cursor (drained).
            let ceiling = try store.scalar("SELECT max(id) FROM \(source.table) WHERE user_id = :user AND id > ?",
                                           [.integer(start)]).int64 ?? start
            return Stream(source: source, ceiling: ceiling, readThrough: start,
                          state: start >= ceiling ? .drained : .open, lastConsumed: start)
        }
    }

    /// The next event in merge order, without consuming it.
    public func peek() throws -> Event? {
        try headIndex().flatMap { streams[$0].head }
    }

    /// Consumes and returns the next event in merge order, or nil when every
    /// stream is drained or blocked.
    public func next() throws -> Event? {
        guard let index = try headIndex(), let event = streams[index].head else { return nil }
        streams[index].bufferIndex += 1
        streams[index].lastConsumed = event.id
        return event
    }

    private func headIndex() throws -> Int? {
        var best: Int?
        for index in streams.indices {
            try refill(index)
            guard let head = streams[index].head else { continue }
            if let current = best, let currentHead = streams[current].head, !head.precedes(currentHead) { continue }
            best = index
        }
        return best
    }

    public func state(of source: EventSource) throws -> StreamState {
        let index = source.rank
        try refill(index)
        let stream = streams[index]
        if stream.head != nil { return .open }
        return stream.state
    }

    /// The id the source's cursor may move to: the ceiling once drained (rows
    /// below it that are not events, like outbound drafts, need no re-reading),
    /// else the last row consumed.
    public func cursorPosition(of source: EventSource) throws -> Int64 {
        let stream = streams[source.rank]
        return try state(of: source) == .drained ? stream.ceiling : stream.lastConsumed
    }

    public func ceiling(of source: EventSource) -> Int64 { streams[source.rank].ceiling }

    private func refill(_ index: Int) throws {
        guard streams[index].head == nil, streams[index].state == .open else { return }
        let source = streams[index].source
        var page: [Event] = []
        var blocked = false
        var lastRead = streams[index].readThrough
        var bindings: [SQLValue] = [.integer(lastRead), .integer(streams[index].ceiling)]
        if let filter = source.rowFilter { bindings.append(.text(filter.value)) }
        bindings.append(.text(source.rawValue))
        let rows = try store.cursor(Self.pageSQL(source), bindings + [.int(pageSize)])
        var rowCount = 0
        while let row = try rows.next() {
            rowCount += 1
            let time = row.int64(1)
            if time > clock { blocked = true; break }
            lastRead = row.int64(0)
            page.append(Event(source: source, row: row))
        }
        streams[index].buffer = page
        streams[index].bufferIndex = 0
        streams[index].readThrough = lastRead
        if blocked {
            streams[index].state = .blocked
        } else if rowCount < pageSize {
            streams[index].state = .drained
        }
    }

    private static func pageSQL(_ source: EventSource) -> String {
        let filter = source.rowFilter.map { " AND \($0.column) = ?" } ?? ""
        // Rows handled ahead of the cursor (rule-raised tags, see EventsAhead) are not read again.
        return "SELECT \(source.selectList) FROM \(source.table) WHERE user_id = :user AND id > ? AND id <= ?\(filter)"
            + " AND id NOT IN (SELECT event_id FROM automation_events_ahead WHERE user_id = :user AND source = ?)"
            + " ORDER BY id LIMIT ?"
    }
}
