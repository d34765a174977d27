import Foundation

/// The edge values both the CRMs and the conditions draw from, chosen so that
/// data and conditions meet exactly at boundaries (a timestamp at `now - 7d`
/// and a condition `within 7d`, a score of 0.7 and a threshold of 0.7).
enum DiffEdges {
    /// 2026-03-16T14:30:00Z: a week after New York's spring-forward.
    static let now: Int64 = 1_773_671_400
    static let zones = ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"]

    /// The durations conditions use, in seconds, and as written.
    static let durations: [(seconds: Int64, text: String)] = [
        (0, "0s"), (1, "1s"), (5_400, "90m"), (43_200, "12h"), (86_400, "1d"),
        (604_800, "7d"), (2_592_000, "30d"), (1_209_600, "2w"), (-86_400, "-1d"),
    ]

    /// Timestamps a CRM row may carry: `now`, each window's boundary and its
    /// neighbours, local midnights, a DST switch, and (rarely) the extremes.
    static func timestamp(_ random: inout DiffRandom) -> Int64 {
        if random.chance(0.02) { return random.pick([Int64.max, Int64.min, Int64.max - 86_400, Int64.min + 86_400]) }
        let offset: Int64 = random.pick([0, 0, 0, -1, 1])
        let base: Int64 = random.pick([
            now, now, now - random.pick(durations).seconds, now - random.pick(durations).seconds,
            1_773_619_200, // 2026-03-16 00:00 UTC
            1_773_633_600, // 2026-03-16 00:00 New York (EDT)
            1_773_599_400, // 2026-03-16 00:00 Kolkata
            1_772_953_200, // 2026-03-08 07:00 UTC, New York springs forward
            0, now - 400 * 86_400, now + 86_400,
        ])
        return base + offset
    }

    /// Strings that separate scalar from grapheme semantics, case mapping,
    /// LIKE wildcards, SQL and source quoting, NUL, and emptiness.
    static let dataStrings: [String] = [
        "", "a", "A", "Anna", "anna", "ANNA", "\u{E9}", "e\u{301}", "Stra\u{DF}e", "STRASSE",
        "\u{1F600}", "\u{1F468}\u{200D}\u{1F469}", "100%", "a_b", "a%b", "O'Brien", "say \"hi\"",
        "back\\slash", "nul\u{0}byte", "\u{0}", "\u{130}stanbul", "\u{FB01}", "tip", "vip", "VIP",
        "gold", "Gold", " ", "line\nbreak", "standard",
    ]

    /// Strings conditions may write (no NUL: a source literal cannot hold one).
    static let sourceStrings: [String] = dataStrings.filter { !$0.unicodeScalars.contains("\u{0}") } + ["nul", "%", "_", "'", "\\"]

    static let moneyCents: [Int64] = [
        0, 1, -1, 5, 50, 99, 100, 101, 150, 250, 1_999, 2_000, 2_001, 2_550, 50_000, -500,
        Int64.max, Int64.max - 1, Int64.min + 1, 4_611_686_018_427_387_904,
    ]

    static let sentiments: [Double] = [-1, -0.5, 0, 0.1, 0.2, 0.3, 0.5, 0.7, 1]
    static let engagement: [Double] = [0, 0.5, 1, -0.0, 0.1, 0.2, 0.7, 2.5, 1e308, -1e308, 1e-300, .infinity]
    static let numberScores: [Double] = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.69999999999999996, 0.70000000000000007, 1]
    /// predicted_ltv is money in cents, stored as REAL: fractions of a cent round.
    static let moneyScores: [Double] = [0, 50.5, 1_050.5, -0.5, 2.5, 9_999, 100.49, 100.5, 50_000, 1e19]
    static let timezones: [String?] = [nil, "UTC", "America/New_York", "Asia/Kolkata", "Not/AZone", ""]
    static let tags = ["vip", "VIP", "", "big_tipper", "100%", "a_b", "O'Brien", "\u{E9}", "e\u{301}", "\u{1F600}", "gold"]
    static let tiers = ["standard", "gold", "Gold", "", "\u{E9}"]
}
