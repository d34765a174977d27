/// The planner's statistics across a migration that remakes an index.
extension Migrator {
    /// Each index's `sqlite_stat1` row before the migrations run (none when
    /// the file was never analyzed).
    static func indexStatistics(_ database: Database) throws -> [String: (table: String, stat: String)] {
        guard try database.tableExists("sqlite_stat1") else { return [:] }
        var statistics: [String: (table: String, stat: String)] = [:]
        for row in try database.rows("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL") {
            if let table = row[0].string, let index = row[1].string, let stat = row[2].string { statistics[index] = (table, stat) }
        }
        return statistics
    }

    /// An index a migration drops and makes again with columns appended (20,
    /// 22) keeps its statistics: the row is written back with one more figure
    /// per new column, the last one repeated (a longer key cannot match more
    /// rows than its prefix). Sampling it again instead (below) gave
    /// `627840 1001 1 1` on a one-creator file of 627,840 transactions, a
    /// guess of 1,001 rows per creator, beside exact figures for the table's
    /// other indexes, which misleads SQLite's choice between them.
    static func carryStatistics(_ before: [String: (table: String, stat: String)], _ database: Database) throws {
        guard !before.isEmpty, try database.tableExists("sqlite_stat1") else { return }
        var carried = false
        for row in try database.rows("""
            SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
              AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)
            """) {
            guard let index = row[0].string, let table = row[1].string, let old = before[index], old.table == table else { continue }
            let figures = old.stat.split(separator: " ").prefix { Int64($0) != nil }.map(String.init)
            let columns = Int(try database.scalar("SELECT count(*) FROM pragma_index_info(?)", [.text(index)]).int64 ?? 0)
            guard let last = figures.last, figures.count >= 2, columns >= figures.count - 1 else { continue }
            let stat = (figures + Array(repeating: last, count: columns - (figures.count - 1))).joined(separator: " ")
            try database.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", [.text(table), .text(index), .text(stat)])
            carried = true
        }
        // The planner reads sqlite_stat1 when the schema is loaded; this reloads it.
        if carried { try database.execute("ANALYZE sqlite_schema") }
    }

    /// An index a migration drops and makes again (20) loses its
    /// `sqlite_stat1` row, and SQLite then guesses that `user_id = ?` leaves
    /// 10 of its entries, against 1,000 for every analyzed index: it would read
    /// a window through the per-fan index instead of the time index. So when
    /// the file has statistics, each index of an analyzed table that has none
    /// is analyzed (sampled as `refreshPlannerStatistics` samples, a few ms).
    static func analyzeIndexesWithoutStatistics(_ database: Database) throws {
        guard try database.tableExists("sqlite_stat1") else { return }
        let missing = try database.rows("""
            SELECT name FROM sqlite_schema
            WHERE type = 'index' AND sql IS NOT NULL
              AND tbl_name IN (SELECT tbl FROM sqlite_stat1 WHERE idx IS NOT NULL)
              AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)
            ORDER BY name
            """).compactMap { $0[0].string }
        guard !missing.isEmpty else { return }
        try database.execute("PRAGMA analysis_limit = 1000")
        for index in missing { try database.execute("ANALYZE \"\(index)\"") }
    }
}
