import Foundation
import Testing
@testable import Planning

/// The one reading of `--now` and `:now` (RULEC.md "Safety of everyday use").
@Suite struct TimestampTextTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// 2026-11-25T10:00:00Z.
    static let tenUTC: Int64 = 1_795_600_800
    /// A system clock near the dates below (2026-12-04).
    static let clock: Int64 = 1_796_342_400

    func seconds(_ text: String, in zone: TimeZone = utc) -> Int64? {
        TimestampText(parsing: text)?.seconds(in: zone)
    }

    @Test func everyISOFormWithAZoneIsOneInstant() {
        #expect(seconds("2026-11-25T10:00Z") == Self.tenUTC)
        #expect(seconds("2026-11-25T10:00:00Z") == Self.tenUTC)
        #expect(seconds("2026-11-25t10:00:00z") == Self.tenUTC)
        #expect(seconds("2026-11-25T11:00:00+01:00") == Self.tenUTC)
        #expect(seconds("2026-11-25T11:00+0100") == Self.tenUTC)
        #expect(seconds("2026-11-25T05:30-04:30") == Self.tenUTC)
        #expect(seconds("2026-11-25T11:00+01") == Self.tenUTC)
        #expect(seconds("2026-11-25T10:00:00.750Z") == Self.tenUTC)
        #expect(seconds("2026-11-25 10:00:00Z") == Self.tenUTC)
        // A zone in the text wins over the one given.
        #expect(seconds("2026-11-25T10:00Z", in: Self.paris) == Self.tenUTC)
    }

    @Test func aTextWithoutAZoneIsReadInTheGivenZone() throws {
        #expect(seconds("2026-11-25T10:00") == Self.tenUTC)
        #expect(seconds("2026-11-25T11:00", in: Self.paris) == Self.tenUTC)
        #expect(seconds("2026-11-25T11:00:00.5", in: Self.paris) == Self.tenUTC)
        #expect(seconds("2026-11-25", in: Self.paris) == Self.tenUTC - 11 * 3_600)
        #expect(try #require(TimestampText(parsing: "2026-11-25")).needsZone)
        #expect(try #require(TimestampText(parsing: "2026-11-25T10:00")).needsZone)
        #expect(try !#require(TimestampText(parsing: "2026-11-25T10:00Z")).needsZone)
        #expect(try !#require(TimestampText(parsing: "1795600800")).needsZone)
    }

    @Test func unixSecondsAreTakenAsTheyAre() {
        #expect(seconds("1795600800", in: Self.paris) == Self.tenUTC)
        #expect(seconds("0") == 0)
    }

    @Test(arguments: ["", "yesterday", "2026-11-25T", "2026-11-25T10", "2026-02-30", "2026-11-25T24:00Z", "2026-11-25T10:60Z",
                      "2026-11-25Z", "2026-11-25T10:00:00.Z", "2026-11-25T10:00+1", "2026-11-25T10:00Zx", "26-11-25", "1.5e9",
                      "2026-11-25T10:00:00+01:00:00", "99999999999999999999"])
    func malformedTextsAreRefused(_ text: String) {
        #expect(TimestampText(parsing: text) == nil)
        #expect(TimestampText.resolve(text, zone: Self.utc, systemClock: Self.clock) == .failure(.unreadable))
    }

    @Test func aClockACenturyAwayIsRefusedAndMillisecondsAreNamed() {
        #expect(TimestampText.resolve("1796396634", zone: Self.utc, systemClock: Self.clock) == .success(1_796_396_634))
        #expect(TimestampText.resolve("1796396634000", zone: Self.utc, systemClock: Self.clock)
                == .failure(.looksLikeMilliseconds(seconds: 1_796_396_634)))
        #expect(TimestampText.resolve("2227-01-01T00:00Z", zone: Self.utc, systemClock: Self.clock)
                == .failure(.tooFar(seconds: TimestampText(parsing: "2227-01-01T00:00Z")!.seconds(in: Self.utc))))
        #expect(TimestampText.resolve("1900-01-01", zone: Self.utc, systemClock: Self.clock) != .success(0))
        // 99 years either side is still a clock.
        #expect(TimestampText.resolve("2125-11-25", zone: Self.utc, systemClock: Self.clock) == .success(seconds("2125-11-25")!))
        #expect(TimestampText.resolve("1927-11-25", zone: Self.utc, systemClock: Self.clock) == .success(seconds("1927-11-25")!))
        #expect(TimestampText.resolve("-9223372036854775808", zone: Self.utc, systemClock: Self.clock)
                == .failure(.tooFar(seconds: .min)))
    }
}
