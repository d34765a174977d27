import Foundation
import Testing
@testable import Planning

@Suite struct ArithmeticTests {
    @Test func intDivisionTruncatesTowardZero() {
        #expect(Arithmetic.divide(.int(7), .int(2)) == .int(3))
        #expect(Arithmetic.divide(.int(-7), .int(2)) == .int(-3))
    }

    @Test func remainderTakesTheDividendsSign() {
        #expect(Arithmetic.remainder(.int(-7), .int(3)) == .int(-1))
        #expect(Arithmetic.remainder(.int(7), .int(-3)) == .int(1))
        #expect(Arithmetic.remainder(.number(7), .int(3)) == .null)
    }

    @Test func divisionByZeroIsNullForEveryNumericType() {
        #expect(Arithmetic.divide(.int(1), .int(0)) == .null)
        #expect(Arithmetic.divide(.number(1), .number(0)) == .null)
        #expect(Arithmetic.divide(.money(100), .int(0)) == .null)
        #expect(Arithmetic.divide(.money(100), .number(0)) == .null)
        #expect(Arithmetic.remainder(.int(1), .int(0)) == .null)
    }

    @Test func integerOverflowIsNull() {
        #expect(Arithmetic.add(.int(.max), .int(1)) == .null)
        #expect(Arithmetic.multiply(.int(.min), .int(-1)) == .null)
        #expect(Arithmetic.divide(.int(.min), .int(-1)) == .null)
        #expect(Arithmetic.negate(.int(.min)) == .null)
        #expect(Arithmetic.multiply(.money(.max), .number(2)) == .null)
    }

    @Test func moneyRoundsHalfAwayFromZero() {
        #expect(Arithmetic.divide(.money(5), .int(2)) == .money(3))
        #expect(Arithmetic.divide(.money(-5), .int(2)) == .money(-3))
        #expect(Arithmetic.divide(.money(100), .int(3)) == .money(33))
        #expect(Arithmetic.divide(.money(200), .int(3)) == .money(67))
        #expect(Arithmetic.multiply(.money(999), .number(0.5)) == .money(500))
        #expect(Arithmetic.multiply(.number(-0.5), .money(999)) == .money(-500))
        #expect(Arithmetic.multiply(.int(3), .money(250)) == .money(750))
    }

    @Test func intMixesWithNumber() {
        #expect(Arithmetic.add(.int(1), .number(0.5)) == .number(1.5))
        #expect(Arithmetic.divide(.int(1), .number(4)) == .number(0.25))
    }

    @Test func timeArithmetic() {
        #expect(Arithmetic.subtract(.timestamp(100), .duration(40)) == .timestamp(60))
        #expect(Arithmetic.subtract(.timestamp(100), .timestamp(40)) == .duration(60))
        #expect(Arithmetic.add(.duration(86_400), .duration(3_600)) == .duration(90_000))
    }

    @Test func nullOperandsGiveNull() {
        #expect(Arithmetic.add(.null, .int(1)) == .null)
        #expect(Arithmetic.multiply(.money(1), .null) == .null)
    }
}

@Suite struct ComparisonTests {
    @Test func everyComparisonWithNullIsFalse() {
        #expect(!Comparison.equal(.null, .null))
        #expect(!Comparison.notEqual(.null, .string("a")))
        #expect(!Comparison.contained(.null, in: .list([.null])))
        #expect(!Comparison.notContained(.null, in: .list([.string("a")])))
    }

    @Test func intAndNumberCompareExactly() {
        // 2^53 + 1 is not representable as a double: converting would call these equal.
        let big: Int64 = 9_007_199_254_740_993
        #expect(Comparison.order(.int(big), .number(9_007_199_254_740_992.0)) == 1)
        #expect(Comparison.order(.int(3), .number(3.0)) == 0)
        #expect(Comparison.order(.int(3), .number(3.5)) == -1)
        #expect(Comparison.order(.int(-3), .number(-3.5)) == 1)
        #expect(Comparison.order(.int(.max), .number(9_223_372_036_854_775_808.0)) == -1)
    }

    @Test func stringsCompareByScalarsWithoutNormalizing() {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        #expect(composed == decomposed) // Swift's own equality normalizes…
        #expect(!Comparison.equal(.string(composed), .string(decomposed))) // …the language does not.
        #expect(Comparison.order(.string("B"), .string("a")) == -1)
        #expect(Strings.length(decomposed) == 2)
    }

    @Test func membership() {
        #expect(Comparison.contained(.string("vip"), in: .list([.string("a"), .string("vip")])))
        #expect(Comparison.notContained(.string("x"), in: .list([])))
        #expect(Comparison.contained(.int(1), in: .list([.number(1.0)])))
    }
}

@Suite struct StringTests {
    @Test func searchIsCaseSensitiveAndEmptyNeedleMatches() {
        #expect(Strings.contains("Hello", "ell"))
        #expect(!Strings.contains("Hello", "ELL"))
        #expect(Strings.contains("abc", ""))
        #expect(Strings.startsWith("abc", ""))
        #expect(Strings.endsWith("abc", "bc"))
        #expect(!Strings.endsWith("e\u{301}", "\u{E9}"))
    }

    @Test func fullCaseMapping() {
        #expect(Strings.upper("straße") == "STRASSE")
        #expect(Strings.lower("ÀÉÎ") == "àéî")
    }
}

@Suite struct TimeTests {
    let newYork = TimeZone(identifier: "America/New_York")!

    @Test func daysSinceFloors() {
        #expect(Time.daysSince(0, now: 86_399) == 0)
        #expect(Time.daysSince(0, now: 86_400) == 1)
        #expect(Time.daysSince(10, now: 0) == -1)
    }

    @Test func hourAndDayOfWeekInAZone() {
        // 2026-03-16T13:30:00Z is a Monday, 09:30 in New York (EDT, UTC−4).
        let t = Time.daysFromCivil(year: 2026, month: 3, day: 16) * 86_400 + 13 * 3_600 + 1_800
        #expect(Time.hourOfDay(t, zone: newYork) == 9)
        #expect(Time.dayOfWeek(t, zone: newYork) == 1)
        #expect(Time.dayOfWeek(t - 14 * 3_600, zone: newYork) == 7)
        #expect(Time.hourOfDay(t, zone: TimeZone(identifier: "UTC")!) == 13)
    }

    @Test func dateLiteralsInTheCreatorsZone() {
        let t = Time.parseDate("2026-03-16 09:00", zone: newYork)
        #expect(t.map(Time.iso8601) == "2026-03-16T13:00:00Z")
        #expect(Time.parseDate("2026-02-30", zone: newYork) == nil)
        #expect(Time.parseDate("2026-3-16", zone: newYork) == nil)
    }

    @Test func daylightSavingGapsAndRepeats() {
        // 2026-03-08 02:30 does not exist in New York: it resolves to 03:30 EDT = 07:30Z.
        #expect(Time.parseDate("2026-03-08 02:30", zone: newYork).map(Time.iso8601) == "2026-03-08T07:30:00Z")
        // 2026-11-01 01:30 happens twice: the first (EDT) is 05:30Z.
        #expect(Time.parseDate("2026-11-01 01:30", zone: newYork).map(Time.iso8601) == "2026-11-01T05:30:00Z")
    }

    @Test func civilRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = Time.civil(fromDays: days)
            #expect(Time.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }
}

@Suite struct ValueDisplayTests {
    @Test func valuesPrintAsTheyAreWritten() {
        #expect(Value.money(1999).description == "$19.99")
        #expect(Value.money(500).description == "$5")
        #expect(Value.money(-5).description == "-$0.05")
        #expect(Value.duration(172_800).description == "2d")
        #expect(Value.duration(1_209_600).description == "14d")
        #expect(Value.string("a\"b\n").description == "\"a\\\"b\\n\"")
    }
}
