/// Reading: a cursor that steps rows without collecting them; the
/// conveniences built on it come from `RowSource`.
extension Database: RowSource {
    /// A cursor over the rows of `sql` with positional `bindings`.
    public func cursor(_ sql: String, _ bindings: [SQLValue] = []) throws -> RowCursor {
        let statement = try cachedStatement(sql)
        do { try statement.bind(bindings) } catch { statement.reset(); throw error }
        return RowCursor(statement: statement)
    }

    /// Whether a table of that name exists.
    public func tableExists(_ name: String) throws -> Bool {
        switch dialect {
        case .sqlite:
            try scalar("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(name)]) == .integer(1)
        case .postgres:
            try scalar("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", [.text(name)]) == .integer(1)
        }
    }
}
