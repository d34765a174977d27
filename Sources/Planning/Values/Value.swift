/// A runtime value of the rules language (LANGUAGE.md §6). Money, durations
/// and timestamps are distinct cases, not ints, so no operation can mix them
/// by accident; `null` is a value, and lists are never null.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case number(Double)
    /// Integer minor units (cents).
    case money(Int64)
    case string(String)
    /// Whole seconds.
    case duration(Int64)
    /// Unix seconds, UTC.
    case timestamp(Int64)
    case list([Value])

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// A value in a boolean position: `null` (and anything not a bool) is false.
    public var truth: Bool { if case .bool(true) = self { true } else { false } }
}

extension Value: CustomStringConvertible {
    /// How the REPL, `why` and `explain` show a value: the way it is written in
    /// the language, so a user can paste it back.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d): return Value.formatNumber(d)
        case .money(let cents): return Value.formatMoney(cents)
        case .string(let s): return Value.quote(s)
        case .duration(let seconds): return Value.formatDuration(seconds)
        case .timestamp(let t): return Time.iso8601(t)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    static func formatNumber(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(format: "%.1f", d) }
        return "\(d)"
    }

    static func formatMoney(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        return fraction == 0 ? "\(sign)$\(whole)" : "\(sign)$\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The largest unit that divides the duration exactly (`7d` rather than `1w`
    /// only when not a whole number of weeks).
    static func formatDuration(_ seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        let units: [(Int64, String)] = [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
        for (length, suffix) in units where seconds % length == 0 {
            return "\(seconds / length)\(suffix)"
        }
        return "\(seconds)s"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
