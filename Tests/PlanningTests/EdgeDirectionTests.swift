import Foundation
import Testing
@testable import Planning
import Store

/// Window edges by direction (docs/PLANS.md, "Edges by direction"): as the
/// clock moves forward, a row leaving `count(… within D) >= N` can only take
/// a member out, so only members on that edge are candidates, and a row
/// arriving only lets a non-member in. A sum is not monotone (a refund
/// leaving the window raises it): its edges name every fan on them. A count's
/// edges carry its `where`: a row of another kind counts at neither clock.
@Suite struct EdgeDirectionTests {
    static let t0 = SeedOptions.defaultNow
    static let program = """
        segment tippers { count(fan.transactions within 1d where kind == "tip") >= 2 }
        segment net { sum(fan.transactions.amount within 1d) >= $1 }
        segment quiet { count(fan.transactions within 1d) == 0 }
        segment tipless { count(fan.transactions within 1d where kind == "tip") == 0 }
        """

    @Test func edgesNameOnlyTheFansTheyCanMove() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let creator = store.creator("u")
        let old = Self.t0 - 86_000  // in the window at t0, out of it at t0 + 1000
        let rows: [(fan: Int64, kind: String, cents: Int64, at: Int64)] = [
            (1, "tip", 100, old), (1, "tip", 100, Self.t0 - 100),   // a tipper who drops to one tip
            (2, "tip", 100, old),                                    // one tip, leaving: no tipper either way
            (3, "ppv", -50, old), (3, "ppv", 100, Self.t0 - 100),   // a refund leaving: the sum rises to $1
            (4, "tip", 100, Self.t0 - 100), (4, "tip", 100, Self.t0 + 500),  // a second tip arriving
            (6, "ppv", 100, old), (6, "tip", 100, Self.t0 - 100),   // a purchase leaving, a tip staying
        ]
        for fan in 1...6 {  // fan 5 has no transactions
            try creator.execute("INSERT INTO fan_profiles (id, user_id, display_name, created_at) VALUES (?, :user, 'f', ?)",
                                [.integer(Int64(fan)), .integer(Self.t0 - 90 * 86_400)])
        }
        for row in rows {
            try creator.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, kind, amount_cents, platform, occurred_at) VALUES (:user, ?, ?, ?, 'onlyfans', ?)
                """, [.integer(row.fan), .text(row.kind), .integer(row.cents), .integer(row.at)])
        }
        var refresher = SegmentRefresher(store: creator, program: try checkedProgram(Self.program))
        refresher.fullRefreshShare = 1
        _ = try refresher.refresh(now: Self.t0, zone: .gmt)
        #expect(try members(creator) == ["net": [1, 2, 4, 6], "quiet": [5], "tippers": [1], "tipless": [3, 5]])

        let later = try refresher.refresh(now: Self.t0 + 1_000, zone: .gmt)
        #expect(try members(creator) == ["net": [1, 3, 4, 6], "quiet": [2, 5], "tippers": [4], "tipless": [2, 3, 5]])
        let candidates = Dictionary(uniqueKeysWithValues: later.map { ($0.name, $0.candidates) })
        // tippers: fan 1 (a member, leaving) and fan 4 (not one, arriving);
        // fan 2 is on the leaving edge but is not a member, fans 3 and 6 leave
        // with a purchase that is not a tip.
        #expect(candidates["tippers"] == 2)
        // net: every fan on an edge; quiet: the non-members on the leaving edge.
        #expect(candidates["net"] == 5)
        #expect(candidates["quiet"] == 4)
        // tipless: the non-members with a tip leaving (1 and 2), not fan 6,
        // whose leaving row is no tip (the edge carries the count's filter).
        #expect(candidates["tipless"] == 2)
    }

    func members(_ store: CreatorStore) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for name in ["tippers", "net", "quiet", "tipless"] { result[name] = [] }
        try store.forEachRow("""
            SELECT s.name, m.fan_id FROM fan_segment_members m JOIN fan_segments s ON s.id = m.segment_id
            WHERE m.user_id = :user ORDER BY m.fan_id
            """) { result[$0.string(0), default: []].append($0.int64(1)) }
        return result
    }
}
