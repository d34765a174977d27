import Foundation
import Testing
import Store
import RulecTestSupport
@testable import LanguageServer

/// With `--db/--user` the server reads the creator's store, and only reads it.
@Suite struct StoreFactsTests {
    static let now: Int64 = 1_795_478_400

    func makeStore(in folder: String) throws -> String {
        let path = folder + "/crm.sqlite"
        let store = try Store.open(path: path)
        try Seeder.run(SeedOptions(fans: 5, userID: "creator_a", now: Self.now), into: store)
        let creator = store.creator("creator_a")
        try creator.execute("""
            INSERT INTO fan_segments (user_id, name, display_name, definition, member_count, evaluated_at, created_at, updated_at)
            VALUES (:user, 'whales', 'Big spenders', 'fan.lifetime_spend >= $500', 42, ?, ?, ?)
            """, [.integer(Self.now), .integer(Self.now), .integer(Self.now)])
        let ruleID = try creator.insert("""
            INSERT INTO automation_rules (user_id, name, trigger, created_at, updated_at) VALUES (:user, 'Thank whales', 'transaction.tip', ?, ?)
            """, [.integer(Self.now), .integer(Self.now)])
        for offset in 0..<4 {
            try creator.execute("""
                INSERT INTO automation_rule_runs (user_id, rule_id, trigger, triggered_at, matched_fan_count, outcome)
                VALUES (:user, ?, 'transaction.tip', ?, 1, 'matched')
                """, [.integer(ruleID), .integer(Self.now + Int64(offset) * 60)])
        }
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return path
    }

    @Test func templatesCountsAndFiringsComeFromTheStoreWhichIsNotWritten() throws {
        let folder = try TemporaryFolder("lsp-store")
        let path = try makeStore(in: folder.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let segments = "segment whales \"Big spenders\" {\n  fan.lifetime_spend >= $500\n}\n"
        let rules = "rule \"Thank whales\" {\n  on transaction.tip\n  when fan in whales\n  then {\n    send \"\"\n  }\n}\n"
        let h = try ServerHarness(files: ["s.rules": segments, "r.rules": rules],
                                  options: .init(storePath: path, userID: "creator_a"))
        h.open("r.rules", rules)

        let templates = h.request("textDocument/completion", h.at("r.rules", 4, 10))["result"]?.labels ?? []
        #expect(templates.contains("tip_thanks"))
        #expect(templates == templates.sorted())

        let segment = h.request("textDocument/hover", h.at("r.rules", 2, 16))["result"]?["contents"]?["value"]?.string ?? ""
        #expect(segment.contains("42 members in the store"))
        let rule = h.request("textDocument/hover", h.at("r.rules", 0, 8))["result"]?["contents"]?["value"]?.string ?? ""
        #expect(rule.contains("4 runs in the store"))
        #expect(rule.contains("2026-11-24T00:03:00Z: matched, 1 fan"))

        // Template checks run as `check --db` runs them: the empty template name is unknown.
        let diagnostics = h.diagnostics()["r.rules"] ?? []
        #expect(diagnostics.contains { $0["message"]?.string?.contains("template") == true })

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the store file is unchanged")
    }

    @Test func aMissingStoreIsNotCreated() throws {
        let folder = try TemporaryFolder("lsp-store-missing")
        let h = try ServerHarness(files: ["s.rules": "segment s { true }\n"],
                                  options: .init(storePath: folder.path("nope.sqlite"), userID: "creator_a"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("nope.sqlite")))
        #expect(h.messages.contains { $0["method"]?.string == "window/logMessage" && $0["params"]?["message"]?.string?.contains("no store") == true })
    }
}
