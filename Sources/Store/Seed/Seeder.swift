/// `rulec db seed`: fills the store with one creator's synthetic, realistic,
/// deterministic CRM. Same options, same rows. Other creators in the file are
/// left untouched; a creator who already has fans is refused rather than doubled.
public enum Seeder {
    /// Runs the whole seed in one `BEGIN IMMEDIATE` transaction (all or nothing,
    /// and fast), reporting progress every `progressEvery` fans.
    @discardableResult
    public static func run(_ options: SeedOptions, into store: Store, progressEvery: Int = 1_000,
                           progress: (SeedProgress) -> Void = { _ in }) throws -> SeedReport {
        guard options.fans >= 0 else { throw StoreError.invalidArgument("--fans must be zero or more, not \(options.fans)") }
        guard !options.userID.isEmpty else { throw StoreError.invalidArgument("--user must not be empty") }
        let database = store.database
        let creator = store.creator(options.userID)
        if try creator.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 ?? 0 > 0 {
            throw StoreError.creatorAlreadySeeded(userID: options.userID)
        }

        // A crash mid-seed rolls back through the WAL, so skipping fsync costs
        // nothing but speed; the previous setting comes back afterwards.
        // A large page cache keeps the indexes being filled in memory instead of
        // spilling them to the WAL and reading them back.
        // On PostgreSQL the same trade is `synchronous_commit = off` for this one transaction.
        var restore = ""
        if database.dialect == .sqlite {
            let synchronous = try database.scalar("PRAGMA synchronous").int64 ?? 2
            let cacheSize = try database.scalar("PRAGMA cache_size").int64 ?? -2000
            try database.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -524288")
            restore = "PRAGMA synchronous = \(synchronous); PRAGMA cache_size = \(cacheSize)"
        }
        defer { if !restore.isEmpty { try? database.execute(restore) } }

        // The creator's transaction: on PostgreSQL it sets `rulec.user_id`, which row-level security checks every row against.
        try creator.transaction(.immediate) {
            if database.dialect == .postgres { try database.execute("SET LOCAL synchronous_commit = off") }
            var catalog = CreatorCatalog(creator: creator, options: options)
            try catalog.writeProfile()
            let templateIDs = try catalog.writeTemplates()
            try catalog.writeBeforeFans()

            let planner = FanPlanner(options: options)
            let writer = try FanWriter(database: database, userID: options.userID, templateIDs: templateIDs)
            for index in 0..<options.fans {
                try writer.write(planner.plan(fan: index), computedAt: options.now - 3 * Seconds.hour)
                if (index + 1) % max(progressEvery, 1) == 0 || index + 1 == options.fans {
                    progress(SeedProgress(fansWritten: index + 1, fansTotal: options.fans))
                }
            }
            try catalog.writeAfterFans()
        }
        // A freshly filled store is queried at once (segments, the demo, the
        // REPL): give the planner its statistics now.
        try database.refreshPlannerStatistics()
        return try report(for: creator)
    }

    /// Rows the creator now has, per table that holds creator rows.
    static func report(for creator: CreatorStore) throws -> SeedReport {
        let tables = try creator.database.rows(creator.database.dialect == .sqlite ? """
            SELECT m.name FROM sqlite_schema m
            WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'user_id')
            ORDER BY m.name
            """ : """
            SELECT table_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'user_id' ORDER BY table_name COLLATE "C"
            """).compactMap { $0[0].string }.filter { !PostgresSchema.sharedTables.contains($0) }
        return SeedReport(rowsByTable: try tables.map { table in
            (table, Int(try creator.scalar("SELECT count(*) FROM \(table) WHERE user_id = :user").int64 ?? 0))
        })
    }
}
