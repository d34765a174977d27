import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

/// Exit codes and output of deploy, pause, resume and hitl (RULEC.md).
@Suite struct RuntimeCommandsTests {
    final class Workspace {
        let folder: TemporaryFolder
        var db: String { folder.path("crm.sqlite") }

        init() throws {
            folder = try TemporaryFolder("runtime-cli")
            let store = try Store.open(path: db)
            try Seeder.run(SeedOptions(fans: 20, userID: "creator_a"), into: store)
        }

        func write(_ name: String, _ text: String) throws { try folder.write(text, to: name) }

        func run(_ words: [String]) -> (code: ExitCode, out: String, err: String) {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": db, "RULEC_USER": "creator_a", "NO_COLOR": "1"],
                                         standardOutput: out.stream, standardError: err.stream, workingDirectory: folder.path, clock: TestClock.clock)
            return (Rulec.main(words, context: context), out.text, err.text)
        }
    }

    static let program = """
        rule "Greet" {
          on fan.created
          limit 1 per fan
          then { send "welcome" requires approval }
        }
        """

    @Test func deployPrintsAReportAndRefusesErrors() throws {
        let workspace = try Workspace()
        try workspace.write("a.rules", Self.program)
        let first = workspace.run(["deploy", "a.rules", "--now", "2026-11-24T10:00:00Z"])
        #expect(first.code == .success, "\(first.err)")
        #expect(first.out.contains("  added: 1 rule \"Greet\"\n"))
        let json = workspace.run(["deploy", "a.rules", "--format", "json"])
        #expect(json.code == .success)
        #expect(json.out.contains("\"unchanged\": [\n    \"Greet\"\n  ]"))

        try workspace.write("b.rules", "rule \"Bad\" { on transaction.tipp then { tag \"x\" } }")
        let refused = workspace.run(["deploy", "."])
        #expect(refused.code == .inputErrors)
        #expect(refused.out.contains("b.rules:1:"))
        #expect(refused.out.contains("error["))
        #expect(refused.err.contains("nothing was deployed"))
        #expect(workspace.run(["deploy"]).code == .usageOrIO)
        #expect(workspace.run(["deploy", "missing.rules"]).code == .usageOrIO)
    }

    @Test func pauseAndResumeExitCodes() throws {
        let workspace = try Workspace()
        try workspace.write("a.rules", Self.program)
        #expect(workspace.run(["deploy", "a.rules"]).code == .success)
        let paused = workspace.run(["pause", "Greet"])
        #expect(paused.code == .success)
        #expect(paused.out == "rule \"Greet\" is paused\n")
        #expect(workspace.run(["resume", "Greet"]).out == "rule \"Greet\" is active\n")
        let unknown = workspace.run(["pause", "Gret"])
        #expect(unknown.code == .inputErrors)
        #expect(unknown.err.contains("Did you mean \"Greet\"?"))
        #expect(workspace.run(["resume"]).code == .usageOrIO)
    }

    @Test func hitlListShowApproveReject() throws {
        let workspace = try Workspace()
        try workspace.write("a.rules", Self.program)
        #expect(workspace.run(["deploy", "a.rules"]).code == .success)
        // Queue two items the way the engine would.
        let store = try Store.open(path: workspace.db)
        let creator = store.creator("creator_a")
        let rule = try creator.scalar("SELECT id FROM automation_rules WHERE user_id = :user AND name = 'Greet'").int64!
        let run = try creator.insert("INSERT INTO automation_rule_runs (user_id, rule_id, trigger, outcome) VALUES (:user, ?, 'fan.created', 'matched')",
                                     [.integer(rule)])
        let fans = try creator.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT 2").map { $0[0].int64! }
        for fan in fans {
            try creator.execute("""
                INSERT INTO hitl_action_queue (user_id, rule_id, run_id, fan_id, action_index, action_type, params_json, preview, status,
                                               created_at, expires_at)
                VALUES (:user, ?, ?, ?, 0, 'send', '{"template":"welcome","with":{}}', 'Hi there, welcome!', 'pending', 1795478400, 1796083200)
                """, [.integer(rule), .integer(run), .integer(fan)])
        }
        let list = workspace.run(["hitl", "list", "--now", "2026-11-24T01:00:00Z"])
        #expect(list.code == .success)
        let lines = list.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID  RULE   FAN"))
        #expect(lines[1].contains("Greet") && lines[1].contains("Hi there, welcome!") && lines[1].contains("2026-11-24T00:00:00Z"))
        let json = workspace.run(["hitl", "list", "--format", "json", "--now", "2026-11-24T01:00:00Z"])
        #expect(json.out.hasPrefix("[") && json.out.contains("\"status\": \"pending\""))
        #expect(workspace.run(["hitl", "list", "--status", "pendng"]).err.contains("Did you mean 'pending'?"))
        #expect(workspace.run(["hitl", "show", "1", "--now", "2026-11-24T01:00:00Z"]).out.contains("preview:\n  Hi there, welcome!"))
        #expect(workspace.run(["hitl", "show", "99"]).code == .inputErrors)

        let approved = workspace.run(["hitl", "approve", "1", "--by", "maria", "--now", "2026-11-24T01:00:00Z"])
        #expect(approved.code == .success, "\(approved.err)")
        #expect(approved.out == "approved #1: executed\n")
        let twice = workspace.run(["hitl", "approve", "1"])
        #expect(twice.code == .inputErrors)
        #expect(twice.err.contains("already approved"))
        #expect(workspace.run(["hitl", "reject", "2", "--reason", "not now", "--now", "2026-11-24T01:00:00Z"]).code == .success)
        #expect(workspace.run(["hitl", "approve", "2"]).code == .inputErrors)
        #expect(workspace.run(["hitl", "list", "--now", "2026-11-24T01:00:00Z"]).out == "no approval items\n")
        #expect(workspace.run(["hitl", "list", "--status", "all"]).out.split(separator: "\n").count == 3)
        // Another creator sees none of it and cannot decide it.
        try Seeder.run(SeedOptions(fans: 1, userID: "creator_b"), into: store)
        let other = Workspace.run(workspace)(["hitl", "approve", "1", "--user", "creator_b"])
        #expect(other.code == .inputErrors)
        #expect(other.err.contains("no approval item #1"))
        #expect(workspace.run(["hitl", "approve", "abc"]).code == .usageOrIO)
    }
}
