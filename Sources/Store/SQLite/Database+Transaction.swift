/// Transactions. A writer starts with `BEGIN IMMEDIATE`, taking the write lock
/// up front: with WAL a deferred transaction that later tries to write can fail
/// with SQLITE_BUSY immediately, ignoring the busy timeout.
public enum TransactionKind: String, Sendable {
    case deferred = "DEFERRED"
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
}

extension Database {
    /// Runs `body` in a transaction: committed when it returns, rolled back when
    /// it throws (the error is rethrown). Called inside another transaction, it
    /// becomes a savepoint, so an inner failure undoes only the inner work.
    ///
    /// On PostgreSQL every statement is a round trip to the server, and in
    /// `rulec run` a quarter of them were `RELEASE`s of the savepoint around a
    /// rule run or an action. A `RELEASE` needs no answer, so it waits
    /// (`pendingRelease`): the next savepoint sends it in the same round trip,
    /// and COMMIT or ROLLBACK makes it unnecessary. Until then the released
    /// savepoint stays open on the server, with the statements after it inside;
    /// releasing it later merges them into the same enclosing transaction, and
    /// rolling back to an enclosing savepoint undoes them as it would have
    /// (savepoints are named by depth, so an enclosing one is never the pending one).
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        let savepoint = "rulec_\(transactionDepth)"
        let nested = transactionDepth > 0 || isInTransaction
        // Savepoints run per action in `rulec run`: their statements come from the
        // statement cache instead of being parsed by `sqlite3_exec` each time.
        if nested {
            if let pending = pendingRelease {
                pendingRelease = nil
                try execute("RELEASE \(pending); SAVEPOINT \(savepoint)")
            } else {
                try execute("SAVEPOINT \(savepoint)", [])
            }
        } else {
            pendingRelease = nil
            // PostgreSQL has no lock modes on BEGIN: its writers lock rows, not the file.
            try execute(dialect == .sqlite ? "BEGIN \(kind.rawValue)" : "BEGIN")
        }
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            if !nested {
                pendingRelease = nil
                // PostgreSQL answers COMMIT in an aborted transaction with a rollback,
                // and no error: a failure someone caught without a savepoint would
                // otherwise pass for a commit, and lose the work silently.
                if isInFailedTransaction {
                    throw SQLiteError(code: 1, message: "the transaction was aborted by an earlier failed statement; nothing was committed",
                                      sql: "COMMIT", sqlState: "25P02")
                }
                try execute("COMMIT")
            } else if dialect == .postgres && transactionDepth > 1 {
                // Releasing this one releases any inner one still pending. Only
                // inside an enclosing `transaction`, whose COMMIT or ROLLBACK clears
                // it: a transaction begun by hand ends where this code cannot see.
                pendingRelease = savepoint
            } else {
                // Releasing this one releases any inner one still pending.
                pendingRelease = nil
                try execute("RELEASE \(savepoint)", [])
            }
            // A creator scope this level set is handed to the level around it, or ends.
            scopeOutlives(level: transactionDepth)
            return result
        } catch {
            // A failed rollback (say, SQLite already rolled back on a full disk)
            // must not hide the error that caused it.
            // A rollback undoes a `set_config` made inside it too.
            scopedUserID = nil
            scopeRolledBack(level: transactionDepth)
            // Rolling back to this savepoint, or the whole transaction, ends any inner one pending.
            pendingRelease = nil
            if nested {
                try? execute("ROLLBACK TO \(savepoint)")
                try? execute("RELEASE \(savepoint)")
            } else if isInTransaction {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }
}
