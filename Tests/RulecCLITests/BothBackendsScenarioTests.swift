import Foundation
import RulecTestSupport
import Starter
import Store
import Testing
@testable import RulecCLI

/// The same creator on SQLite and on PostgreSQL (RULEC.md "More than one
/// creator"): seeded alike, the starter library deployed, segments refreshed,
/// a simulated day of events run and backtested, then every reading command and a decision
/// on an approval item. Every command's exit code and output, and the rows
/// the engine wrote, must be the same on both backends.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"), .serialized)
struct BothBackendsScenarioTests {
    static let user = "creator_both"
    static let seeded = "2026-11-20T09:00:00Z"
    static let dayEnd = "2026-11-21T09:00:00Z"
    static let later = "2026-11-22T09:00:00Z"
    static let dayStart: Int64 = 1_795_165_200 // 2026-11-20T09:00:00Z, `seeded`

    /// One backend's store and what its commands printed.
    final class Backend {
        let database: String
        let folder: String
        var transcript: [String] = []

        init(database: String, folder: String) {
            self.database = database
            self.folder = folder
        }

        /// Runs a command with `--db` (and `--user` unless `noUser`); records its exit code and stdout.
        @discardableResult
        func run(_ words: [String], noUser: Bool = false) -> String {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            var environment = ["RULEC_DB": database, "NO_COLOR": "1"]
            if !noUser { environment["RULEC_USER"] = BothBackendsScenarioTests.user }
            let context = CommandContext(environment: environment, standardOutput: out.stream, standardError: err.stream,
                                         workingDirectory: folder, clock: TestClock.clock)
            let code = Rulec.main(words, context: context)
            let shown = out.text.replacingOccurrences(of: database, with: "DB")
            transcript.append("$ rulec \(words.joined(separator: " "))\nexit \(code.rawValue)\n\(shown)"
                              + (code == .success ? "" : "stderr: " + err.text.replacingOccurrences(of: database, with: "DB")))
            return out.text
        }

        /// The engine's writes, in id order, as text.
        func tables() throws -> [String] {
            let store = try Store.openExisting(path: database, readOnly: true)
            let creator = store.creator(BothBackendsScenarioTests.user)
            let queries = [
                "SELECT id, rule_id, rule_version, trigger, event_source, event_id, triggered_at, matched_fan_count, outcome, error FROM automation_rule_runs WHERE user_id = :user ORDER BY id",
                "SELECT id, run_id, rule_id, fan_id, action_index, action_type, params_json, outcome, reason, hitl_id, executed_at FROM automation_rule_actions WHERE user_id = :user ORDER BY id",
                "SELECT id, rule_id, run_id, fan_id, action_index, action_type, params_json, preview, status, reason, created_at, expires_at, decided_at, decided_by FROM hitl_action_queue WHERE user_id = :user ORDER BY id",
                "SELECT segment_id, fan_id, added_at FROM fan_segment_members WHERE user_id = :user ORDER BY segment_id, fan_id",
                "SELECT fan_id, tag, created_at FROM fan_tag_values WHERE user_id = :user ORDER BY fan_id, tag",
                "SELECT source, last_id, updated_at FROM automation_cursors WHERE user_id = :user ORDER BY source",
                "SELECT id, fan_id, direction, body, status, template_id, scheduled_at, created_at FROM fan_messages WHERE user_id = :user ORDER BY id",
                "SELECT id, fan_id, body, created_at FROM fan_notes WHERE user_id = :user ORDER BY id",
                "SELECT id, rule_id, fan_id, action_index, due_at, status FROM automation_scheduled_actions WHERE user_id = :user ORDER BY id",
                "SELECT id, name, member_count, evaluated_at FROM fan_segments WHERE user_id = :user ORDER BY id",
            ]
            return try queries.map { sql in
                try creator.rows(sql).map { $0.map(\.description).joined(separator: " | ") }.joined(separator: "\n")
            }
        }
    }

    @Test func theSameCreatorGivesTheSameAnswersOnBothBackends() throws {
        let folder = try TemporaryFolder("both-backends")
        for file in StarterLibrary.files {
            let url = URL(fileURLWithPath: folder.path("project/" + file.path))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        let rules = folder.path("project/Rules")
        let postgres = try PostgresTestDatabase("scenario")
        let backends = [Backend(database: folder.path("crm.sqlite"), folder: folder.path("project")),
                        Backend(database: postgres.url, folder: folder.path("project"))]

        for backend in backends {
            backend.run(["db", "init"], noUser: true)
            backend.run(["db", "seed", "--fans", "150", "--seed", "5", "--now", Self.seeded])
            backend.run(["deploy", rules, "--now", Self.seeded])
            backend.run(["segments", "refresh", "--now", Self.seeded])
            // A day of events, written alike on both.
            let store = try Store.openExisting(path: backend.database, readOnly: false)
            var day = DaySimulator(store: store.creator(Self.user), start: Self.dayStart, seed: 9)
            let written = try day.run()
            backend.transcript.append("day: \(written)")
            backend.run(["run", "--format", "json", "--now", Self.dayEnd])
            // The day again as a backtest: on PostgreSQL over a private SQLite copy of the creator.
            backend.run(["simulate", rules, "--from", Self.seeded, "--to", Self.dayEnd, "--compare", "--fans", "--format", "json", "--now", Self.dayEnd])
            backend.run(["segments", "refresh", "--now", Self.dayEnd])
            backend.run(["rules", "--format", "json", "--now", Self.dayEnd])
            for condition in ["fan.lifetime_spend >= $100", "\"big_tipper\" in fan.tags",
                              "count(fan.transactions within 30d) >= 2 and fan.lifecycle_stage != \"churned\"",
                              "lower(fan.display_name) contains \"a\"", "fan.lifetime_spend / 3 > $10"] {
                backend.run(["segment", "eval", condition, "--format", "json", "--limit", "0", "--now", Self.dayEnd])
            }
            let list = backend.run(["hitl", "list", "--format", "json", "--now", Self.dayEnd])
            backend.run(["scheduled", "list", "--format", "json"])
            for fan in ["1", "7", "42"] {
                backend.run(["why", "Thank big tippers", "--fan", fan, "--now", Self.dayEnd])
            }
            // The first pending approval item, decided alike on both.
            if let id = list.firstMatch(of: /"id": ?(\d+)/)?.output.1 {
                backend.run(["hitl", "approve", String(id), "--by", "tester", "--now", Self.dayEnd])
                backend.run(["hitl", "show", String(id), "--format", "json", "--now", Self.dayEnd])
            }
            backend.run(["run", "--format", "json", "--now", Self.later])
            backend.run(["run", "--all-creators", "--format", "json", "--now", Self.later], noUser: true)
            backend.transcript.append(contentsOf: try backend.tables())
        }
        let (sqlite, pg) = (backends[0].transcript, backends[1].transcript)
        #expect(sqlite.count == pg.count)
        for (a, b) in zip(sqlite, pg) where a != b {
            Issue.record("SQLite and PostgreSQL differ:\n--- SQLite\n\(a.prefix(3_000))\n--- PostgreSQL\n\(b.prefix(3_000))")
        }
        // The scenario did something worth comparing: rules ran, an item was approved.
        #expect(sqlite.contains { $0.contains("\"runs\":") && !$0.contains("\"runs\":0") })
        #expect(sqlite.contains { $0.hasPrefix("$ rulec hitl approve") && $0.contains("exit 0") })
    }

    /// A database without the schema and a creator without a profile are
    /// refused on PostgreSQL as on SQLite (exit 2), and only `db init` and
    /// `db seed` bring the schema; a password never shows in the messages.
    @Test func missingSchemaAndUnknownCreatorAreRefused() throws {
        let folder = try TemporaryFolder("pg-refusals")
        let postgres = try PostgresTestDatabase("refusals")
        var components = try #require(URLComponents(string: postgres.url))
        if components.user == nil { components.user = "postgres" }
        components.password = "not-needed-by-trust"
        let url = try #require(components.string)
        let backend = Backend(database: url, folder: folder.path)
        _ = backend.run(["segment", "eval", "true", "--now", Self.seeded])
        #expect(backend.transcript.last?.contains("exit 2") == true)
        #expect(backend.transcript.last?.contains("is not a rulec store") == true)
        #expect(backend.transcript.last?.contains("not-needed-by-trust") == false)
        // Nothing was created by the refused command.
        let database = try Database(path: url)
        #expect(try !database.tableExists("schema_migrations"))
        backend.run(["db", "seed", "--fans", "5", "--now", Self.seeded])
        #expect(backend.transcript.last?.hasPrefix("$ rulec db seed --fans 5 --now \(Self.seeded)\nexit 0") == true)
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: ["RULEC_DB": url, "RULEC_USER": "creator_bth"], standardOutput: out.stream,
                                     standardError: err.stream, workingDirectory: folder.path, clock: TestClock.clock)
        #expect(Rulec.main(["segment", "eval", "true", "--now", Self.seeded], context: context) == .usageOrIO)
        #expect(err.text.contains("creator 'creator_bth' is not in"))
        #expect(err.text.contains("Did you mean 'creator_both'?"))
        #expect(!err.text.contains("not-needed-by-trust"))
    }
}
