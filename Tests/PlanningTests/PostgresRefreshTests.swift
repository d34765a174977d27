import Foundation
import Testing
@testable import Planning
import Semantics
import Store

/// Incremental refresh on PostgreSQL (RULEC_TEST_PG_URL; skipped when unset):
/// the change log, marks, candidate table and restricted plans work there,
/// and after an incremental refresh a full one finds nothing left to change.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RULEC_TEST_PG_URL"].map { !$0.isEmpty } ?? false,
                "RULEC_TEST_PG_URL is not set"))
struct PostgresRefreshTests {
    @Test func incrementalRefreshLeavesNothingForAFullOne() throws {
        let server = ProcessInfo.processInfo.environment["RULEC_TEST_PG_URL"]!
        let admin = try Database(path: server)
        let name = "rulec_test_refresh_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try admin.execute("CREATE DATABASE \(name)")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        let store = try EngineStore.open(path: try #require(components.string))
        try Seeder.run(SeedOptions(fans: 60, userID: "creator_a"), into: store)
        let creator = store.creator("creator_a")
        let program = try checkedProgram(RefreshDifferentialTests.librarySegments)
        var refresher = SegmentRefresher(store: creator, program: program)
        refresher.fullRefreshShare = 1
        let now = SeedOptions.defaultNow
        #expect(try refresher.refresh(now: now, zone: .gmt).allSatisfy { $0.candidates == nil })
        var stream = ChangeStream(random: DiffRandom(seed: 5))
        var clock = now
        for _ in 0..<4 {
            for _ in 0..<6 { _ = stream.next(clock: clock).apply(to: store) }
            // Migration 21: every change names its table (TG_TABLE_NAME).
            let sources = try creator.rows("SELECT DISTINCT source_table FROM fan_changes WHERE user_id = :user").map { $0[0] }
            #expect(!sources.isEmpty && sources.allSatisfy { $0.string?.hasPrefix("fan_") == true }, "\(sources)")
            clock += 86_400
            let incremental = try refresher.refresh(now: clock, zone: .gmt)
            #expect(incremental.allSatisfy { $0.candidates != nil }, "\(incremental)")
            let full = try refresher.refresh(now: clock, zone: .gmt, mode: .full)
            #expect(full.allSatisfy { $0.entered == 0 && $0.exited == 0 }, "\(full)")
            #expect(full.map(\.members) == incremental.map(\.members))
        }
    }
}
