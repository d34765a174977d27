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

        let applied = try database.transaction(.immediate) {
            try database.execute(createLedger)
            // Read again under the lock: another process may have migrated meanwhile.
            let current = try currentVersion(of: database)
            if current > supported { throw StoreError.newerSchema(path: database.path, found: current, supported: supported) }
            let statistics = try indexStatistics(database)
            var applied: [Int] = []
            for migration in migrations where migration.version > current {
                try database.execute(migration.sql)
                try database.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                     [.int(migration.version), .text(migration.name)])
                applied.append(migration.version)
            }
            try carryStatistics(statistics, database)
            try analyzeIndexesWithoutStatistics(database)
            return applied
        }
        // A migration that remakes indexes leaves tens of MB in the WAL, and a
        // command that only reads never checkpoints it: every later read went
        // through the WAL (a 30 MB one doubled the time of a 12 ms segment eval
        // on 100,000 fans, BENCHMARKS.md). Copied back now, without waiting
        // for readers (PASSIVE: what a reader still needs stays for later).
        // Without a WAL (a rollback journal, memory) the checkpoint does nothing.
        if !applied.isEmpty { try database.execute("PRAGMA wal_checkpoint(PASSIVE)") }
        return applied
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
