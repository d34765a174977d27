import Foundation
@testable import RulecCLI
import Store
import Testing

/// `rulec run` counts and prints the delayed actions it executes, and expires
/// those that came due more than the stale age before it (RULEC.md).
@Suite struct RunCommandDelayedTests {
    typealias Workspace = RuntimeCommandsTests.Workspace
    /// 2026-11-24T10:00:00Z.
    static let t0: Int64 = 1_795_514_400

    /// Deploys a rule that notes now and sends later, then adds `tips` tips one minute after the deploy.
    static func workspace(tips: Int) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("later.rules", """
            rule "Follow up" {
              on transaction.tip
              then {
                tag "tipped"
                note "follow up" after 2d
              }
            }
            """)
        let deployed = workspace.run(["deploy", "later.rules", "--now", "\(t0)"])
        #expect(deployed.code == .success, "\(deployed.err)")
        let store = try Store.open(path: workspace.db).creator("creator_a")
        let fans = try store.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT ?", [.int(tips)]).map { $0[0].int64! }
        for fan in fans {
            try store.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                VALUES (:user, ?, 'onlyfans', 'tip', 500, ?)
                """, [.integer(fan), .integer(t0 + 60)])
        }
        return workspace
    }

    @Test func theRunThatExecutesDelayedActionsCountsAndPrintsThem() throws {
        let workspace = try Self.workspace(tips: 2)
        let first = workspace.run(["run", "--now", "\(Self.t0 + 3_600)", "--format", "json"])
        #expect(first.code == .success, "\(first.err)")
        #expect(first.out.contains(#""actions":2,"queued_for_approval":0,"errors":0,"delayed_actions":0,"scheduled":2,"expired":0}"#),
                "\(first.out)")

        let due = workspace.run(["run", "--now", "\(Self.t0 + 2 * 86_400 + 3_600)"])
        #expect(due.code == .success, "\(due.err)")
        #expect(due.out.contains("2 actions (2 of them delayed), 0 queued for approval, 0 errors\n"), "\(due.out)")
        #expect(due.out.contains("  \"Follow up\": 2 delayed notes\n"), "\(due.out)")
        let notes = try Store.open(path: workspace.db).creator("creator_a")
            .scalar("SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'follow up'").int64
        #expect(notes == 2)
    }

    @Test func aDelayedActionMoreThanTheStaleAgeLateExpires() throws {
        let workspace = try Self.workspace(tips: 1)
        #expect(workspace.run(["run", "--now", "\(Self.t0 + 3_600)"]).code == .success)
        // Due two days after the tip; this run comes nine days after it.
        let late = workspace.run(["run", "--now", "\(Self.t0 + 9 * 86_400)"])
        #expect(late.code == .success, "\(late.err)")
        #expect(late.out == """
            0 events; 0 rule evaluations ran
            0 actions, 1 delayed action expired, 0 queued for approval, 0 errors
              "Follow up": 1 delayed note expired

            """)
        let store = try Store.open(path: workspace.db).creator("creator_a")
        #expect(try store.scalar("SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'follow up'").int64 == 0)
        #expect(try store.scalar("SELECT outcome FROM automation_rule_actions WHERE user_id = :user AND action_type = 'note'").string
                == "expired")
    }

    @Test func staleAfterAlsoGovernsDelayedActions() throws {
        let workspace = try Self.workspace(tips: 1)
        #expect(workspace.run(["run", "--now", "\(Self.t0 + 3_600)"]).code == .success)
        let late = workspace.run(["run", "--now", "\(Self.t0 + 9 * 86_400)", "--stale-after", "8d", "--format", "json"])
        #expect(late.out.contains(#""actions":1,"queued_for_approval":0,"errors":0,"delayed_actions":1,"scheduled":0,"expired":0}"#),
                "\(late.out)")
    }
}
