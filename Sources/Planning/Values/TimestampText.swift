import Foundation

/// A time as a person types it for `--now` or the REPL's `:now` (RULEC.md
/// "Safety of everyday use"): ISO 8601 dates and times with or without
/// seconds, fraction and zone, or Unix seconds. One parser, so every command
/// and the REPL read the same text the same way.
///
/// Accepted: `1796396400` (Unix seconds), `2026-11-25` (midnight),
/// `2026-11-25T10:00`, `2026-11-25T10:00:30`, `2026-11-25T10:00:30.250`
/// (the fraction is dropped: the clock counts whole seconds), each with `Z`
/// or an offset (`+01:00`, `+0100`, `+01`) or without, and a space in place
/// of the `T`. A text without a zone is a wall-clock time, read in the zone
/// the caller gives (the creator's).
public struct TimestampText: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// Whole seconds since 1970-01-01T00:00:00Z, as typed.
        case unixSeconds(Int64)
        /// A date and time with `Z` or an offset: one instant.
        case instant(Int64)
        /// A date and time without a zone: wall-clock seconds since the epoch,
        /// an instant only once a zone is known.
        case wallClock(Int64)
    }

    public let form: Form

    /// Why a text is not a usable clock; the command line words the message.
    public enum Problem: Error, Equatable, Sendable {
        /// Not a form above (or an impossible date such as Feb 30).
        case unreadable
        /// Unix seconds that are far off but would be near as milliseconds: `seconds` is the value / 1000.
        case looksLikeMilliseconds(seconds: Int64)
        /// More than `TimestampText.maximumDistance` from the system clock.
        case tooFar(seconds: Int64)
    }

    /// 100 years (of 365.2425 days): a clock further from the system's is a mistake, not a what-if.
    public static let maximumDistance: Int64 = 3_155_695_200

    /// Parses `text`, or nil when it is none of the accepted forms.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy(Self.isDigit) || (bytes.count > 1 && bytes[0] == UInt8(ascii: "-") && bytes.dropFirst().allSatisfy(Self.isDigit)) {
            guard let seconds = Int64(text) else { return nil }
            form = .unixSeconds(seconds)
            return
        }
        guard let parsed = Self.parseDateTime(bytes) else { return nil }
        form = parsed
    }

    /// Whether reading the text needs a time zone (no `Z`, no offset).
    public var needsZone: Bool { if case .wallClock = form { true } else { false } }

    /// The instant, a wall-clock time read in `zone` (a time that daylight
    /// saving skips moves forward by the gap; a repeated one takes the first).
    public func seconds(in zone: TimeZone) -> Int64 {
        switch form {
        case .unixSeconds(let s), .instant(let s): s
        case .wallClock(let wall): Time.utcSeconds(forWallClock: wall, zone: zone)
        }
    }

    /// Parses `text` in `zone` and checks it lies within 100 years of `systemClock`.
    public static func resolve(_ text: String, zone: TimeZone, systemClock: Int64) -> Result<Int64, Problem> {
        guard let parsed = TimestampText(parsing: text) else { return .failure(.unreadable) }
        let seconds = parsed.seconds(in: zone)
        guard isNear(seconds, systemClock) else {
            if case .unixSeconds = parsed.form, isNear(seconds / 1_000, systemClock) {
                return .failure(.looksLikeMilliseconds(seconds: seconds / 1_000))
            }
            return .failure(.tooFar(seconds: seconds))
        }
        return .success(seconds)
    }

    static func isNear(_ seconds: Int64, _ clock: Int64) -> Bool {
        let (distance, overflow) = seconds.subtractingReportingOverflow(clock)
        return !overflow && distance.magnitude <= UInt64(maximumDistance)
    }

    // MARK: The ISO 8601 forms

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.F+]]][Z|±HH[:?MM]]`; a zone needs a time.
    private static func parseDateTime(_ bytes: [UInt8]) -> Form? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[i..<i + width] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            i += width
            return value
        }
        func take(_ character: Character) -> Bool {
            guard i < bytes.count, bytes[i] == character.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2),
              (1...12).contains(month), (1...Time.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        var wall = Time.daysFromCivil(year: year, month: month, day: day) * Time.secondsPerDay
        guard i < bytes.count else { return .wallClock(wall) }

        guard take("T") || take("t") || take(" "), let hour = number(2), take(":"), let minute = number(2),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        var second = 0
        if take(":") {
            guard let s = number(2), (0...59).contains(s) else { return nil }
            second = s
            if take(".") || take(",") {
                let start = i
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                guard i > start else { return nil }
            }
        }
        wall += Int64(hour * 3_600 + minute * 60 + second)
        guard i < bytes.count else { return .wallClock(wall) }

        if take("Z") || take("z") { return i == bytes.count ? .instant(wall) : nil }
        let sign: Int64
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let offsetHours = number(2), (0...23).contains(offsetHours) else { return nil }
        var offsetMinutes = 0
        if i < bytes.count {
            _ = take(":")
            guard let m = number(2), (0...59).contains(m) else { return nil }
            offsetMinutes = m
        }
        guard i == bytes.count else { return nil }
        return .instant(wall - sign * Int64(offsetHours * 3_600 + offsetMinutes * 60))
    }
}
