import Foundation
import RulecTestSupport
import Store
import Testing
@testable import RulecCLI

/// `rulec run --all-creators --watch` as a platform runs it (RULEC.md "More
/// than one creator, more than one machine"): four processes over 200
/// creators on one PostgreSQL database while events keep arriving; one is
/// killed with SIGKILL mid-way and restarted. Every (rule, event) is run
/// exactly once and every (run, fan, action) written exactly once. The
/// runners connect as an engine role that is not the schema's owner
/// (docs/SCALE.md), so row-level security applies to everything they do.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"), .serialized)
struct AllCreatorsConcurrencyTests {
    static let creators = 200
    static let fansPerCreator = 5
    static let events = 2_000
    /// The run's clock; events fall in the six hours before it (none is stale).
    static let clock: Int64 = 1_795_219_200 // 2026-11-21T00:00:00Z
    static let program = """
        rule "Thank tippers" {
          on transaction.tip
          when event.amount >= $5
          then { tag "tipper"  note "thanks for the tip" }
        }
        rule "New tipper" { on tag.added "tipper" then { note "first tip" } }
        """

    @Test func fourProcessesShareTwoHundredCreatorsExactlyOnceThroughAKill() throws {
        let binary = try RulecBinary.require()
        let folder = try TemporaryFolder("all-creators")
        try folder.write(Self.program, to: "tips.rules")
        let postgres = try PostgresTestDatabase("all_creators")
        let url = postgres.url
        let inProcess = { (words: [String]) -> ExitCode in
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": url], standardOutput: out.stream, standardError: err.stream,
                                         workingDirectory: folder.path, clock: TestClock.clock)
            let code = Rulec.main(words, context: context)
            if code != .success { Issue.record("rulec \(words.joined(separator: " ")): \(err.text)") }
            return code
        }
        #expect(inProcess(["db", "init"]) == .success)
        let database = try Database(path: url)
        try database.execute("""
            INSERT INTO creator_profiles (user_id, display_name, timezone, currency, onboarding_state, created_at)
            SELECT 'creator_' || lpad(n::text, 3, '0'), 'Creator ' || n, 'UTC', 'USD', 'done', \(Self.clock - 86_400 * 30)
            FROM generate_series(1, \(Self.creators)) AS n;
            INSERT INTO fan_profiles (user_id, display_name, timezone, lifecycle_stage, lifetime_spend_cents, engagement_score,
                                      created_at, last_active_at)
            SELECT c.user_id, 'Fan ' || f, 'UTC', 'active', 0, 0.5, \(Self.clock - 86_400 * 20), \(Self.clock - 86_400)
            FROM creator_profiles c CROSS JOIN generate_series(1, \(Self.fansPerCreator)) AS f ORDER BY c.user_id, f;
            INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
            SELECT user_id, id, 'onlyfans', 'of_' || id, 'fan' || id, created_at FROM fan_profiles ORDER BY id;
            """)
        for n in 1...Self.creators {
            let user = String(format: "creator_%03d", n)
            #expect(inProcess(["deploy", "tips.rules", "--user", user, "--now", String(Self.clock - 7 * 3_600)]) == .success)
        }

        // The engine's role: not the owner, no BYPASSRLS, the grants docs/SCALE.md gives.
        let role = postgres.name + "_engine"
        try database.execute("CREATE ROLE \(role) LOGIN NOSUPERUSER NOBYPASSRLS")
        defer { try? database.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        try database.execute(PostgresSchema.engineGrants(role: role))
        var engineURL = try #require(URLComponents(string: url))
        engineURL.user = role
        engineURL.password = nil
        // A `user=` in the query (the CI server's socket URL has one) would win over the user part.
        engineURL.queryItems = engineURL.queryItems?.filter { $0.name != "user" }
        if engineURL.queryItems?.isEmpty == true { engineURL.queryItems = nil }
        let runnerURL = try #require(engineURL.string)

        // Events arrive while the runners work: one writer, in bursts, each row its own commit.
        let fans = try database.rows("SELECT f.user_id, f.id, a.id FROM fan_profiles f JOIN fan_platform_accounts a ON a.user_id = f.user_id AND a.fan_id = f.id ORDER BY f.id")
        let producer = Thread {
            guard let writer = try? Database(path: url) else { return }
            var random = SplitMix64(seed: 16)
            for index in 0..<Self.events {
                let fan = fans[Int(random.next() % UInt64(fans.count))]
                _ = try? writer.execute("""
                    INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
                    VALUES (?, ?, ?, 'onlyfans', 'tip', ?, ?)
                    """, [fan[0], fan[1], fan[2], .integer(500 + Int64(index % 50) * 100), .integer(Self.clock - 6 * 3_600 + Int64(index))])
                if index % 40 == 39 { Thread.sleep(forTimeInterval: 0.05) }
            }
        }
        producer.start()

        func startRunner() throws -> Process {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["run", "--all-creators", "--watch", "--interval", "1", "--batch", "20",
                                 "--now", String(Self.clock), "--db", runnerURL, "--format", "json"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        var runners = try (0..<4).map { _ in try startRunner() }
        // Kill one while events arrive and batches are being written, then start it again.
        Thread.sleep(forTimeInterval: 1.5)
        let victim = runners[0]
        #expect(victim.isRunning, "the runner died before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        runners[0] = try startRunner()

        while producer.isExecuting || !producer.isFinished { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try database.scalar("SELECT count(*) FROM fan_transactions") == .integer(Int64(Self.events)))
        // Wait until every event and every tag it raised has its run (or give up after three minutes).
        let deadline = Date().addingTimeInterval(180)
        let pending = """
            SELECT (SELECT count(*) FROM fan_transactions t WHERE NOT EXISTS (SELECT 1 FROM automation_rule_runs r
                        WHERE r.user_id = t.user_id AND r.event_source = 'fan_transactions' AND r.event_id = t.id))
                 + (SELECT count(*) FROM fan_tag_values g WHERE NOT EXISTS (SELECT 1 FROM automation_rule_runs r
                        WHERE r.user_id = g.user_id AND r.event_source = 'fan_tag_values' AND r.event_id = g.id))
            """
        while try database.scalar(pending) != .integer(0), Date() < deadline { Thread.sleep(forTimeInterval: 0.25) }
        for runner in runners { runner.terminate() }
        for runner in runners { runner.waitUntilExit() }
        for runner in runners { #expect(runner.terminationStatus == 0, "a runner failed (exit \(runner.terminationStatus))") }

        // Complete: every event and every raised tag was run.
        #expect(try database.scalar(pending) == .integer(0))
        // Exactly once: no (rule, event) run twice, no (rule, event, fan, action) written twice.
        #expect(try database.scalar("""
            SELECT count(*) FROM (SELECT user_id, rule_id, event_source, event_id FROM automation_rule_runs
                                  GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS twice
            """) == .integer(0))
        #expect(try database.scalar("""
            SELECT count(*) FROM (SELECT r.user_id, r.rule_id, r.event_source, r.event_id, a.fan_id, a.action_index
                                  FROM automation_rule_actions a JOIN automation_rule_runs r ON r.user_id = a.user_id AND r.id = a.run_id
                                  GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1) AS twice
            """) == .integer(0))
        // Every run matched its one fan and wrote each of its rule's actions once.
        #expect(try database.scalar("SELECT count(*) FROM automation_rule_runs WHERE outcome <> 'matched' OR matched_fan_count <> 1")
                == .integer(0))
        #expect(try database.scalar("""
            SELECT count(*) FROM automation_rule_runs r JOIN automation_rules u ON u.user_id = r.user_id AND u.id = r.rule_id
            WHERE (SELECT count(*) FROM automation_rule_actions a WHERE a.user_id = r.user_id AND a.run_id = r.id)
                  <> CASE u.name WHEN 'Thank tippers' THEN 2 ELSE 1 END
            """) == .integer(0))
        // Tips went to many creators, and the tag fired once per tipping fan.
        #expect(try database.scalar("SELECT count(DISTINCT user_id) FROM automation_rule_runs").int64 ?? 0 > 150)
        #expect(try database.scalar("SELECT count(*) FROM fan_tag_values") == database.scalar(
            "SELECT count(*) FROM (SELECT DISTINCT user_id, fan_id FROM fan_transactions) AS tippers"))
    }
}
