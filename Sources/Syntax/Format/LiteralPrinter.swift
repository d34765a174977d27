/// Canonical spellings of literal values. Every spelling here lexes back to
/// exactly the value it was printed from; that is what keeps `rulec fmt`
/// meaning-preserving.
public enum LiteralPrinter {
    public static func literal(_ literal: Literal, sourceText: String? = nil) -> String {
        switch literal {
        case .int(let value): String(value)
        case .number(let value): number(value)
        case .money(let minorUnits): money(minorUnits)
        case .string(let value): string(value)
        case .duration(let seconds): duration(seconds, authorText: sourceText)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    public static func clock(_ time: ClockTime) -> String {
        (time.hour < 10 ? "0" : "") + String(time.hour) + ":" + (time.minute < 10 ? "0" : "") + String(time.minute)
    }

    // MARK: Money

    /// `$5` for whole amounts, `$19.99` / `$5.50` otherwise (always two decimals
    /// when there are cents, so amounts line up the way prices are written).
    public static func money(_ minorUnits: Int64) -> String {
        let magnitude = minorUnits.magnitude  // UInt64: `Int64.min` has no positive Int64
        let whole = magnitude / 100, cents = magnitude % 100
        var text = (minorUnits < 0 ? "-$" : "$") + String(whole)
        if cents != 0 { text += "." + (cents < 10 ? "0" : "") + String(cents) }
        return text
    }

    // MARK: Durations

    /// Units from largest to smallest, with their length in seconds.
    static let durationUnits: [(unit: Character, seconds: UInt64)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// The tree keeps seconds only. The author's unit is kept when the literal's
    /// source text shows one that divides the value exactly (`48h` stays `48h`,
    /// `007d` becomes `7d`, `2w` stays `2w`). Without source text (`explain`,
    /// `why`, messages) the largest exact unit is used, weeks excepted: `7d`
    /// prints as `7d`, never `1w`, because cooldowns and windows are written in
    /// days and a reader should see the number they wrote (Grammar/LANGUAGE-NOTES.md).
    public static func duration(_ seconds: Int64, authorText: String?) -> String {
        (seconds < 0 ? "-" : "") + duration(magnitude: seconds.magnitude, authorUnit: authorText?.last)
    }

    /// A non-negative number of seconds in the author's unit when it divides
    /// exactly, else in the largest exact unit below weeks.
    static func duration(magnitude: UInt64, authorUnit: Character?) -> String {
        if let written = authorUnit.map({ Character($0.lowercased()) }),
           let unit = durationUnits.first(where: { $0.unit == written }),
           magnitude % unit.seconds == 0 {
            return String(magnitude / unit.seconds) + String(unit.unit)
        }
        let unit = durationUnits.first { $0.unit != "w" && magnitude % $0.seconds == 0 && magnitude != 0 } ?? ("s", 1)
        return String(magnitude / unit.seconds) + String(unit.unit)
    }

    // MARK: Numbers

    /// The shortest decimal that reads back as the same double, written
    /// positionally with digits on both sides of the point (the language has
    /// no exponent syntax, so `1e-07` must become `0.0000001`).
    public static func number(_ value: Double) -> String {
        let shortest = value.description  // Swift prints the shortest round-tripping form
        guard value.isFinite else { return shortest }
        var text = Substring(shortest)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = String(parts[0])
        let fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        // All digits, with the decimal point after `pointIndex` of them.
        var digits = integerDigits + fractionDigits
        var pointIndex = integerDigits.count + exponent
        if pointIndex <= 0 {
            digits = String(repeating: "0", count: 1 - pointIndex) + digits
            pointIndex = 1
        }
        if pointIndex >= digits.count {
            digits += String(repeating: "0", count: pointIndex - digits.count + 1)
        }
        var whole = Substring(digits.prefix(pointIndex))
        var fraction = Substring(digits.dropFirst(pointIndex))
        while whole.count > 1, whole.first == "0" { whole = whole.dropFirst() }
        while fraction.count > 1, fraction.last == "0" { fraction = fraction.dropLast() }
        return sign + whole + "." + fraction
    }

    // MARK: Strings

    /// A double-quoted literal using only the escapes the lexer accepts:
    /// `\"`, `\\`, `\n`, `\t`, and `\u{…}` for every other control or
    /// invisible scalar (so a zero-width space or a bidi override is visible
    /// in review instead of hiding in the file).
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        // The zero-width joiner glues emoji sequences (family, flags with
        // modifiers); escaping it would make ordinary message text unreadable.
        if scalar == "\u{200D}" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return false
        }
    }
}
