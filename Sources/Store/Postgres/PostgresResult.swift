import Foundation

/// A libpq result (`PGresult`), cleared when it goes away. Values are read in
/// libpq's text format and typed by the column's type OID (`PostgresType`).
final class PostgresResult {
    let library: LibPQ
    let handle: LibPQ.Result?

    init(library: LibPQ, handle: LibPQ.Result?) {
        self.library = library
        self.handle = handle
    }

    deinit { library.clear(handle) }

    var rowCount: Int { Int(library.ntuples(handle)) }
    var columnCount: Int32 { library.nfields(handle) }

    /// Rows an INSERT, UPDATE or DELETE touched; 0 for other statements.
    var changes: Int {
        guard let text = library.cmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    func columnName(_ column: Int32) -> String {
        library.fname(handle, column).map { String(cString: $0) } ?? ""
    }

    func isNull(row: Int, column: Int32) -> Bool { library.getisnull(handle, Int32(row), column) != 0 }

    /// The column's text, read with its byte count.
    func string(row: Int, column: Int32) -> String {
        guard let bytes = library.getvalue(handle, Int32(row), column) else { return "" }
        let count = Int(library.getlength(handle, Int32(row), column))
        return bytes.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    /// The value, typed by the column's OID: integers and booleans as `.integer`,
    /// floating point as `.real`, `numeric` as whichever its text is, `bytea` as
    /// `.blob`, everything else as `.text`.
    func value(row: Int, column: Int32) -> SQLValue {
        if isNull(row: row, column: column) { return .null }
        return PostgresType.value(text: string(row: row, column: column), type: library.ftype(handle, column))
    }
}

/// The type OIDs rulec binds and reads (PostgreSQL's `pg_type`), and how a
/// value crosses in text form.
enum PostgresType {
    static let bool: LibPQ.Oid = 16, bytea: LibPQ.Oid = 17, int8: LibPQ.Oid = 20, int2: LibPQ.Oid = 21, int4: LibPQ.Oid = 23
    static let text: LibPQ.Oid = 25, oid: LibPQ.Oid = 26, float4: LibPQ.Oid = 700, float8: LibPQ.Oid = 701, numeric: LibPQ.Oid = 1700

    /// A column value from its text form.
    static func value(text: String, type: LibPQ.Oid) -> SQLValue {
        switch type {
        case int8, int2, int4, oid:
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case bool:
            return .integer(text == "t" ? 1 : 0)
        case float4, float8:
            return double(text).map(SQLValue.real) ?? .text(text)
        case numeric:
            // `sum(bigint)` is numeric in PostgreSQL and integer in SQLite: a
            // whole number stays an integer, as it would on SQLite.
            if let integer = Int64(text) { return .integer(integer) }
            return double(text).map(SQLValue.real) ?? .text(text)
        case bytea:
            return .blob(hexBytes(text) ?? Data(text.utf8))
        default:
            return .text(text)
        }
    }

    /// `Infinity`, `-Infinity` and `NaN` as PostgreSQL writes them, else the number.
    private static func double(_ text: String) -> Double? {
        switch text {
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    /// `\x0a1b…` (bytea's hex output) as bytes.
    private static func hexBytes(_ text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0 else { return nil }
        var data = Data(capacity: (digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A parameter's text form: integers in decimal, reals with every digit
    /// (Swift's shortest round-trip form), text as it is.
    static func text(of value: SQLValue) -> String {
        switch value {
        case .integer(let v): String(v)
        case .real(let v):
            v.isNaN ? "NaN" : v == .infinity ? "Infinity" : v == -.infinity ? "-Infinity" : String(v)
        case .text(let v): v
        case .blob, .null: ""
        }
    }
}
