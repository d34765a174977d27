extension Database {
    /// SQLite's planner statistics (`sqlite_stat1`): without them a per-fan
    /// aggregate can be planned on a creator-wide index and scan every recent
    /// row for each fan. A first `ANALYZE` samples at most `analysis_limit`
    /// rows per index, so it stays fast on a large store; afterwards SQLite's
    /// own `PRAGMA optimize` refreshes only tables that changed a lot.
    public func refreshPlannerStatistics() throws {
        // PostgreSQL's autovacuum keeps its statistics; an engine role that does
        // not own the tables could not ANALYZE them anyway.
        guard dialect == .sqlite else { return }
        if try !tableExists("sqlite_stat1") {
            try execute("PRAGMA analysis_limit = 1000; ANALYZE")
        } else {
            try execute("PRAGMA analysis_limit = 1000; PRAGMA optimize")
        }
    }
}
