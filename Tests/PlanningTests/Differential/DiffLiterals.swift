import Semantics

/// Source text of literals, by type: the values of `DiffEdges` as a user
/// would write them.
enum DiffLiterals {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static let ints = ["0", "1", "-1", "2", "3", "7", "24", "42", "9223372036854775807", "-9223372036854775808", "9223372036854775806"]
    static let numbers = ["0.0", "0.5", "1.0", "-0.5", "0.1", "0.2", "0.3", "0.6", "0.7", "2.5", "100.5"]
    static let money = ["$0", "$0.01", "$0.50", "$1", "$5", "$10.50", "$19.99", "$20", "$25.50", "$500", "-$5",
                        "$92233720368547758.07", "-$92233720368547758.08"]
    static let durations = DiffEdges.durations.map(\.text) + ["106751991167300d"]
    static let timestamps = ["now", "date(\"2026-03-16\")", "date(\"2026-03-16 09:00\")", "date(\"2026-03-08 02:30\")",
                             "date(\"1970-01-01\")", "7d ago", "30d ago", "12h ago"]
    static let strings = DiffEdges.sourceStrings.map(quote)
    static let zones = DiffEdges.zones.map(quote)
    /// Valid ICU patterns that probe anchors, case, classes and scalars vs graphemes.
    static let patterns = ["^A", "a", "^$", "(?i)anna", "\\d", "%", "_", "^.$", "e\\u0301", "[\u{E9}]", "^\\p{Lu}"].map(quote)

    /// Literal source for a type (timestamps include `now` and `D ago`, which
    /// mean the same in every scope).
    static func texts(_ type: GType) -> [String] {
        switch type {
        case .bool: ["true", "false"]
        case .int: ints
        case .number: numbers
        case .money: money
        case .string: strings
        case .duration: durations
        case .timestamp: timestamps
        case .enumeration(let d): d.values.map(quote)
        case .list(let e): ["[]", "[" + texts(e).prefix(2).joined(separator: ", ") + "]"]
        }
    }

    static func leaves(_ type: GType) -> [GenExpr] { texts(type).map { .leaf($0, type) } }
}
