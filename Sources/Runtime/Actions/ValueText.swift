import Foundation
import Planning

/// How a `with` value is printed in a message to a fan: the way a person
/// writes it, not the way the language does (no quotes around strings).
///
/// Decisions (documented in docs/RUNTIME.md):
/// - money: the creator's currency symbol, whole amounts without cents
///   (`$20`), others with two decimals (`$19.99`), as the language spells
///   money; USD `$`, EUR `€`, GBP `£`, JPY `¥`, CAD `CA$`, AUD `A$`; any other
///   currency as `20.00 CHF`.
/// - numbers: at most two decimals, trailing zeros dropped (`0.75`, `3`).
/// - timestamps: the date in the creator's time zone, `2026-11-24`.
/// - durations: in words, `2 days`, `90 minutes`.
/// - bool: `yes`/`no`; lists: items joined with `, `; null: empty.
enum ValueText {
    static func display(_ value: Value, currency: String, zone: TimeZone) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .int(let i): return String(i)
        case .number(let d): return number(d)
        case .string(let s): return s
        case .money(let cents): return money(cents, currency: currency)
        case .duration(let seconds): return duration(seconds)
        case .timestamp(let t): return date(t, zone: zone)
        case .list(let items): return items.map { display($0, currency: currency, zone: zone) }.joined(separator: ", ")
        }
    }

    static func money(_ cents: Int64, currency: String) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        let amount = fraction == 0 ? "\(whole)" : "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
        let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"]
        if let symbol = symbols[currency.uppercased()] { return sign + symbol + amount }
        return sign + (fraction == 0 ? "\(whole).00" : amount) + " " + currency.uppercased()
    }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        var text = String(format: "%.2f", d)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func duration(_ seconds: Int64) -> String {
        let units: [(Int64, String)] = [(604_800, "week"), (86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")]
        for (length, name) in units where seconds != 0 && seconds % length == 0 {
            let count = seconds / length
            return "\(count) \(name)\(count == 1 || count == -1 ? "" : "s")"
        }
        return "0 seconds"
    }

    static func date(_ t: Int64, zone: TimeZone) -> String {
        let days = Time.localSeconds(t, zone: zone)
        let dayNumber = days >= 0 ? days / Time.secondsPerDay : (days - Time.secondsPerDay + 1) / Time.secondsPerDay
        let (year, month, day) = Time.civil(fromDays: dayNumber)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
