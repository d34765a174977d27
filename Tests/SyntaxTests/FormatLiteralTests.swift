import Testing
@testable import Syntax

/// Canonical spellings of literals; these need no parser.
@Suite struct FormatLiteralTests {
    @Test(arguments: [
        (Int64(500), "$5"), (1999, "$19.99"), (550, "$5.50"), (5, "$0.05"), (0, "$0"),
        (-500, "-$5"), (-1, "-$0.01"), (Int64.min, "-$92233720368547758.08"), (Int64.max, "$92233720368547758.07"),
    ])
    func money(minorUnits: Int64, expected: String) {
        #expect(LiteralPrinter.money(minorUnits) == expected)
    }

    @Test(arguments: [
        // Without the source, whole weeks print in days (`7d` is never shown as `1w`);
        // an author's `w` is kept.
        (Int64(1_209_600), nil, "14d"), (604_800, nil, "7d"), (604_800, "7d", "7d"), (604_800, "1w", "1w"),
        (1_209_600, "2w", "2w"), (86_400, nil, "1d"), (172_800, "48h", "48h"), (172_800, "007d", "2d"),
        (90, nil, "90s"), (0, nil, "0s"), (0, "0d", "0d"), (-86_400, "-1d", "-1d"), (-3600, nil, "-1h"),
        // A unit that does not divide the value is ignored rather than trusted.
        (90, "2m", "90s"),
    ] as [(Int64, String?, String)])
    func duration(seconds: Int64, authorText: String?, expected: String) {
        #expect(LiteralPrinter.duration(seconds, authorText: authorText) == expected)
    }

    @Test(arguments: [
        (0.75, "0.75"), (1.0, "1.0"), (-0.5, "-0.5"), (100.0, "100.0"), (1e20, "100000000000000000000.0"),
        (1e-7, "0.0000001"), (1.5e-10, "0.00000000015"), (123456.789, "123456.789"), (-0.0, "-0.0"),
    ])
    func number(value: Double, expected: String) {
        #expect(LiteralPrinter.number(value) == expected)
    }

    @Test func everyPrintedNumberReadsBackAsTheSameDouble() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next() & ~(UInt64(0x7FF) << 52) | (UInt64(Int.random(in: 900...1150)) << 52))
            let text = LiteralPrinter.number(value)
            #expect(!text.contains("e"))
            #expect(Double(text) == value, "\(value) printed as \(text)")
        }
    }

    @Test(arguments: [
        ("plain", "\"plain\""), ("say \"hi\"", "\"say \\\"hi\\\"\""), ("a\\b", "\"a\\\\b\""),
        ("line\nnext\ttab", "\"line\\nnext\\ttab\""), ("cr\r", "\"cr\\u{D}\""), ("zero\u{200B}width", "\"zero\\u{200B}width\""),
        ("rtl\u{202E}", "\"rtl\\u{202E}\""), ("nbsp\u{A0}", "\"nbsp\\u{A0}\""), ("emoji 😀 café", "\"emoji 😀 café\""),
        ("family 👨\u{200D}👩\u{200D}👧", "\"family 👨\u{200D}👩\u{200D}👧\""), ("bell\u{7}", "\"bell\\u{7}\""),
    ])
    func string(value: String, expected: String) {
        #expect(FormatTestSupport.sameBytes(LiteralPrinter.string(value), expected))
    }

    @Test func clockTimesHaveTwoDigitFields() {
        #expect(LiteralPrinter.clock(ClockTime(hour: 9, minute: 5)) == "09:05")
        #expect(LiteralPrinter.clock(ClockTime(hour: 23, minute: 59)) == "23:59")
    }
}
