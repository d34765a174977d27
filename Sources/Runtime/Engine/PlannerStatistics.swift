import Store

/// SQLite's planner statistics (`sqlite_stat1`). Without them, a rule's
/// per-fan aggregate like `sum(fan.transactions.amount within 30d)` can be
/// planned on the creator-wide time index and scan every recent transaction
/// for each event (measured: 30 events/s instead of thousands on a
/// 20,000-fan store). The engine makes sure statistics exist before it runs.
enum PlannerStatistics {
    /// Connection settings for a long run over a large store: a 64 MiB page
    /// cache (SQLite's default is 2 MiB), so the per-event lookups of fan rows
    /// and indexes mostly hit memory instead of a `pread` each. Memory-mapped
    /// reads were another 19% faster in the run benchmark but put the whole
    /// file in the resident set; they are left off.
    ///
    /// SQLite's own WAL checkpoint, where it still runs (when the engine has no
    /// `BackgroundCheckpointer`, and after it stops), comes every 8,192 pages
    /// (32 MiB) instead of every 1,000: with a small WAL the same index and
    /// table-tail pages were copied (and fsynced) again every few batches
    /// (perf: ~8.5% of `run` in `sqlite3WalCheckpoint`). Every commit is still
    /// fsynced to the WAL, so durability is the same.
    static func tuneConnection(_ database: Database) throws {
        // PostgreSQL's caches are the server's (shared_buffers), set by whoever runs it.
        guard database.dialect == .sqlite else { return }
        try database.execute("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192; PRAGMA temp_store = MEMORY")
    }

    /// Statistics exist and are fresh (`Database.refreshPlannerStatistics`).
    static func refresh(_ database: Database) throws {
        try database.refreshPlannerStatistics()
    }
}
