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
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        let savepoint = "rulec_\(transactionDepth)"
        let nested = transactionDepth > 0 || isInTransaction
        // Savepoints run per action in `rulec run`: their statements come from the
        // statement cache instead of being parsed by `sqlite3_exec` each time.
        if nested {
            try execute("SAVEPOINT \(savepoint)", [])
        } else {
            // PostgreSQL has no lock modes on BEGIN: its writers lock rows, not the file.
            try execute(dialect == .sqlite ? "BEGIN \(kind.rawValue)" : "BEGIN")
        }
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            if nested { try execute("RELEASE \(savepoint)", []) } else { try execute("COMMIT") }
            return result
        } catch {
            // A failed rollback (say, SQLite already rolled back on a full disk)
            // must not hide the error that caused it.
            // A rollback undoes a `set_config` made inside it too.
            scopedUserID = nil
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
