import Semantics
import Store

/// How language values cross into SQLite and back. The SQL text never holds a
/// value: every one is a bound parameter (STORE.md), encoded here.
enum SQLEncoding {
    static func encode(_ value: Value) -> SQLValue {
        switch value {
        case .null, .list: .null
        case .bool(let b): .integer(b ? 1 : 0)
        case .int(let v), .money(let v), .duration(let v), .timestamp(let v): .integer(v)
        case .number(let d): .real(d)
        case .string(let s): .text(s)
        }
    }

    /// A one-letter tag naming a value's type, passed beside values to the
    /// registered functions so they can rebuild the `Value` the evaluator sees.
    static func tag(_ type: ExprType?) -> String {
        switch type {
        case .int?: "i"
        case .number?: "n"
        case .money?: "m"
        case .duration?: "d"
        case .timestamp?: "t"
        case .bool?: "b"
        case .string?, .enumeration?: "s"
        default: "z"
        }
    }

    static func decode(_ value: SQLValue, tag: String) -> Value {
        switch (tag, value) {
        case (_, .null): .null
        case ("i", .integer(let v)): .int(v)
        case ("i", .real(let d)): Arithmetic.roundHalfAwayFromZero(d).map(Value.int) ?? .null
        case ("n", .integer(let v)): .number(Double(v))
        case ("n", .real(let d)): .number(d)
        case ("m", .integer(let v)): .money(v)
        case ("m", .real(let d)): Arithmetic.roundedMoney(d)
        case ("d", .integer(let v)): .duration(v)
        case ("t", .integer(let v)): .timestamp(v)
        case ("b", .integer(let v)): .bool(v != 0)
        case ("s", .text(let s)): .string(s)
        default: .null
        }
    }
}
