/// A connection bound to one creator. Engine code reads and writes through it,
/// so the creator scope cannot be forgotten: every statement must contain the
/// named parameter `:user`, which this handle binds to its `userID` itself.
/// The other values bind, in the order they appear, to the remaining `?`
/// placeholders (numbered `?NNN` parameters are not supported here).
///
/// A statement without `:user` is refused before it runs: SQL that could touch
/// another creator's rows is a programming error caught on first use.
///
/// On PostgreSQL the database enforces the same scope itself: row-level
/// security is forced on every creator-owned table with the policy
/// `user_id = current_setting('rulec.user_id', true)`. Every transaction this
/// handle opens sets `rulec.user_id` for that transaction (`set_config(…, true)`,
/// which is `SET LOCAL`); a statement outside a transaction first sets it for
/// the session, so a read in autocommit sees the creator's rows too.
public struct CreatorStore: RowSource {
    public let database: Database
    public let userID: String

    public init(database: Database, userID: String) {
        self.database = database
        self.userID = userID
    }

    /// A cursor over the rows of a creator-scoped query.
    public func cursor(_ sql: String, _ bindings: [SQLValue] = []) throws -> RowCursor {
        let statement = try scopedStatement(sql, bindings)
        return RowCursor(statement: statement)
    }

    /// Runs a write; returns the number of rows changed.
    @discardableResult
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int {
        let statement = try scopedStatement(sql, bindings)
        defer { statement.reset() }
        while try statement.step() {}
        return database.changes
    }

    /// Runs an INSERT; returns the new row's id.
    @discardableResult
    public func insert(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int64 {
        try execute(sql, bindings)
        return database.lastInsertRowID
    }

    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        guard database.dialect == .postgres else { return try database.transaction(kind, body) }
        return try database.transaction(kind) {
            try database.scopeTransaction(to: userID)
            return try body()
        }
    }

    /// Runs `body` so that a failing statement in it leaves the surrounding
    /// transaction usable, for callers that catch the failure and go on (a
    /// rule whose condition fails is recorded `failed`, and the batch goes on).
    /// SQLite fails only the statement; PostgreSQL aborts the whole
    /// transaction, so there `body` runs in a savepoint, rolled back on failure.
    public func recoverable<T>(_ body: () throws -> T) throws -> T {
        guard database.dialect == .postgres, database.isInTransaction else { return try body() }
        return try database.transaction(.immediate, body)
    }

    /// Makes this transaction the only one working for the creator: on
    /// PostgreSQL a transaction-scoped advisory lock on the creator, which
    /// other processes' batches for the same creator take too (on any
    /// machine); released by COMMIT or ROLLBACK, or by the server when the
    /// process dies. With `wait` false, returns false at once when another
    /// transaction holds it. On SQLite, `BEGIN IMMEDIATE` already holds the
    /// whole file's write lock, so this is always true.
    public func lockCreator(wait: Bool) throws -> Bool {
        guard database.dialect == .postgres else { return true }
        if wait {
            try execute("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(:user))")
            return true
        }
        return try scalar("SELECT pg_try_advisory_xact_lock(\(Self.lockClass), hashtext(:user))") == .integer(1)
    }

    /// The first half of the creator lock's key ("rulc" in ASCII), so rulec's
    /// advisory locks do not meet another application's on the same database.
    static let lockClass: Int32 = 0x72756c63

    private func scopedStatement(_ sql: String, _ bindings: [SQLValue]) throws -> Statement {
        // The value in effect: the transaction's own when one of its levels set it, else the session's.
        if database.dialect == .postgres && (database.transactionScope?.userID ?? database.scopedUserID) != userID {
            try database.execute("SELECT set_config('rulec.user_id', ?, false)", [.text(userID)])
            database.scopedUserID = userID
            database.sessionScopeChanged(to: userID)
        }
        let statement = try database.cachedStatement(sql)
        do {
            guard let userIndex = statement.parameterIndex(":user") else {
                throw StoreError.unscopedQuery(sql: sql)
            }
            let others = Int(statement.parameterCount) - 1
            guard others == bindings.count else {
                throw SQLiteError(code: 25 /* SQLITE_RANGE */,
                                  message: "statement takes \(others) parameters besides :user, \(bindings.count) given", sql: sql)
            }
            try statement.bind(.text(userID), at: userIndex)
            // The values fill every parameter but `:user`, in order.
            var index: Int32 = 1
            for value in bindings {
                if index == userIndex { index += 1 }
                try statement.bind(value, at: index)
                index += 1
            }
            return statement
        } catch {
            statement.reset()
            throw error
        }
    }
}
