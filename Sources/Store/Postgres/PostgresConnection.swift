import Foundation

/// One libpq connection: the only type (with `PostgresResult`) that calls
/// libpq. Statements are prepared once per SQL text and parameter types and
/// kept for the life of the connection, as SQLite's statement cache keeps them.
///
/// Values travel as text (libpq's text format), typed on the way in by the
/// statement's declared parameter types and on the way out by the column's type
/// OID, so a `bigint` comes back `.integer` and a `double precision` `.real`.
final class PostgresConnection {
    let library: LibPQ
    let handle: LibPQ.Conn
    /// The URL as given, for messages.
    let url: String
    /// Prepared statement names by translated SQL and parameter types.
    private var prepared: [PreparedKey: String] = [:]
    /// Rows changed by the last statement (`PQcmdTuples`).
    var changes = 0
    /// The id the last INSERT returned (see `PostgresStatement`).
    var lastInsertRowID: Int64 = 0
    /// Tables that have an `id` column: an INSERT into one returns its id.
    private var tablesWithID: Set<String>?
    /// Each table's indexes (their columns in order), read from the catalog
    /// once per connection for the plan estimator; forgotten on DDL.
    var indexCatalog: [String: [[String]]] = [:]

    private struct PreparedKey: Hashable {
        let sql: String
        let types: [LibPQ.Oid]
    }

    /// Connects to `url` (`postgres://user@host:port/db?...`, any form libpq takes).
    init(url: String) throws {
        let library = try LibPQ.loaded()
        guard let handle = library.connectdb(url) else {
            throw SQLiteError(code: 1, message: "cannot connect to \(Self.redacted(url)): out of memory")
        }
        guard library.status(handle) == LibPQ.connectionOK else {
            let message = library.errorMessage(handle).map { String(cString: $0) } ?? "unknown error"
            library.finish(handle)
            throw SQLiteError(code: 1, message: "cannot connect to \(Self.redacted(url)): "
                              + message.trimmingCharacters(in: .whitespacesAndNewlines), sqlState: "08006")
        }
        self.library = library
        self.handle = handle
        self.url = url
        // libpq prints NOTICEs ("relation already exists, skipping") on stderr by
        // default; rulec's stderr is for its own messages.
        _ = library.setNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { library.finish(handle) }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard let components = URLComponents(string: url), components.password != nil else { return url }
        var copy = components
        copy.password = "***"
        return copy.string ?? url
    }

    var isInTransaction: Bool { library.transactionStatus(handle) != LibPQ.transactionIdle }
    /// A statement failed in the open transaction: the server ignores every
    /// statement until ROLLBACK, and answers COMMIT with a rollback.
    var isInFailedTransaction: Bool { library.transactionStatus(handle) == LibPQ.transactionFailed }

    /// Runs a script of statements without parameters (DDL, BEGIN, COMMIT).
    func executeScript(_ sql: String) throws {
        let result = PostgresResult(library: library, handle: library.exec(handle, sql))
        try check(result, sql: sql)
        changes = result.changes
        if sql.range(of: "CREATE|ALTER|DROP", options: [.regularExpression, .caseInsensitive]) != nil {
            tablesWithID = nil
            indexCatalog = [:]
        }
    }

    /// Runs one statement with typed parameters, prepared once per text and
    /// types. Errors carry `reportedSQL`, the statement as its caller wrote it.
    func run(_ sql: String, _ values: [SQLValue], reportedSQL: String? = nil) throws -> PostgresResult {
        let types = values.map(Self.type(of:))
        let key = PreparedKey(sql: sql, types: types)
        let name: String
        if let known = prepared[key] {
            name = known
        } else {
            name = "rulec_\(prepared.count)"
            let result = types.withUnsafeBufferPointer {
                PostgresResult(library: library, handle: library.prepare(handle, name, sql, Int32(values.count), $0.baseAddress))
            }
            try check(result, sql: reportedSQL ?? sql)
            prepared[key] = name
        }
        let result = Self.withParameters(values) { pointers, lengths, formats in
            PostgresResult(library: library, handle: library.execPrepared(handle, name, Int32(values.count), pointers, lengths, formats, 0))
        }
        try check(result, sql: reportedSQL ?? sql)
        changes = result.changes
        return result
    }

    /// The declared type of a bound value. NULL is left for the server to infer
    /// from its context (it is NULL whatever the type).
    static func type(of value: SQLValue) -> LibPQ.Oid {
        switch value {
        case .integer: PostgresType.int8
        case .real: PostgresType.float8
        case .text: PostgresType.text
        case .blob: PostgresType.bytea
        case .null: 0
        }
    }

    /// Calls `body` with the C arrays libpq takes: values as text (blobs as
    /// binary), their lengths and formats, alive for the call.
    private static func withParameters<T>(_ values: [SQLValue],
                                          _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T) -> T {
        var buffers: [[CChar]?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for value in values {
            switch value {
            case .null: buffers.append(nil); lengths.append(0); formats.append(0)
            case .blob(let data):
                buffers.append(data.map { CChar(bitPattern: $0) } + [0]); lengths.append(Int32(data.count)); formats.append(1)
            default:
                let text = PostgresType.text(of: value)
                buffers.append(Array(text.utf8CString)); lengths.append(Int32(text.utf8.count)); formats.append(0)
            }
        }
        return withPointers(buffers[...], collected: []) { pointers in
            pointers.withUnsafeBufferPointer { p in
                lengths.withUnsafeBufferPointer { l in
                    formats.withUnsafeBufferPointer { f in body(p.baseAddress, l.baseAddress, f.baseAddress) }
                }
            }
        }
    }

    /// Keeps every buffer's storage pinned while `body` runs, by nesting one
    /// `withUnsafeBufferPointer` per value.
    private static func withPointers<T>(_ rest: ArraySlice<[CChar]?>, collected: [UnsafePointer<CChar>?],
                                        _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        guard let first = rest.first else { return body(collected) }
        guard let buffer = first else { return withPointers(rest.dropFirst(), collected: collected + [nil], body) }
        return buffer.withUnsafeBufferPointer { withPointers(rest.dropFirst(), collected: collected + [$0.baseAddress], body) }
    }

    /// Throws the result's error, with its SQLSTATE and the SQL, unless it succeeded.
    func check(_ result: PostgresResult, sql: String) throws {
        let status = library.resultStatus(result.handle)
        guard result.handle == nil || !(status == LibPQ.commandOK || status == LibPQ.tuplesOK || status == LibPQ.emptyQuery) else { return }
        let message: String
        var sqlState: String?
        if let handle = result.handle {
            // The primary message and its detail, without libpq's "ERROR:" and "LINE n:" decoration.
            let primary = library.resultErrorField(handle, LibPQ.diagnosticPrimaryMessage).map { String(cString: $0) }
            let detail = library.resultErrorField(handle, LibPQ.diagnosticDetail).map { " (\(String(cString: $0)))" } ?? ""
            message = primary.map { $0 + detail } ?? library.resultErrorMessage(handle).map { String(cString: $0) } ?? "unknown error"
            sqlState = library.resultErrorField(handle, LibPQ.diagnosticSQLState).map { String(cString: $0) }
        } else {
            message = library.errorMessage(self.handle).map { String(cString: $0) } ?? "no result (connection lost?)"
            sqlState = "08006"
        }
        throw SQLiteError(postgresMessage: message.trimmingCharacters(in: .whitespacesAndNewlines), sqlState: sqlState ?? "XX000", sql: sql)
    }

    /// Whether `table` has an `id` column (read once from the catalog, again after DDL).
    func hasIDColumn(_ table: String) throws -> Bool {
        if tablesWithID == nil {
            let result = try run("""
                SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE a.attname = 'id' AND c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid) AND NOT a.attisdropped
                """, [])
            tablesWithID = Set((0..<result.rowCount).map { result.string(row: $0, column: 0) })
        }
        return tablesWithID!.contains(table)
    }
}
