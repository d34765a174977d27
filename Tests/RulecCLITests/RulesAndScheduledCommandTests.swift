import Foundation
@testable import RulecCLI
import Runtime
import Store
import Syntax
import Testing

/// `rulec rules` (what is deployed and how it is doing; reads only) and
/// `rulec scheduled [list | cancel ID]`.
@Suite struct RulesAndScheduledCommandTests {
    typealias Workspace = RuntimeCommandsTests.Workspace
    static let t0 = RunCommandDelayedTests.t0

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// The store file and its write-ahead log (an empty log, which a read-only open may leave, is no content).
    static func bytes(_ workspace: Workspace) throws -> [Data] {
        try ["", "-wal"].compactMap { suffix in
            FileManager.default.fileExists(atPath: workspace.db + suffix) ? try Data(contentsOf: URL(fileURLWithPath: workspace.db + suffix)) : nil
        }.filter { !$0.isEmpty }
    }

    @Test func rulesListsStatusVersionsAndRecentFirings() throws {
        let workspace = try RunCommandDelayedTests.workspace(tips: 1)
        try workspace.write("other.rules", """
            segment big "Big spenders" { fan.lifetime_spend >= $100 }
            rule "Quiet" { on fan.created  when fan in big  then { tag "q" } }
            """)
        #expect(workspace.run(["deploy", "other.rules", "--now", "\(Self.t0 + 1_800)"]).code == .success)
        #expect(workspace.run(["run", "--now", "\(Self.t0 + 3_600)"]).code == .success)
        #expect(workspace.run(["pause", "Quiet", "--now", "\(Self.t0 + 7_200)"]).code == .success)

        let before = try Self.bytes(workspace)
        let text = workspace.run(["rules", "--now", "\(Self.t0 + 86_400)"])
        #expect(text.code == .success, "\(text.err)")
        #expect(text.out == """
            RULE       TRIGGER          STATUS         VERSION  DEPLOYED              LAST FIRED            FIRINGS 7D
            Follow up  transaction.tip  active         1        2026-11-24T10:00:00Z  2026-11-24T10:01:00Z  1
            Quiet      fan.created      paused (user)  1        2026-11-24T12:00:00Z  never                 0

            SEGMENT  NAME          MEMBERS  EVALUATED  DEPLOYED
            big      Big spenders  0        never      2026-11-24T10:30:00Z

            """)
        // A week later the firing is out of the window, still the last one.
        let json = workspace.run(["rules", "--format", "json", "--now", "\(Self.t0 + 8 * 86_400)"])
        let parsed = try JSONParser.parse(json.out)
        let followUp = Self.array(parsed["rules"]).first
        #expect(followUp?["firings_7d"] == .int(0))
        #expect(followUp?["last_fired_at"] == .string("2026-11-24T10:01:00Z"))
        #expect(Self.array(parsed["rules"]).last?["paused_by"] == .string("user"))
        let after = try Self.bytes(workspace)
        #expect(after == before, "rules wrote to the store: \(before.map(\.count)) \(after.map(\.count))")
    }

    @Test func rulesOnAStoreWithNothingDeployed() throws {
        let workspace = try Workspace()
        let result = workspace.run(["rules", "--now", "\(Self.t0)"])
        #expect(result.code == .success)
        #expect(result.out == "no deployed rules; deploy a program with 'rulec deploy PATH'\n")
        #expect(workspace.run(["rules", "extra", "--now", "\(Self.t0)"]).code == .usageOrIO)
    }

    @Test func scheduledListsAndCancels() throws {
        let workspace = try RunCommandDelayedTests.workspace(tips: 2)
        #expect(workspace.run(["scheduled"]).out == "no scheduled actions\n")
        #expect(workspace.run(["run", "--now", "\(Self.t0 + 3_600)"]).code == .success)
        let list = workspace.run(["scheduled", "list"])
        #expect(list.code == .success, "\(list.err)")
        let lines = list.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID  DUE                   RULE       FAN"))
        #expect(lines[1].hasPrefix("1   2026-11-26T10:01:00Z  Follow up  #") && lines[1].hasSuffix("note \"follow up\""))
        let json = try JSONParser.parse(workspace.run(["scheduled", "--format", "json"]).out)
        #expect(Self.array(json).count == 2)
        #expect(Self.array(json).first?["due_at"] == .string("2026-11-26T10:01:00Z"))
        #expect(Self.array(json).first?["status"] == .string("pending"))

        let cancelled = workspace.run(["scheduled", "cancel", "1", "--now", "\(Self.t0 + 7_200)"])
        #expect(cancelled.code == .success, "\(cancelled.err)")
        #expect(cancelled.out.hasPrefix("cancelled #1: note \"follow up\" for #"))
        let again = workspace.run(["scheduled", "cancel", "1"])
        #expect(again.code == .inputErrors)
        #expect(again.err == "rulec: scheduled action #1 is not waiting any more (already cancelled)\n")
        let unknown = workspace.run(["scheduled", "cancel", "99"])
        #expect(unknown.code == .inputErrors)
        #expect(unknown.err == "rulec: no scheduled action #99\n")
        #expect(workspace.run(["scheduled", "cancel", "abc"]).code == .usageOrIO)
        #expect(workspace.run(["scheduled", "drop", "1"]).code == .usageOrIO)
        #expect(workspace.run(["scheduled"]).out.split(separator: "\n").count == 2)

        // The due run executes the other one only; the cancelled one is on record, not deleted.
        let due = workspace.run(["run", "--now", "\(Self.t0 + 2 * 86_400 + 3_600)", "--format", "json"])
        #expect(due.out.contains(#""delayed_actions":1"#), "\(due.out)")
        let store = try Store.open(path: workspace.db).creator("creator_a")
        #expect(try store.rows("SELECT status FROM automation_scheduled_actions WHERE user_id = :user ORDER BY id")
                == [[.text("cancelled")], [.text("done")]])
        #expect(try store.rows("""
            SELECT outcome, reason FROM automation_rule_actions WHERE user_id = :user AND action_type = 'note' ORDER BY id
            """) == [[.text("skipped"), .text("cancelled")], [.text("executed"), .null]])
        #expect(try store.scalar("SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'follow up'").int64 == 1)
    }
}
