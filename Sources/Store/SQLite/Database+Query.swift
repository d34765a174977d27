/// Reading: a cursor that steps rows without collecting them, and
/// conveniences built on it.
extension Database {
    /// A cursor over the rows of `sql` with positional `bindings`.
    public func cursor(_ sql: String, _ bindings: [SQLValue] = []) throws -> RowCursor {
        let statement = try cachedStatement(sql)
        do { try statement.bind(bindings) } catch { statement.reset(); throw error }
        return RowCursor(statement: statement)
    }

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
        let rows = try cursor(sql, bindings)
        return try rows.next()?[0] ?? .null
    }

    /// Whether a table of that name exists.
    public func tableExists(_ name: String) throws -> Bool {
        try scalar("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(name)]) == .integer(1)
    }
}
