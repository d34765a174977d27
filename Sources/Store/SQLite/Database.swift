import CSQLite
import Foundation

/// One connection to a SQLite file: the only type (with `Statement`) that calls
/// SQLite's C API. Opens in WAL mode (unless read-only) with foreign keys
/// enforced and a busy timeout; caches prepared statements by SQL text.
///
/// Or a connection to PostgreSQL, when `path` is a `postgres://` or
/// `postgresql://` URL (RULEC.md "More than one creator"): the same API, with
/// the SQL written in SQLite's parameter syntax translated once per statement
/// (`Placeholders`) and the few statements whose syntax differs chosen by
/// `dialect` (`SQLDialect`). libpq does the talking (`PostgresConnection`).
///
/// Not thread-safe by design: a connection belongs to one task at a time,
/// which is how every command and the engine use it.
public final class Database {
    /// The connection underneath: a SQLite handle or a PostgreSQL connection.
    enum Connection {
        case sqlite(OpaquePointer)
        case postgres(PostgresConnection)
    }
    let connection: Connection
    /// The SQLite handle (only called on SQLite's paths, which check `dialect` first).
    var handle: OpaquePointer {
        guard case .sqlite(let handle) = connection else { preconditionFailure("a SQLite call on a PostgreSQL connection") }
        return handle
    }
    /// The file's path, or the PostgreSQL URL with its password masked (for messages).
    public let path: String
    /// Which SQL the connection speaks where SQLite's and PostgreSQL's differ.
    public let dialect: SQLDialect
    /// The creator `rulec.user_id` is set to for the session (PostgreSQL), nil when unknown.
    var scopedUserID: String?
    private let opensReadOnly: Bool
    private var statementCache: [String: Statement] = [:]
    /// True when a read-only open could not use the write-ahead log (its folder
    /// cannot be written) and reads the main file as it is on disk instead.
    public private(set) var readsFileWithoutLog = false
    /// Counts open `transaction` calls, so a nested one becomes a savepoint.
    var transactionDepth = 0
    /// On PostgreSQL, the outermost savepoint released but not yet told to the
    /// server (`Database+Transaction.swift`): it goes out with the next
    /// savepoint, or not at all when the transaction ends first.
    var pendingRelease: String?
    /// On PostgreSQL, the creator the open transaction's `rulec.user_id` is set
    /// to (`set_config(…, true)`) and the `transaction` level that holds the
    /// setting (`Database+CreatorScope.swift`); nil when unknown.
    var transactionScope: (userID: String, depth: Int)?

    public struct Options: Sendable {
        /// How long a statement waits for another writer before failing with SQLITE_BUSY.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        public var access: Access = .create
        public init(busyTimeoutMilliseconds: Int32 = 5_000, readOnly: Bool = false) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.access = readOnly ? .readOnly : .create
        }
        public init(busyTimeoutMilliseconds: Int32 = 5_000, access: Access) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.access = access
        }
        public var readOnly: Bool { access == .readOnly }
    }

    /// What a connection may do to the file. Only `create` may bring a new
    /// file into being (RULEC.md: only `db init`, `db seed` and `demo` do).
    public enum Access: Sendable, Equatable {
        /// Open the file read-write, creating it when missing.
        case create
        /// Open an existing file read-write; a missing file is an error, never created.
        case readWrite
        /// Open an existing file for reading only: no write, no journal change,
        /// and it works on a file or folder the user cannot write.
        case readOnly
    }

    /// Opens the file at `path` as `options.access` allows; `":memory:"` works too.
    public init(path: String, options: Options = Options()) throws {
        self.path = Self.shown(path)
        self.opensReadOnly = options.readOnly
        if Self.isPostgresURL(path) {
            let connection = try PostgresConnection(url: path)
            self.connection = .postgres(connection)
            self.dialect = .postgres
            // A reading command cannot write, whatever the role may do.
            if options.readOnly { try connection.executeScript("SET default_transaction_read_only = on") }
            try connection.executeScript("SET lock_timeout = \(options.busyTimeoutMilliseconds)")
            return
        }
        self.dialect = .sqlite
        let access: Int32 = switch options.access {
        case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: SQLITE_OPEN_READWRITE
        case .readOnly: SQLITE_OPEN_READONLY
        }
        var handle = try Self.openHandle(path, flags: access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE)
        var withoutLog = false
        if options.access == .readOnly && path != ":memory:" && !Self.canRead(handle) {
            withoutLog = true
            // A WAL file read-only needs its -shm index; in a folder the user
            // cannot write, SQLite can neither create it nor the -wal, and the
            // first read fails. With nobody able to write here either, the file
            // can be read as it is on disk: SQLite's `immutable` open.
            sqlite3_close_v2(handle)
            handle = try Self.openHandle(Self.immutableURI(path),
                                         flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE)
        }
        self.connection = .sqlite(handle)
        self.readsFileWithoutLog = withoutLog
        sqlite3_busy_timeout(handle, options.busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(handle, 1)
        try execute("PRAGMA foreign_keys = ON")
        if !options.readOnly && path != ":memory:" {
            try execute("PRAGMA journal_mode = WAL")
        }
    }

    /// True when the connection cannot write the main database (opened read-only,
    /// or SQLite fell back to read-only because the OS refuses writes).
    public var isReadOnly: Bool {
        if dialect == .postgres { return opensReadOnly }
        return sqlite3_db_readonly(handle, "main") == 1
    }

    /// `path` as messages show it: a PostgreSQL URL's password masked, a file's path as it is.
    public static func shown(_ path: String) -> String {
        isPostgresURL(path) ? PostgresConnection.redacted(path) : path
    }

    /// Whether `path` names a PostgreSQL database rather than a file.
    public static func isPostgresURL(_ path: String) -> Bool {
        path.hasPrefix("postgres://") || path.hasPrefix("postgresql://")
    }

    private static func openHandle(_ path: String, flags: Int32) throws -> OpaquePointer {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: code & 0xff, extendedCode: code, message: "cannot open \(path): \(message)")
        }
        return opened
    }

    /// Whether the schema can be read (opening is lazy: this is where a missing -shm shows).
    private static func canRead(_ handle: OpaquePointer) -> Bool {
        sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nil, nil, nil) == SQLITE_OK
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as URI filenames require.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Finalizes cached statements, then closes; `sqlite3_close_v2` defers the
    /// close until any statement still held elsewhere is finalized.
    deinit {
        statementCache.removeAll()
        if case .sqlite(let handle) = connection { sqlite3_close_v2(handle) }
    }

    // MARK: Running SQL

    /// Runs one or more statements without parameters (DDL, pragmas, scripts).
    public func execute(_ sql: String) throws {
        if case .postgres(let connection) = connection { return try connection.executeScript(sql) }
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
            if statement.isBusy { return try prepare(sql) }
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

    public var lastInsertRowID: Int64 {
        if case .postgres(let connection) = connection { return connection.lastInsertRowID }
        return sqlite3_last_insert_rowid(handle)
    }
    public var changes: Int {
        if case .postgres(let connection) = connection { return connection.changes }
        return Int(sqlite3_changes64(handle))
    }
    /// On PostgreSQL, a statement failed in the open transaction (and was not
    /// rolled back to a savepoint): nothing more it does can be committed.
    var isInFailedTransaction: Bool {
        if case .postgres(let connection) = connection { return connection.isInFailedTransaction }
        return false
    }
    public var isInTransaction: Bool {
        if case .postgres(let connection) = connection { return connection.isInTransaction }
        return sqlite3_get_autocommit(handle) == 0
    }

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
