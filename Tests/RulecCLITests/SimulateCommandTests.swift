import Foundation
import RulecTestSupport
import Testing
@testable import RulecCLI
import Store

/// `rulec simulate` where a user meets it (RULEC.md "Testing and backtesting"):
/// two fans tip after the deployed program went live; the backtest of a new
/// program over that window says what it would have done, each tip judged over
/// the rows of its moment, and `--compare` says how that differs.
@Suite struct SimulateCommandTests {
    static let from: Int64 = 1_795_478_400 // 2026-11-24T00:00:00Z
    static let hour: Int64 = 3_600

    static let deployed = """
        rule "Thank tippers" {
          on transaction.tip
          when event.amount >= $20
          cooldown 1d
          then { send "tip_thanks" with { amount: event.amount } tag "tipper" }
        }
        """

    static let candidate = """
        rule "Thank tippers" {
          on transaction.tip
          when event.amount >= $10
          cooldown 1d
          then { send "tip_thanks" with { amount: event.amount } }
        }

        rule "Two tips this week" {
          on transaction.tip
          when count(fan.transactions within 7d where kind == "tip") >= 2
          then { note "tipped twice this week" }
        }
        """

    final class World {
        let workspace: RuntimeCommandsTests.Workspace
        var a: Int64 = 0, b: Int64 = 0

        init() throws {
            workspace = try RuntimeCommandsTests.Workspace()
            try workspace.write("deployed.rules", SimulateCommandTests.deployed)
            try workspace.write("candidate.rules", SimulateCommandTests.candidate)
            let deploy = workspace.run(["deploy", "deployed.rules", "--now", "2026-11-24T00:00:00Z"])
            #expect(deploy.code == .success, "\(deploy.err)")
            let store = try Store.open(path: workspace.db).creator("creator_a")
            a = try fan("Ada", store)
            b = try fan("Bo", store)
            // A tips $25 then $15 an hour later; B tips $12; A tips again after the window.
            try tip(a, 2_500, at: from + hour, store)
            try tip(a, 1_500, at: from + 2 * hour, store)
            try tip(b, 1_200, at: from + 3 * hour, store)
            try tip(a, 3_000, at: from + 25 * hour, store)
        }

        private func fan(_ name: String, _ store: CreatorStore) throws -> Int64 {
            let created = SimulateCommandTests.from - 30 * 86_400
            let fan = try store.insert("INSERT INTO fan_profiles (user_id, display_name, created_at) VALUES (:user, ?, ?)",
                                       [.text(name), .integer(created)])
            try store.execute("""
                INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
                VALUES (:user, ?, 'onlyfans', ?, ?, ?)
                """, [.integer(fan), .text("sim-\(fan)"), .text(name.lowercased()), .integer(created)])
            return fan
        }

        private func tip(_ fan: Int64, _ cents: Int64, at time: Int64, _ store: CreatorStore) throws {
            try store.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                VALUES (:user, ?, 'onlyfans', 'tip', ?, ?)
                """, [.integer(fan), .integer(cents), .integer(time)])
        }

        func simulate(_ words: [String]) -> (code: ExitCode, out: String, err: String) {
            workspace.run(["simulate"] + words + ["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z", "--now", "2026-11-26T00:00:00Z"])
        }
    }

    @Test func aBacktestJudgesEachEventOverTheRowsOfItsMoment() throws {
        let world = try World()
        let before = try Data(contentsOf: URL(fileURLWithPath: world.workspace.db))
        let result = world.simulate(["candidate.rules", "--fans", "--format", "json"])
        #expect(result.code == .success, "\(result.err)")
        let a = world.a, b = world.b
        // Thank tippers: A at 1h, A at 2h held back by the cooldown, B at 3h. Two tips: only A's
        // second tip (a count that saw A's later tips would have fired at 1h as well).
        #expect(result.out == """
            {"from":"2026-11-24T00:00:00Z","to":"2026-11-25T00:00:00Z","events":3,"rules":[\
            {"rule":"Thank tippers","fired":2,"fans":2,"held_back":1,"actions":{"send":2,"tag":0,"untag":0,"note":0},\
            "queued_for_approval":0,"held_by_policy":0,"fan_ids":[\(a),\(b)]},\
            {"rule":"Two tips this week","fired":1,"fans":1,"held_back":0,"actions":{"send":0,"tag":0,"untag":0,"note":1},\
            "queued_for_approval":0,"held_by_policy":0,"fan_ids":[\(a)]}],"caveats":[]}

            """)
        let after = try Data(contentsOf: URL(fileURLWithPath: world.workspace.db))
        #expect(before == after, "simulate writes nothing to the store")
        // Nothing ran for real: the store has no runs.
        let store = try Store.openExisting(path: world.workspace.db, readOnly: true).creator("creator_a")
        #expect(try store.scalar("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user") == .integer(0))
    }

    /// A program with a policy: `held_by_policy` counts the sends a cap held,
    /// and the text says which limit held how many, per rule.
    @Test func theBacktestSaysWhichSendsThePolicyHeld() throws {
        let world = try World()
        try world.workspace.write("capped.rules", """
            policy { limit 1 sends per fan per 1d }
            rule "Also thank" { on transaction.tip then { send "tip_thanks" with { amount: event.amount } } }
            rule "Thank tippers" { on transaction.tip then { send "tip_thanks" with { amount: event.amount } } }
            """)
        // Per tip, "Also thank" runs first (same priority, then by name) and takes the day's slot.
        // A at 1h: Also sends, Thank is held; A at 2h: both held; B at 3h: Also sends, Thank is held.
        let json = world.simulate(["capped.rules", "--format", "json"])
        #expect(json.code == .success, "\(json.err)")
        #expect(json.out.contains(#"{"rule":"Also thank","fired":3,"fans":2,"held_back":0,"actions":{"send":2,"tag":0,"untag":0,"note":0},"queued_for_approval":0,"held_by_policy":1}"#), "\(json.out)")
        #expect(json.out.contains(#"{"rule":"Thank tippers","fired":3,"fans":2,"held_back":0,"actions":{"send":0,"tag":0,"untag":0,"note":0},"queued_for_approval":0,"held_by_policy":3}"#), "\(json.out)")
        let text = world.simulate(["capped.rules"])
        #expect(text.code == .success, "\(text.err)")
        #expect(text.out.contains("held by policy"), "\(text.out)")
        #expect(text.out.contains("Held by the policy:\n- Also thank: 1 skipped by frequency cap: 1 sends per fan per 1d\n"
                                  + "- Thank tippers: 3 skipped by frequency cap: 1 sends per fan per 1d\n"), "\(text.out)")
    }

    @Test func theDeployedProgramIsTheDefaultAndCompareShowsTheDifference() throws {
        let world = try World()
        let deployed = world.simulate([])
        #expect(deployed.code == .success, "\(deployed.err)")
        #expect(deployed.out.contains("Backtest from 2026-11-24T00:00:00Z to 2026-11-25T00:00:00Z: 3 events replayed"))
        #expect(deployed.out.contains("rule           fired  fans  sends  queued for approval  held back\nThank tippers  1      1     1      0                    0\n"))

        let compared = world.simulate(["candidate.rules", "--compare", "--format", "json"])
        #expect(compared.code == .success, "\(compared.err)")
        #expect(compared.out.contains("""
            "compare":[{"rule":"Thank tippers","in":"both","both":1,"only_deployed":0,"only_new":1,\
            "examples":{"only_deployed":[],"only_new":[\(world.b)]}},\
            {"rule":"Two tips this week","in":"new","both":0,"only_deployed":0,"only_new":1,\
            "examples":{"only_deployed":[],"only_new":[\(world.a)]}}]
            """))
        let text = world.simulate(["candidate.rules", "--compare"])
        #expect(text.out.contains("Two tips this week (new)"))
        #expect(text.out.contains("+\(world.b)"))
    }

    /// As a user who may not write the store or its folder (nobody, when the tests run as root).
    @Test func aBacktestWorksOnAStoreNobodyMayWrite() throws {
        let world = try World()
        try ReadOnlyFolder.lock(world.workspace.folder)
        defer { ReadOnlyFolder.unlock(world.workspace.folder) }
        let result = try ReadOnlyFolder.runBinary(["simulate", "candidate.rules", "--db", "crm.sqlite", "--user", "creator_a",
                                                   "--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z",
                                                   "--now", "2026-11-26T00:00:00Z"], in: world.workspace.folder)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("Two tips this week  1      1     0      0                    0"), "\(result.out)")
    }

    @Test func usageErrors() throws {
        let world = try World()
        #expect(world.workspace.run(["simulate"]).code == .usageOrIO)
        let backwards = world.workspace.run(["simulate", "--from", "2026-11-25", "--to", "2026-11-24", "--now", "2026-11-26"])
        #expect(backwards.code == .usageOrIO)
        #expect(backwards.err.contains("window is empty"))
        #expect(world.simulate(["--compare"]).code == .usageOrIO)
        try world.workspace.write("bad.rules", "rule \"Bad\" { on transaction.tipp then { tag \"x\" } }")
        #expect(world.simulate(["bad.rules"]).code == .inputErrors)
    }
}

/// `rulec deploy --dry-run --simulate --from T`: the plan, then the backtest of what changes.
@Suite struct DeploySimulateTests {
    @Test func aDryRunDeployShowsThePlanAndTheBacktestOfWhatChanges() throws {
        let world = try SimulateCommandTests.World()
        let result = world.workspace.run(["deploy", "candidate.rules", "--dry-run", "--simulate", "--from", "2026-11-24T00:00:00Z",
                                          "--to", "2026-11-25T00:00:00Z", "--now", "2026-11-26T00:00:00Z"])
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out.contains("Backtest from 2026-11-24T00:00:00Z to 2026-11-25T00:00:00Z: 3 events replayed"), "\(result.out)")
        #expect(result.out.contains("Thank tippers       2      2     2      0                    1"), "\(result.out)")
        #expect(result.out.contains("Two tips this week (new)  0     0              1         +\(world.a)"), "\(result.out)")
        let store = try Store.openExisting(path: world.workspace.db, readOnly: true).creator("creator_a")
        #expect(try store.scalar("SELECT count(*) FROM automation_rules WHERE user_id = :user") == .integer(1), "a dry run deploys nothing")

        #expect(world.workspace.run(["deploy", "candidate.rules", "--simulate", "--from", "2026-11-24"]).code == .usageOrIO)
        #expect(world.workspace.run(["deploy", "candidate.rules", "--dry-run", "--simulate"]).code == .usageOrIO)
        #expect(world.workspace.run(["deploy", "candidate.rules", "--dry-run", "--from", "2026-11-24"]).code == .usageOrIO)
    }
}
