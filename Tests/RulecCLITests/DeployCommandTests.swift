import Foundation
@testable import RulecCLI
import Runtime
import Store
import Syntax
import Testing

/// `rulec deploy` prints its plan and never pauses a rule behind the user's
/// back (RULEC.md, "Safety of everyday use").
@Suite struct DeployCommandTests {
    typealias Workspace = RuntimeCommandsTests.Workspace
    static let now = "2026-11-24T10:00:00Z"

    static let a = """
        rule "Tag tippers" {
          on transaction.tip
          then { tag "tipper" }
        }

        rule "Note renewals" {
          on subscription.renewed
          cooldown 1d
          then { note "renewed" }
        }
        """
    static let b = """
        segment big { fan.lifetime_spend >= $100 }

        rule "Tag big fans" {
          on transaction.tip
          when fan in big
          then { tag "big" }
        }
        """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("a.rules", a)
        try workspace.write("b.rules", b)
        let first = workspace.run(["deploy", ".", "--now", now])
        #expect(first.code == .success, "\(first.err)")
        return workspace
    }

    static func status(_ workspace: Workspace, _ rule: String) throws -> String? {
        try Store.open(path: workspace.db).creator("creator_a")
            .scalar("SELECT status FROM automation_rules WHERE user_id = :user AND name = ?", [.text(rule)]).string
    }

    @Test func deployingOneFileKeepsTheOtherRulesAndSaysSo() throws {
        let workspace = try Self.workspace()
        let one = workspace.run(["deploy", "a.rules", "--now", Self.now])
        #expect(one.code == .success, "\(one.err)")
        #expect(one.out == """
            deploy plan
              unchanged: 2 rules "Tag tippers", "Note renewals"
              not in this source; kept: "Tag big fans" (active)
              nothing changes
            deployed program #2

            """)
        #expect(try Self.status(workspace, "Tag big fans") == "active")
        // The kept rule is still part of what runs.
        let store = try Store.open(path: workspace.db).creator("creator_a")
        #expect(try DeployedProgram.load(from: store)?.rule(named: "Tag big fans")?.isActive == true)

        try workspace.write("a.rules", Self.a.replacingOccurrences(of: "cooldown 1d", with: "cooldown 2d"))
        let all = workspace.run(["deploy", ".", "--now", Self.now])
        #expect(all.out == """
            deploy plan
              changed: rule "Note renewals": clauses, version 1 → 2
              unchanged: 2 rules "Tag tippers", "Tag big fans"; 1 segment big
            deployed program #3

            """)
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let workspace = try Self.workspace()
        try workspace.write("a.rules", Self.a.replacingOccurrences(of: "\"tipper\"", with: "\"tipped\""))
        let snapshot = {
            let store = try Store.open(path: workspace.db).creator("creator_a")
            return try ["automation_rules", "automation_programs", "fan_segments", "automation_cursors", "automation_schedule_state"].map {
                try store.rows("SELECT * FROM \($0) WHERE user_id = :user ORDER BY id")
            }
        }
        let before = try snapshot()
        let dry = workspace.run(["deploy", "a.rules", "--dry-run", "--prune", "--now", "2026-11-25T10:00:00Z"])
        #expect(dry.code == .success, "\(dry.err)")
        #expect(dry.out == """
            dry run: deploy plan
              changed: rule "Tag tippers": actions, version 1 → 2
              unchanged: 1 rule "Note renewals"
              pruned (paused, out of the program): "Tag big fans"
            dry run: nothing was written

            """)
        #expect(try snapshot() == before)
    }

    @Test func pruneAndAPrunedRuleThatComesBack() throws {
        let workspace = try Self.workspace()
        let pruned = workspace.run(["deploy", "a.rules", "--prune", "--now", Self.now])
        #expect(pruned.code == .success, "\(pruned.err)")
        #expect(pruned.out.contains("  pruned (paused, out of the program): \"Tag big fans\"\n"))
        #expect(try Self.status(workspace, "Tag big fans") == "paused")
        #expect(workspace.run(["resume", "Tag big fans"]).code == .inputErrors)
        // Deployed again without it, it is listed as kept: paused, and out of the program.
        #expect(workspace.run(["deploy", "a.rules", "--now", Self.now]).out
            .contains("  not in this source; kept: \"Tag big fans\" (paused, pruned)\n"))

        let back = workspace.run(["deploy", ".", "--now", Self.now])
        #expect(back.out.contains("  stays paused (pruned by an earlier deploy; `rulec resume RULE` turns it on): \"Tag big fans\"\n"))
        #expect(try Self.status(workspace, "Tag big fans") == "paused")
        #expect(workspace.run(["resume", "Tag big fans", "--now", Self.now]).code == .success)
        #expect(try Self.status(workspace, "Tag big fans") == "active")
    }

    @Test func jsonHasExactlyThePinnedKeys() throws {
        let workspace = try Self.workspace()
        try workspace.write("a.rules", Self.a.replacingOccurrences(of: "cooldown 1d", with: "cooldown 2d")
                            + "\nrule \"New\" { on fan.created then { tag \"n\" } }\n")
        let result = workspace.run(["deploy", "a.rules", "--format", "json", "--now", Self.now])
        #expect(result.code == .success, "\(result.err)")
        let json = try JSONParser.parse(result.out)
        guard case .object(let members) = json else { Issue.record("not an object: \(result.out)"); return }
        #expect(members.map(\.0) == ["added", "changed", "unchanged", "pruned", "kept"])
        #expect(json["added"] == .array([.string("New")]))
        #expect(json["changed"] == .array([.object([("name", .string("Note renewals")),
                                                    ("what", .array([.string("clauses"), .string("version")]))])]))
        #expect(json["unchanged"] == .array([.string("Tag tippers")]))
        #expect(json["pruned"] == .array([]))
        #expect(json["kept"] == .array([.string("Tag big fans")]))
    }
}
