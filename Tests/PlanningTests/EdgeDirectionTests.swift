import Foundation
import Testing
@testable import Planning
import Store

/// Window edges by direction (docs/PLANS.md, "Edges by direction"): as the
/// clock moves forward, a row leaving `count(… within D) >= N` can only take
/// a member out, so only members on that edge are candidates, and a row
/// arriving only lets a non-member in. A sum is not monotone (a refund
/// leaving the window raises it): its edges name every fan on them.
@Suite struct EdgeDirectionTests {
    static let t0 = SeedOptions.defaultNow
    static let program = """
        segment tippers { count(fan.transactions within 1d where kind == "tip") >= 2 }
        segment net { sum(fan.transactions.amount within 1d) >= $1 }
        segment quiet { count(fan.transactions within 1d) == 0 }
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
        ]
        for fan in 1...5 {  // fan 5 has no transactions
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
        #expect(try members(creator) == ["net": [1, 2, 4], "quiet": [5], "tippers": [1]])

        let later = try refresher.refresh(now: Self.t0 + 1_000, zone: .gmt)
        #expect(try members(creator) == ["net": [1, 3, 4], "quiet": [2, 5], "tippers": [4]])
        let candidates = Dictionary(uniqueKeysWithValues: later.map { ($0.name, $0.candidates) })
        // tippers: fan 1 (a member, leaving) and fan 4 (not one, arriving);
        // fans 2 and 3 are on the leaving edge but are not members.
        #expect(candidates["tippers"] == 2)
        // net: every fan on an edge; quiet: the non-members on the leaving edge.
        #expect(candidates["net"] == 4)
        #expect(candidates["quiet"] == 3)
    }

    func members(_ store: CreatorStore) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for name in ["tippers", "net", "quiet"] { result[name] = [] }
        try store.forEachRow("""
            SELECT s.name, m.fan_id FROM fan_segment_members m JOIN fan_segments s ON s.id = m.segment_id
            WHERE m.user_id = :user ORDER BY m.fan_id
            """) { result[$0.string(0) ?? "", default: []].append($0.int64(1)) }
        return result
    }
}
