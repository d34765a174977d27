import Foundation

/// One SQLite value, as bound to a parameter or read from a column.
///
/// The five cases are SQLite's five storage classes; nothing else crosses the
/// C boundary, so every caller states exactly what it stores.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case null

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The integer, or nil for any other storage class.
    public var int64: Int64? { if case .integer(let v) = self { v } else { nil } }

    /// A real, or an integer widened to a double (SQLite's own numeric affinity).
    public var double: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }

    public var string: String? { if case .text(let v) = self { v } else { nil } }
    public var data: Data? { if case .blob(let v) = self { v } else { nil } }

    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): "'" + v.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let v): "x'" + v.map { String(format: "%02x", $0) }.joined() + "'"
        case .null: "NULL"
        }
    }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// Conveniences so call sites can write `.int(count)` with a plain `Int`.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
    /// An optional becomes NULL when absent.
    public static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
    public static func optional(_ value: Double?) -> SQLValue { value.map(SQLValue.real) ?? .null }
}
