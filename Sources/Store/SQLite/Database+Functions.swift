import CSQLite
import Foundation

/// A Swift scalar function callable from SQL. Throwing reports the error to
/// SQLite, which fails the statement with that message.
public typealias SQLFunction = ([SQLValue]) throws -> SQLValue

/// Holds the closure for SQLite's user-data pointer. Retained once when the
/// function is registered; SQLite calls the destructor when the function is
/// replaced or the connection closes, which releases it.
private final class FunctionBox {
    let body: SQLFunction
    init(_ body: @escaping SQLFunction) { self.body = body }
}

extension Database {
    /// Registers (or replaces) a scalar function. `arity` -1 accepts any number
    /// of arguments. Mark it `deterministic` only when the same arguments always
    /// give the same result: SQLite may then use it in indexes and fold calls.
    public func registerFunction(_ name: String, arity: Int32, deterministic: Bool, _ body: @escaping SQLFunction) throws {
        guard dialect == .sqlite else {
            throw SQLiteError(code: 1, message: "PostgreSQL cannot call Swift functions; \(name) is defined by the schema in PL/pgSQL")
        }
        let box = Unmanaged.passRetained(FunctionBox(body)).toOpaque()
        var flags = SQLITE_UTF8
        if deterministic { flags |= SQLITE_DETERMINISTIC }
        let code = sqlite3_create_function_v2(handle, name, arity, flags, box, { context, count, arguments in
            let box = Unmanaged<FunctionBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
            let values = (0..<Int(count)).map { SQLValue(sqliteValue: arguments![$0]) }
            do {
                try setResult(try box.body(values), on: context)
            } catch {
                var message = "\(error)"
                message.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { sqlite3_result_error(context, $0.baseAddress, Int32($0.count)) }
                }
            }
        }, nil, nil, { box in
            box.map { Unmanaged<FunctionBox>.fromOpaque($0).release() }
        })
        // On failure SQLite has already called the destructor, so the box is not leaked.
        guard code == SQLITE_OK else {
            throw error(code: code, sql: "-- registering function \(name)/\(arity)")
        }
    }
}

private func setResult(_ value: SQLValue, on context: OpaquePointer?) throws {
    switch value {
    case .integer(let v): sqlite3_result_int64(context, v)
    case .real(let v): sqlite3_result_double(context, v)
    case .null: sqlite3_result_null(context)
    case .text(var v):
        v.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                // A NULL pointer would make the result SQL NULL, not ''.
                return sqlite3_result_text(context, "", 0, rulec_sqlite_transient())
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_result_text64(context, $0, sqlite3_uint64(bytes.count), rulec_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
    case .blob(let v):
        if v.isEmpty {
            sqlite3_result_zeroblob(context, 0)
        } else {
            v.withUnsafeBytes { sqlite3_result_blob64(context, $0.baseAddress, sqlite3_uint64($0.count), rulec_sqlite_transient()) }
        }
    }
}

extension SQLValue {
    /// Copies an argument of a registered function out of SQLite.
    init(sqliteValue value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            let bytes = sqlite3_value_text(value)
            self = .text(bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            self = .blob(count > 0 ? Data(bytes: sqlite3_value_blob(value), count: count) : Data())
        default: self = .null
        }
    }
}
