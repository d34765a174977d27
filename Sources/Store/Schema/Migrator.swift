/// Brings a database file up to the latest schema: reads which migrations it
/// has, refuses a file from a newer rulec, applies the missing ones in order in
/// one `BEGIN IMMEDIATE` transaction (two processes opening the same new file
/// cannot both migrate it), and records each in `schema_migrations`.
enum Migrator {
    static let createLedger = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT
    """

    /// The highest migration recorded in the file, 0 for a new file.
    static func currentVersion(of database: Database) throws -> Int {
        guard try database.tableExists("schema_migrations") else { return 0 }
        return Int(try database.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations").int64 ?? 0)
    }

    /// Applies the migrations the file lacks; returns the versions applied.
    @discardableResult
    static func migrate(_ database: Database, migrations: [Migration] = Migration.all) throws -> [Int] {
        if database.dialect == .postgres { return try migratePostgres(database) }
        let supported = migrations.last?.version ?? 0
        // Checked before taking the write lock, so a read-only look at a newer file fails cleanly.
        let found = try currentVersion(of: database)
        if found > supported { throw StoreError.newerSchema(path: database.path, found: found, supported: supported) }
        if found == supported { return [] }

        return try database.transaction(.immediate) {
            try database.execute(createLedger)
            // Read again under the lock: another process may have migrated meanwhile.
            let current = try currentVersion(of: database)
            if current > supported { throw StoreError.newerSchema(path: database.path, found: current, supported: supported) }
            var applied: [Int] = []
            for migration in migrations where migration.version > current {
                try database.execute(migration.sql)
                try database.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                     [.int(migration.version), .text(migration.name)])
                applied.append(migration.version)
            }
            try analyzeIndexesWithoutStatistics(database)
            return applied
        }
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

    /// PostgreSQL's migrations (`PostgresSchema.migrations`, the same numbers)
    /// as `PostgresMigrator`'s one script, which takes an advisory lock as
    /// `BEGIN IMMEDIATE` serializes SQLite's; a newer database is refused
    /// before anything runs, with the same error as a newer file.
    private static func migratePostgres(_ database: Database) throws -> [Int] {
        let supported = PostgresSchema.latestVersion
        let found = try currentVersion(of: database)
        if found > supported { throw StoreError.newerSchema(path: database.path, found: found, supported: supported) }
        if found == supported { return [] }
        do {
            try database.execute(PostgresMigrator.script())
            let now = try currentVersion(of: database)
            return PostgresSchema.migrations.map(\.version).filter { $0 > found && $0 <= now }
        } catch let error as SQLiteError where error.sqlState == PostgresMigrator.newerSchemaSQLState {
            // Another process migrated past this build meanwhile.
            throw StoreError.newerSchema(path: database.path, found: try currentVersion(of: database), supported: supported)
        }
    }
}
