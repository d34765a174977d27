/// Anything that runs a query and hands back a cursor: the database itself, or
/// a creator-scoped handle that binds `:user` on the way. The conveniences
/// built on a cursor are written once, here, for both.
public protocol RowSource {
    /// A cursor over the rows of `sql` with `bindings` bound to its `?`s.
    func cursor(_ sql: String, _ bindings: [SQLValue]) throws -> RowCursor
}

extension RowSource {
    /// A cursor over a composed fragment.
    public func cursor(_ fragment: SQLFragment) throws -> RowCursor {
        try cursor(fragment.text, fragment.bindings)
    }

    /// Calls `body` once per row, reading straight from SQLite's buffers.
    public func forEachRow(_ sql: String, _ bindings: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        let rows = try cursor(sql, bindings)
        while let row = try rows.next() { try body(row) }
    }

    /// Every row, each copied out as values.
    public func rows(_ sql: String, _ bindings: [SQLValue] = []) throws -> [[SQLValue]] {
        var result: [[SQLValue]] = []
        try forEachRow(sql, bindings) { result.append($0.values) }
        return result
    }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLValue {
        try cursor(sql, bindings).next()?[0] ?? .null
    }
}
