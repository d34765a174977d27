/// Numbers, money, durations and clock times. Values are computed from the
/// digits with integer arithmetic (money is never a floating-point value);
/// magnitudes stay unsigned so the parser can fold a leading `-`.
extension Lexer {
    /// Seconds per duration unit (LANGUAGE.md §2: `s m h d w`, no months).
    static func secondsPerUnit(_ unit: String) -> UInt64? {
        switch unit {
        case "s": 1
        case "m": 60
        case "h": 3_600
        case "d": 86_400
        case "w": 604_800
        default: nil
        }
    }

    mutating func scanNumber() -> Token {
        let start = position
        let whole = scanDigits()
        var fraction: Range<Int>?
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Lexer.isDigit(bytes[position + 1]) {
            position += 1
            fraction = scanDigits()
        }
        let suffix = scanSuffix()
        if let fraction {
            if let suffix { return rejectNumberSuffix(start: start, whole: whole, fraction: fraction, suffix: suffix) }
            let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) ?? .infinity
            return Token(kind: .numberLiteral, start: start, end: position, value: .number(value))
        }
        let magnitude = Lexer.decimalValue(bytes, whole)
        guard let suffix else {
            return Token(kind: .intLiteral, start: start, end: position, value: .int(magnitude: magnitude))
        }
        let unit = String(decoding: bytes[suffix], as: UTF8.self)
        if let seconds = Lexer.secondsPerUnit(unit) {
            let (product, overflow) = (magnitude ?? UInt64.max).multipliedReportingOverflow(by: seconds)
            let value: UInt64? = magnitude == nil || overflow ? nil : product
            return Token(kind: .durationLiteral, start: start, end: position, value: .duration(magnitude: value))
        }
        reportBadDurationUnit(unit, literalStart: start, suffix: suffix)
        return Token(kind: .invalidLiteral, start: start, end: position)
    }

    private mutating func reportBadDurationUnit(_ unit: String, literalStart: Int, suffix: Range<Int>) {
        let unitRange = range(suffix.lowerBound, suffix.upperBound)
        if Lexer.secondsPerUnit(unit.lowercased()) != nil {
            report(.invalidDurationUnit, "duration units are lowercase: `\(unit.lowercased())`, not `\(unit)`",
                   suffix.lowerBound, suffix.upperBound,
                   fixIts: [FixIt(range: unitRange, replacement: unit.lowercased(), message: "write the unit in lowercase")])
        } else if unit.utf8.allSatisfy(Lexer.isLetter) {
            var notes = [DiagnosticNote("durations use s, m, h, d or w (seconds to weeks)")]
            if ["mo", "mon", "month", "months", "y", "yr", "year", "years"].contains(unit.lowercased()) {
                notes.append(DiagnosticNote("months and years have no fixed length; use days, such as `30d`"))
            }
            report(.invalidDurationUnit, "unknown duration unit `\(unit)`", suffix.lowerBound, suffix.upperBound, notes: notes)
        } else {
            report(.invalidLiteralSuffix, "invalid suffix `\(unit)` after a number", suffix.lowerBound, suffix.upperBound)
        }
    }

    /// `1.5h` and friends: durations are whole numbers of a unit. When the
    /// value is a whole number of seconds, suggest the same length exactly.
    private mutating func rejectNumberSuffix(start: Int, whole: Range<Int>, fraction: Range<Int>, suffix: Range<Int>) -> Token {
        let unit = String(decoding: bytes[suffix], as: UTF8.self)
        guard let seconds = Lexer.secondsPerUnit(unit.lowercased()) else {
            report(.invalidLiteralSuffix, "invalid suffix `\(unit)` after a number", suffix.lowerBound, suffix.upperBound)
            return Token(kind: .invalidLiteral, start: start, end: position)
        }
        var fixIts: [FixIt] = []
        if let exact = Lexer.exactSeconds(bytes, whole: whole, fraction: fraction, unitSeconds: seconds) {
            let spelled = Lexer.spellDuration(seconds: exact, unit: unit)
            fixIts.append(FixIt(range: range(start, position), replacement: spelled, message: "write `\(spelled)`"))
        }
        report(.fractionalDuration, "durations are whole numbers of a unit; `\(String(decoding: bytes[start..<position], as: UTF8.self))` has a fraction",
               start, position, fixIts: fixIts)
        return Token(kind: .invalidLiteral, start: start, end: position)
    }

    /// `whole.fraction × unit` in seconds, if that is a whole number (computed
    /// with integers: `1.5h` is 15 × 3600 / 10).
    static func exactSeconds(_ bytes: [UInt8], whole: Range<Int>, fraction: Range<Int>, unitSeconds: UInt64) -> UInt64? {
        guard fraction.count <= 6, let mantissa = decimalValue(bytes, whole.lowerBound..<fraction.upperBound, skippingDot: true) else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow, product % scale == 0, product > 0 else { return nil }
        return product / scale
    }

    /// A whole number of seconds in the unit the author wrote when it divides
    /// exactly (`7.0d` is `7d`, not `1w`), else the largest exact one (`1.5h`
    /// is `90m`): the formatter's spelling (`LiteralPrinter`).
    static func spellDuration(seconds: UInt64, unit: String) -> String {
        LiteralPrinter.duration(magnitude: seconds, authorUnit: unit.last)
    }

    mutating func scanMoney() -> Token {
        let start = position
        position += 1  // `$`
        // `$ 5`: report the space, then read the amount as if it were not there,
        // so the stray `5` causes no second error.
        var afterSpaces = position
        while afterSpaces < bytes.count, bytes[afterSpaces] == UInt8(ascii: " ") { afterSpaces += 1 }
        if afterSpaces > position, afterSpaces < bytes.count, Lexer.isDigit(bytes[afterSpaces]) {
            report(.malformedMoney, "no space is allowed between `$` and the amount", start, afterSpaces,
                   fixIts: [FixIt(range: range(position, afterSpaces), replacement: "", message: "remove the space")])
            position = afterSpaces
        }
        guard position < bytes.count, Lexer.isDigit(bytes[position]) else {
            report(.malformedMoney, "`$` must be followed by an amount, such as `$20` or `$19.99`", start, position)
            return Token(kind: .invalidLiteral, start: start, end: position)
        }
        let whole = scanDigits()
        var fraction = position..<position
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Lexer.isDigit(bytes[position + 1]) {
            position += 1
            fraction = scanDigits()
        }
        if let suffix = scanSuffix() {
            report(.invalidLiteralSuffix, "invalid suffix `\(String(decoding: bytes[suffix], as: UTF8.self))` after a money amount",
                   suffix.lowerBound, suffix.upperBound)
            return Token(kind: .invalidLiteral, start: start, end: position)
        }
        guard fraction.count <= 2 else {
            report(.moneyPrecision, "money amounts have at most 2 decimals (whole cents)", fraction.lowerBound, fraction.upperBound)
            return Token(kind: .invalidLiteral, start: start, end: position)
        }
        // Cents from the text: `$19.9` is 19 × 100 + 9 × 10.
        var cents: UInt64? = Lexer.decimalValue(bytes, whole).flatMap { wholeValue in
            let (product, overflow) = wholeValue.multipliedReportingOverflow(by: 100)
            return overflow ? nil : product
        }
        if !fraction.isEmpty, let base = cents, let digits = Lexer.decimalValue(bytes, fraction) {
            let fractionCents = fraction.count == 1 ? digits * 10 : digits
            let (sum, overflow) = base.addingReportingOverflow(fractionCents)
            cents = overflow ? nil : sum
        }
        return Token(kind: .moneyLiteral, start: start, end: position, value: .money(magnitude: cents))
    }

    /// `HH:MM` right after `at`. Returns nil (consuming nothing) when the bytes
    /// are not digits, a colon and digits, so the number path takes over.
    mutating func scanClockTime() -> Token? {
        let start = position
        var index = position
        while index < bytes.count, Lexer.isDigit(bytes[index]) { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), Lexer.isDigit(bytes[index + 1]) else { return nil }
        let hourDigits = start..<index
        var end = index + 1
        while end < bytes.count, Lexer.isDigit(bytes[end]) { end += 1 }
        let minuteDigits = (index + 1)..<end
        position = end
        let hour = Lexer.decimalValue(bytes, hourDigits) ?? .max
        let minute = Lexer.decimalValue(bytes, minuteDigits) ?? .max
        guard hourDigits.count <= 2, minuteDigits.count == 2, hour <= 23, minute <= 59 else {
            var fixIts: [FixIt] = []
            if hourDigits.count == 1, minuteDigits.count == 2, minute <= 59 {
                let spelled = "0\(hour):" + String(decoding: bytes[minuteDigits], as: UTF8.self)
                fixIts.append(FixIt(range: range(start, end), replacement: spelled, message: "write `\(spelled)`"))
            }
            report(.invalidClockTime, "invalid clock time `\(String(decoding: bytes[start..<end], as: UTF8.self))`; expected `HH:MM` from 00:00 to 23:59",
                   start, end, fixIts: fixIts)
            return Token(kind: .invalidLiteral, start: start, end: end)
        }
        if hourDigits.count == 1 {
            let spelled = "0\(hour):" + String(decoding: bytes[minuteDigits], as: UTF8.self)
            report(.invalidClockTime, "clock times have two-digit hours: `\(spelled)`", start, end,
                   fixIts: [FixIt(range: range(start, end), replacement: spelled, message: "write `\(spelled)`")])
            return Token(kind: .invalidLiteral, start: start, end: end)
        }
        return Token(kind: .clockLiteral, start: start, end: end, value: .clock(ClockTime(hour: Int(hour), minute: Int(minute))))
    }

    // MARK: Digit helpers

    private mutating func scanDigits() -> Range<Int> {
        let start = position
        while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
        return start..<position
    }

    /// Letters, digits or `_` glued to a literal (`3mo`, `7D`, `5k`), if any.
    private mutating func scanSuffix() -> Range<Int>? {
        let start = position
        while position < bytes.count, Lexer.isWordByte(bytes[position]) { position += 1 }
        return position > start ? start..<position : nil
    }

    /// The digits' value, or nil past `UInt64.max`.
    static func decimalValue(_ bytes: [UInt8], _ digits: Range<Int>, skippingDot: Bool = false) -> UInt64? {
        var value: UInt64 = 0
        for index in digits {
            let byte = bytes[index]
            if skippingDot, byte == UInt8(ascii: ".") { continue }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            if overflowA || overflowB { return nil }
            value = sum
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
