import Foundation

/// Clock and calendar arithmetic of LANGUAGE.md §6, in whole Unix seconds.
/// Time zones come from the system's IANA database through Foundation.
public enum Time {
    public static let secondsPerDay: Int64 = 86_400

    /// `days_since(t)`: ⌊(now − t) / 1 day⌋, flooring for times in the future too.
    public static func daysSince(_ t: Int64, now: Int64) -> Int64? {
        let (difference, overflow) = now.subtractingReportingOverflow(t)
        return overflow ? nil : floorDivide(difference, secondsPerDay)
    }

    /// `hour_of_day(t, tz)`: 0–23 on the wall clock of `tz`; nil when the
    /// wall clock is out of range (a timestamp at the very end of Int64).
    public static func hourOfDay(_ t: Int64, zone: TimeZone) -> Int64? {
        localSeconds(t, zone: zone).map { floorModulo($0, secondsPerDay) / 3_600 }
    }

    /// `day_of_week(t, tz)`: Monday 1 … Sunday 7 (ISO 8601). 1970-01-01 was a Thursday.
    public static func dayOfWeek(_ t: Int64, zone: TimeZone) -> Int64? {
        localSeconds(t, zone: zone).map { floorModulo(floorDivide($0, secondsPerDay) + 3, 7) + 1 }
    }

    /// Seconds since the epoch as read on the wall clock of `zone`; nil when
    /// that overflows Int64 (the language's overflow rule: null, never a trap).
    public static func localSeconds(_ t: Int64, zone: TimeZone) -> Int64? {
        let (local, overflow) = t.addingReportingOverflow(Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))))
        return overflow ? nil : local
    }

    /// `month_day(t, tz)`: "MM-DD" on the wall clock of `zone`, the form
    /// `key_date` memories keep birthdays and anniversaries in.
    public static func monthDay(_ t: Int64, zone: TimeZone) -> String? {
        guard let local = localSeconds(t, zone: zone) else { return nil }
        let (_, month, day) = civil(fromDays: floorDivide(local, secondsPerDay))
        return (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Parses `date("2026-03-16")` / `date("2026-03-16 09:00")` in `zone`.
    /// Returns nil for anything else, including impossible dates (Feb 30).
    public static func parseDate(_ text: String, zone: TimeZone) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10 || scalars.count == 16 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard let digit = Int(String(scalars[i])), scalars[i].isASCII else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard scalars[4] == "-", scalars[7] == "-",
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        var hour = 0, minute = 0
        if scalars.count == 16 {
            guard scalars[10] == " ", scalars[13] == ":", let h = number(11..<13), let m = number(14..<16) else { return nil }
            hour = h; minute = m
        }
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let wall = daysFromCivil(year: year, month: month, day: day) * secondsPerDay + Int64(hour * 3_600 + minute * 60)
        return utcSeconds(forWallClock: wall, zone: zone)
    }

    /// The instant at which the wall clock of `zone` reads `wall`. A time that
    /// daylight saving skips maps to the same instant shifted by the gap (so
    /// 02:30 on a spring-forward day is 03:30); a repeated time takes its first
    /// occurrence — the schedule rules of LANGUAGE.md §4.
    public static func utcSeconds(forWallClock wall: Int64, zone: TimeZone) -> Int64 {
        let offsetBefore = offset(at: wall - secondsPerDay, zone: zone)
        let offsetAfter = offset(at: wall + secondsPerDay, zone: zone)
        // Try the earlier offset first so a repeated hour resolves to its first occurrence.
        for candidateOffset in [max(offsetBefore, offsetAfter), min(offsetBefore, offsetAfter)] {
            let candidate = wall - candidateOffset
            if localSeconds(candidate, zone: zone) == wall { return candidate }
        }
        // In a gap: no instant reads `wall`; move forward by the gap.
        return wall - offsetBefore
    }

    static func offset(at t: Int64, zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-03-16T09:00:00Z`, for display.
    public static func iso8601(_ t: Int64) -> String {
        let (y, m, d) = civil(fromDays: floorDivide(t, secondsPerDay))
        let s = floorModulo(t, secondsPerDay)
        func pad(_ v: Int64, _ width: Int = 2) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int64(y), 4))-\(pad(Int64(m)))-\(pad(Int64(d)))T\(pad(s / 3600)):\(pad(s % 3600 / 60)):\(pad(s % 60))Z"
    }

    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    public static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }
}
