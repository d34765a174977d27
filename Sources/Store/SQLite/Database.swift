import CSQLite
import Foundation

/// One connection to a SQLite file: the only type (with `Statement`) that calls
/// SQLite's C API. Opens in WAL mode with foreign keys enforced and a busy
/// timeout; caches prepared statements by SQL text.
///
/// Not thread-safe by design: a connection belongs to one task at a time,
/// which is how every command and the engine use it.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// Counts open `transaction` calls, so a nested one becomes a savepoint.
    var transactionDepth = 0

    public struct Options: Sendable {
        /// How long a statement waits for another writer before failing with SQLITE_BUSY.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        public var readOnly = false
        public init(busyTimeoutMilliseconds: Int32 = 5_000, readOnly: Bool = false) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.readOnly = readOnly
        }
    }

    /// Opens (creating unless read-only) the file at `path`; `":memory:"` works too.
    public init(path: String, options: Options = Options()) throws {
        var opened: OpaquePointer?
        let flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: code & 0xff, extendedCode: code, message: "cannot open \(path): \(message)")
        }
        self.handle = opened
        self.path = path
        sqlite3_busy_timeout(opened, options.busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(opened, 1)
        try execute("PRAGMA foreign_keys = ON")
        if !options.readOnly && path != ":memory:" {
            try execute("PRAGMA journal_mode = WAL")
        }
    }

    /// Finalizes cached statements, then closes; `sqlite3_close_v2` defers the
    /// close until any statement still held elsewhere is finalized.
    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: Running SQL

    /// Runs one or more statements without parameters (DDL, pragmas, scripts).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: code & 0xff, extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// A new statement, owned by the caller.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A statement from the cache (prepared once per SQL text), rewound and unbound.
    /// If the cached one is mid-step (an open cursor over the same SQL), a fresh
    /// uncached statement is returned instead, so nested reads never collide.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            if sqlite3_stmt_busy(statement.handle) != 0 { return try prepare(sql) }
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs a statement with positional parameters; returns the number of rows changed.
    @discardableResult
    public func execute(_ sql: String, _ bindings: [SQLValue]) throws -> Int {
        try cachedStatement(sql).execute(bindings)
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes64(handle)) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// A typed error from the connection's current error state.
    func error(code: Int32, sql: String) -> SQLiteError {
        SQLiteError(connection: handle, code: code, sql: sql)
    }
}

extension SQLiteError {
    /// The error a call on `connection` just returned, with SQLite's message and extended code.
    init(connection: OpaquePointer, code: Int32, sql: String) {
        self.init(code: code & 0xff, extendedCode: sqlite3_extended_errcode(connection),
                  message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
