extension Database {
    /// The columns of every index on `table`, each in index order (sorted by
    /// index name). On PostgreSQL the catalog query costs about a millisecond
    /// of planning, more than the plans it helps choose for a selective
    /// segment, so it is read once per connection (and again after DDL run
    /// through `execute`); SQLite's pragmas cost microseconds and are read each time.
    public func indexColumns(of table: String) throws -> [[String]] {
        if case .postgres(let connection) = connection, let known = connection.indexCatalog[table] { return known }
        let query = dialect == .postgres ? """
            SELECT i.relname::text, a.attname::text FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE t.relname = ? AND pg_table_is_visible(t.oid) ORDER BY i.relname, k.ord
            """ : "SELECT l.name, i.name FROM pragma_index_list(?) l, pragma_index_info(l.name) i ORDER BY l.name, i.seqno"
        var found: [String: [String]] = [:]
        for row in try rows(query, [.text(table)]) {
            guard case .text(let index) = row[0], case .text(let column) = row[1] else { continue }
            found[index, default: []].append(column)
        }
        let columns = found.keys.sorted().map { found[$0]! }
        if case .postgres(let connection) = connection { connection.indexCatalog[table] = columns }
        return columns
    }
}
