import Foundation
import Testing
@testable import Planning
import Store

/// Changes by table (docs/PLANS.md, "Changes by table"): the change log names
/// the table of each change (migration 21), and a segment's incremental
/// refresh takes only the changes of the tables its condition reads, those of
/// the segments it names included.
@Suite struct ChangeSourceTests {
    static let t0 = SeedOptions.defaultNow
    static let program = """
        segment loyal { fan.score.loyalty >= 0.5 }
        segment drifting { fan not in loyal }
        segment whales { fan.lifetime_spend >= $100 }
        """

    @Test func aSegmentTakesTheChangesOfTheTablesItReads() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let creator = store.creator("u")
        for fan in 1...4 {
            try creator.execute("INSERT INTO fan_profiles (id, user_id, display_name, created_at) VALUES (?, :user, 'f', ?)",
                                [.integer(Int64(fan)), .integer(Self.t0 - 86_400)])
        }
        var refresher = SegmentRefresher(store: creator, program: try checkedProgram(Self.program))
        refresher.fullRefreshShare = 1
        _ = try refresher.refresh(now: Self.t0, zone: .gmt)

        try creator.execute("INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES (:user, 1, 'loyalty', 0.9)")
        try creator.execute("""
            INSERT INTO fan_messages (user_id, fan_id, direction, body, platform, sent_at) VALUES (:user, 2, 'inbound', 'hi', 'onlyfans', ?)
            """, [.integer(Self.t0)])
        let logged = try creator.rows("SELECT fan_id, source_table FROM fan_changes WHERE user_id = :user ORDER BY id")
        #expect(logged == [[.integer(1), .text("fan_scores")], [.integer(2), .text("fan_messages")]])

        let results = try refresher.refresh(now: Self.t0, zone: .gmt)
        let candidates = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.candidates) })
        #expect(candidates == ["loyal": 1, "drifting": 1, "whales": 0])
        #expect(results.map { [$0.entered, $0.exited] } == [[1, 0], [0, 1], [0, 0]])
    }

    /// A row logged before migration 21 has no table: it counts for every segment.
    @Test func aChangeWithNoTableCountsForEverySegment() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let creator = store.creator("u")
        try creator.execute("INSERT INTO fan_profiles (id, user_id, display_name, created_at) VALUES (1, :user, 'f', ?), (2, :user, 'g', ?)",
                            [.integer(Self.t0), .integer(Self.t0)])
        var refresher = SegmentRefresher(store: creator, program: try checkedProgram(Self.program))
        refresher.fullRefreshShare = 1
        _ = try refresher.refresh(now: Self.t0, zone: .gmt)
        try creator.execute("INSERT INTO fan_changes (user_id, fan_id) VALUES (:user, 1)")
        let results = try refresher.refresh(now: Self.t0, zone: .gmt)
        #expect(results.map(\.candidates) == [1, 1, 1])
    }
}
