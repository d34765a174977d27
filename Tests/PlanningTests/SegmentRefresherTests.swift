import Foundation
import RulecTestSupport
import Testing
@testable import Planning
import Semantics
import Store

/// Materializing segments: only the difference is written, each change is
/// an event, counts are right, and a second refresh writes nothing.
@Suite(.serialized) struct SegmentRefresherTests {
    static let program = """
        let vip_min = $500
        segment whales { fan.lifetime_spend >= vip_min }
        segment vip_tagged { "vip" in fan.tags }
        segment vip_whales { fan in vip_tagged and fan in whales }
        """
    static let now = SeedOptions.defaultNow
    static let utc = TimeZone(identifier: "UTC")!

    /// A seeded store (two creators, so isolation is checked too) and a refresher for creator_a.
    func fixture() throws -> (store: CreatorStore, refresher: SegmentRefresher, program: CheckedProgram, folder: TemporaryFolder) {
        let (store, folder) = try temporaryStore()
        try Seeder.run(SeedOptions(fans: 200, userID: "creator_a"), into: store)
        try Seeder.run(SeedOptions(fans: 30, seed: 2, userID: "creator_b"), into: store)
        let program = try checkedProgram(Self.program)
        let creator = store.creator("creator_a")
        return (creator, SegmentRefresher(store: creator, program: program), program, folder)
    }

    func members(_ segment: String, _ store: CreatorStore) throws -> [Int64: Int64] {
        var rows: [Int64: Int64] = [:]  // fan_id → row id
        try store.forEachRow("""
            SELECT m.fan_id, m.id FROM fan_segment_members m JOIN fan_segments s ON s.id = m.segment_id
            WHERE m.user_id = :user AND s.name = ?
            """, [.text(segment)]) { rows[$0.int64(0)] = $0.int64(1) }
        return rows
    }

    func events(_ store: CreatorStore) throws -> [[SQLValue]] {
        try store.rows("SELECT segment_id, fan_id, change, occurred_at FROM fan_segment_member_events WHERE user_id = :user ORDER BY id")
    }

    @Test func firstRefreshMaterializesTheEvaluatorsAnswer() throws {
        let (store, refresher, program, folder) = try fixture()
        defer { folder.remove() }
        let results = try refresher.refresh(now: Self.now, zone: Self.utc)
        #expect(results.map(\.name) == ["whales", "vip_tagged", "vip_whales"])  // dependency order
        let reference = PlanExecutor(store: store, program: program)
        for result in results {
            let expected = try reference.evaluatorFanIDs(program.segment(named: result.name)!.condition,
                                                         context: EvaluationContext(now: Self.now, zone: Self.utc))
            #expect(Set(try members(result.name, store).keys) == Set(expected), "\(result.name)")
            #expect(result.members == expected.count && result.entered == expected.count && result.exited == 0)
            let row = try store.rows("SELECT member_count, evaluated_at FROM fan_segments WHERE user_id = :user AND id = ?",
                                     [.integer(result.segmentID)])
            #expect(row == [[.integer(Int64(expected.count)), .integer(Self.now)]])
        }
        #expect(results.contains { $0.members > 0 }, "the seeded store should have whales")
        let logged = try events(store)
        #expect(logged.count == results.map(\.entered).reduce(0, +))
        #expect(logged.allSatisfy { $0[2] == .text("entered") && $0[3] == .integer(Self.now) })
        // The other creator's rows are untouched.
        #expect(try store.database.scalar("SELECT count(*) FROM fan_segment_members WHERE user_id = 'creator_b'") == .integer(0))
    }

    @Test func secondRefreshWritesNothing() throws {
        let (store, refresher, _, folder) = try fixture()
        defer { folder.remove() }
        _ = try refresher.refresh(now: Self.now, zone: Self.utc)
        let before = try members("whales", store), eventsBefore = try events(store)
        let again = try refresher.refresh(now: Self.now + 60, zone: Self.utc)
        #expect(again.allSatisfy { $0.entered == 0 && $0.exited == 0 })
        #expect(try members("whales", store) == before)  // same rows, same ids: nothing rewritten
        #expect(try events(store) == eventsBefore)
    }

    @Test func onlyTheDifferenceIsWritten() throws {
        let (store, refresher, _, folder) = try fixture()
        defer { folder.remove() }
        _ = try refresher.refresh(["vip_tagged"], now: Self.now, zone: Self.utc)
        let before = try members("vip_tagged", store)
        let allFans = try store.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id").compactMap { $0[0].int64 }
        let leaving = try #require(before.keys.sorted().first)
        let joining = try #require(allFans.first { before[$0] == nil })
        try store.execute("DELETE FROM fan_tag_values WHERE user_id = :user AND fan_id = ? AND tag = 'vip'", [.integer(leaving)])
        try store.execute("INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, 'vip', ?)",
                          [.integer(joining), .integer(Self.now)])
        let eventsBefore = try events(store).count

        let later = Self.now + 3_600
        let result = try #require(try refresher.refresh(["vip_tagged"], now: later, zone: Self.utc).first)
        #expect(result.entered == 1 && result.exited == 1 && result.members == before.count)
        let after = try members("vip_tagged", store)
        #expect(after[leaving] == nil && after[joining] != nil)
        for (fan, rowID) in before where fan != leaving { #expect(after[fan] == rowID) }  // kept rows untouched
        let appended = Array(try events(store).dropFirst(eventsBefore))
        #expect(appended == [
            [.integer(result.segmentID), .integer(joining), .text("entered"), .integer(later)],
            [.integer(result.segmentID), .integer(leaving), .text("exited"), .integer(later)],
        ])
    }

    @Test func namedSegmentsOnly() throws {
        let (store, refresher, _, folder) = try fixture()
        defer { folder.remove() }
        let results = try refresher.refresh(["whales"], now: Self.now, zone: Self.utc)
        #expect(results.map(\.name) == ["whales"])
        #expect(try store.scalar("SELECT count(*) FROM fan_segments WHERE user_id = :user") == .integer(1))
    }
}
