import Syntax

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
        case .number(let d): return LiteralPrinter.number(d)
        case .money(let cents): return LiteralPrinter.money(cents)
        case .string(let s): return LiteralPrinter.string(s)
        case .duration(let seconds): return LiteralPrinter.duration(seconds, authorText: nil)
        case .timestamp(let t): return Time.iso8601(t)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
