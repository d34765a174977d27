import CSQLite
import Foundation

/// A prepared statement: compiled in `init`, finalized in `deinit`.
///
/// Binding is typed (`SQLValue`), text and blobs are bound with their explicit
/// byte length so an embedded NUL survives, and every failure becomes a
/// `SQLiteError` carrying the statement's SQL.
public final class Statement {
    /// The SQLite statement; nil on PostgreSQL, where `postgres` holds the statement.
    let sqliteHandle: OpaquePointer?
    /// The raw connection, not the `Database`: the database caches statements,
    /// so a strong reference back would be a cycle that never closes the file.
    /// A statement that outlives its `Database` keeps working, because
    /// `sqlite3_close_v2` waits until the last statement is finalized.
    private let connection: OpaquePointer?
    let postgres: PostgresStatement?
    public let sql: String
    private var columnIndexByName: [String: Int32]?

    init(database: Database, sql: String) throws {
        self.sql = sql
        switch database.connection {
        case .sqlite(let handle):
            var prepared: OpaquePointer?
            let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard code == SQLITE_OK, let prepared else {
                throw SQLiteError(connection: handle, code: code, sql: sql)
            }
            self.sqliteHandle = prepared
            self.connection = handle
            self.postgres = nil
        case .postgres(let connection):
            self.sqliteHandle = nil
            self.connection = nil
            self.postgres = try PostgresStatement(connection: connection, sql: sql)
        }
    }

    /// The SQLite statement (only called on SQLite's paths).
    var handle: OpaquePointer { sqliteHandle! }

    deinit { if let sqliteHandle { sqlite3_finalize(sqliteHandle) } }

    /// Whether the statement is between its first step and its end (a cursor is open on it).
    var isBusy: Bool {
        if let postgres { return postgres.isBusy }
        return sqlite3_stmt_busy(handle) != 0
    }

    // MARK: Parameters

    public var parameterCount: Int32 {
        if let postgres { return Int32(postgres.placeholders.count) }
        return sqlite3_bind_parameter_count(handle)
    }

    /// The 1-based index of a named parameter such as `:user`, or nil when the SQL has none.
    public func parameterIndex(_ name: String) -> Int32? {
        if let postgres { return postgres.placeholders.names[name].map(Int32.init) }
        let index = sqlite3_bind_parameter_index(handle, name)
        return index == 0 ? nil : index
    }

    /// Binds one value at a 1-based parameter index.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        if let postgres {
            guard index >= 1, index <= parameterCount else {
                throw SQLiteError(code: SQLITE_RANGE, message: "no parameter \(index) (the statement takes \(parameterCount))", sql: sql)
            }
            return postgres.bind(value, at: index)
        }
        let code: Int32
        switch value {
        case .integer(let v):
            code = sqlite3_bind_int64(handle, index, v)
        case .real(let v):
            code = sqlite3_bind_double(handle, index, v)
        case .text(let v):
            code = Self.bindText(v, handle: handle, index: index)
        case .blob(let v):
            code = v.isEmpty
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : v.withUnsafeBytes { sqlite3_bind_blob64(handle, index, $0.baseAddress, sqlite3_uint64($0.count), rulec_sqlite_transient()) }
        case .null:
            code = sqlite3_bind_null(handle, index)
        }
        guard code == SQLITE_OK else { throw SQLiteError(connection: connection!, code: code, sql: sql) }
    }

    /// Text goes in with its UTF-8 byte count, never as a C string, so `\0` is kept.
    private static func bindText(_ text: String, handle: OpaquePointer, index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no base address, and a NULL pointer would bind SQL NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, rulec_sqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(bytes.count), rulec_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
    }

    /// Binds values to parameters 1...n in order; the count must match exactly.
    public func bind(_ values: [SQLValue]) throws {
        guard values.count == Int(parameterCount) else {
            throw SQLiteError(code: SQLITE_RANGE, message: "statement takes \(parameterCount) parameters, \(values.count) given", sql: sql)
        }
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds named parameters (`[":user": "creator_1"]`); an unknown name is an error.
    public func bind(named values: [String: SQLValue]) throws {
        for (name, value) in values {
            guard let index = parameterIndex(name) else {
                throw SQLiteError(code: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
            }
            try bind(value, at: index)
        }
    }

    /// Makes the statement ready to run again: rewinds it and clears every binding.
    public func reset() {
        if let postgres { return postgres.reset() }
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Stepping

    /// Advances one row: true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        if let postgres { return try postgres.step() }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(connection: connection!, code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds, runs to completion and rewinds: for INSERT, UPDATE, DELETE and DDL.
    /// Returns the number of rows changed.
    @discardableResult
    public func execute(_ values: [SQLValue] = []) throws -> Int {
        defer { reset() }
        try bind(values)
        while try step() {}
        if let postgres { return postgres.connection.changes }
        return Int(sqlite3_changes64(connection))
    }

    /// Runs an INSERT and returns the new row's id.
    @discardableResult
    public func insert(_ values: [SQLValue]) throws -> Int64 {
        try execute(values)
        if let postgres { return postgres.connection.lastInsertRowID }
        return sqlite3_last_insert_rowid(connection)
    }

    // MARK: Columns of the current row

    public var columnCount: Int32 {
        if let postgres { return postgres.columnCount }
        return sqlite3_column_count(handle)
    }

    public func columnName(_ index: Int32) -> String {
        if let postgres { return postgres.columnName(index) }
        return sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    public func columnIndex(_ name: String) -> Int32? {
        if columnIndexByName == nil || columnIndexByName?.isEmpty == true {
            var map: [String: Int32] = [:]
            for i in 0..<columnCount where map[columnName(i)] == nil { map[columnName(i)] = i }
            columnIndexByName = map
        }
        return columnIndexByName?[name]
    }

    public func isNull(_ index: Int32) -> Bool {
        if let postgres { return postgres.value(index).isNull }
        return sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// The column as an integer, converted as SQLite converts (a real truncated, text parsed, else 0).
    public func int64(_ index: Int32) -> Int64 {
        if let postgres {
            switch postgres.value(index) {
            case .integer(let v): return v
            case .real(let v): return v.isFinite ? Int64(exactly: v.rounded(.towardZero)) ?? (v < 0 ? .min : .max) : 0
            case .text(let v): return Int64(v) ?? Int64(Double(v)?.rounded(.towardZero) ?? 0)
            default: return 0
            }
        }
        return sqlite3_column_int64(handle, index)
    }

    public func double(_ index: Int32) -> Double {
        if let postgres {
            switch postgres.value(index) {
            case .integer(let v): return Double(v)
            case .real(let v): return v
            case .text(let v): return Double(v) ?? 0
            default: return 0
            }
        }
        return sqlite3_column_double(handle, index)
    }

    /// Text read with its byte count, so embedded NULs come back intact.
    public func string(_ index: Int32) -> String {
        if let postgres {
            switch postgres.value(index) {
            case .text(let v): return v
            case .null: return ""
            case .blob(let v): return String(decoding: v, as: UTF8.self)
            case let other: return PostgresType.text(of: other)
            }
        }
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func data(_ index: Int32) -> Data {
        if let postgres {
            switch postgres.value(index) {
            case .blob(let v): return v
            case .text(let v): return Data(v.utf8)
            default: return Data()
            }
        }
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// The column as stored, in its own storage class.
    public func value(_ index: Int32) -> SQLValue {
        if let postgres { return postgres.value(index) }
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index))
        case SQLITE_BLOB: return .blob(data(index))
        default: return .null
        }
    }
}
