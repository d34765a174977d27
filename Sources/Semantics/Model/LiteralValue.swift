import Syntax

/// A value known at check time: what a constant folds to. It extends the
/// syntax's `Literal` with the two values only folding produces: a local date
/// (from `date("…")`) and a list of values.
public indirect enum LiteralValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case number(Double)
    /// Minor units of the creator's currency.
    case money(Int64)
    case string(String)
    /// Whole seconds.
    case duration(Int64)
    case bool(Bool)
    /// A wall-clock time in the creator's time zone. It is not an instant until
    /// the zone is known, which is a planning-time fact, so it stays local here.
    case date(LocalDateTime)
    case list([LiteralValue])
    case null

    public init(_ literal: Literal) {
        switch literal {
        case .int(let v): self = .int(v)
        case .number(let v): self = .number(v)
        case .money(let v): self = .money(v)
        case .string(let v): self = .string(v)
        case .duration(let v): self = .duration(v)
        case .bool(let v): self = .bool(v)
        case .null: self = .null
        }
    }

    /// The value written as source, for messages and fix-its.
    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .number(let v): String(v)
        case .money(let cents): LiteralPrinter.money(cents)
        case .string(let s): LiteralPrinter.string(s)
        case .duration(let s): LiteralPrinter.duration(s, authorText: nil)
        case .bool(let b): b ? "true" : "false"
        case .date(let d): "date(\"\(d)\")"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .null: "null"
        }
    }
}

/// `date("2026-03-16")` or `date("2026-03-16 09:00")`, validated at check time.
public struct LocalDateTime: Hashable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int, hour: Int, minute: Int

    /// Parses the two accepted shapes; nil for anything else or an impossible date.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 16 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        var h = 0, min = 0
        if bytes.count == 16 {
            guard bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
                  let hh = number(11..<13), let mm = number(14..<16) else { return nil }
            h = hh; min = mm
        }
        guard (1...12).contains(m), (1...LocalDateTime.daysIn(month: m, year: y)).contains(d),
              (0...23).contains(h), (0...59).contains(min) else { return nil }
        year = y; month = m; day = d; hour = h; minute = min
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = "\(year)-\(two(month))-\(two(day))"
        return hour == 0 && minute == 0 ? date : "\(date) \(two(hour)):\(two(minute))"
    }
}
