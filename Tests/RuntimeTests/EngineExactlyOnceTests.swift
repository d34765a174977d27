import Foundation
import Planning
import Runtime
import Store
import Syntax
import Testing
import RulecTestSupport

/// Exactly once, end to end: the real `rulec run` over a seeded store with
/// many new events, SIGKILLed at seeded random moments and restarted, ends
/// with exactly what one uninterrupted run writes; so do two `rulec run`s on
/// one file at once.
@Suite(.serialized) struct EngineExactlyOnceTests {
    static let user = "creator_1"
    static let deployedAt = SeedOptions.defaultNow
    /// Events span the ten hours after deploy; the clock is two hours later.
    static let clock = deployedAt + 12 * 3_600

    static let program = """
        rule "Thank big tippers" {
          on transaction.tip
          when event.amount >= $20
          cooldown 1d
          then { send "tip_thanks" with { amount: event.amount }  tag "big_tipper" }
        }
        rule "New big tipper" { on tag.added "big_tipper" then { note "became a big tipper" } }
        rule "PPV follow-up" {
          on transaction.ppv
          limit 2 per fan per 7d
          then { send "ppv_followup" with { content_title: "the new set" } after 1h }
        }
        rule "Reply to VIPs" {
          on message.received
          when fan.lifetime_spend >= $100
          priority 5
          then { send "vip_dm_reply" with { reply: "xo" } requires approval }
        }
        rule "Unhappy" { on message.received when event.sentiment < -0.3 then { tag "unhappy" } }
        rule "Unhappy and spending" { on tag.added "unhappy" when fan.lifetime_spend > $50 then { note "check in" } }
        rule "Whale check" { on schedule every 2h when fan.lifetime_spend > $1000 cooldown 1d then { note "whale" } }
        # Caps and quiet hours (LANGUAGE.md §11): skipped and deferred sends must survive kill -9 too.
        policy { limit 2 sends per fan per 1d quiet hours 01:00 to 06:00 }
        """

    @Test func sigkillAndRestartEndsExactlyLikeOneUninterruptedRun() throws {
        let fixture = try Self.seededStore()
        let reference = try fixture.copy(named: "reference.sqlite")
        let started = Date()
        try Self.runToCompletion(reference)
        let referenceSeconds = Date().timeIntervalSince(started)

        let interrupted = try fixture.copy(named: "interrupted.sqlite")
        var random = SplitMix64(seed: 2_026)
        var kills = 0
        // Kill at seeded random moments until five runs died mid-way (each one
        // leaves less work, so the moments shrink with the reference's time).
        var attempts = 0
        while kills < 5 && attempts < 40 {
            attempts += 1
            let process = try Self.startRun(interrupted)
            // Early moments: each restart has less left to do, and a run that ends
            // before its kill proves nothing. Some kills land before the first
            // commit, most between batches or inside one.
            Thread.sleep(forTimeInterval: referenceSeconds * (0.01 + 0.15 * random.unit()))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        try Self.runToCompletion(interrupted)
        #expect(kills >= 3, "too few runs were killed mid-way; the reference run took \(referenceSeconds)s")

        let expected = try Self.outcome(of: reference)
        let actual = try Self.outcome(of: interrupted)
        // The reference did real work of every kind, so the comparison means something.
        for table in ["runs", "actions", "firings", "messages", "notes", "approvals", "delayed"] {
            #expect(expected[table]?.isEmpty == false, "the reference run wrote no \(table)")
        }
        #expect(expected["actions"]?.contains { $0.contains("frequency cap: 2 sends per fan per 1d") } == true,
                "the policy skipped no send in the reference run")
        // Sends deferred by quiet hours were in flight: "Thank big tippers" has no
        // `after`, so each of its delayed-action rows is a deferral.
        let deferred = try Database(path: reference).rows("""
            SELECT count(*) FROM automation_scheduled_actions s JOIN automation_rules r ON r.id = s.rule_id
            WHERE r.name = 'Thank big tippers'
            """).first?.first?.int64 ?? 0
        #expect(deferred > 0, "the policy deferred no send in the reference run")
        for table in expected.keys.sorted() {
            #expect(Self.difference(actual[table] ?? [], expected[table] ?? []) == "", "\(table) after \(kills) kills")
        }
        try Self.expectNoDuplicates(interrupted)
    }

    @Test func twoRunsOnOneFileAtOnceDoubleNothing() throws {
        let fixture = try Self.seededStore()
        let reference = try fixture.copy(named: "reference.sqlite")
        try Self.runToCompletion(reference)

        let shared = try fixture.copy(named: "shared.sqlite")
        let errorPipe = Pipe()
        let first = try Self.startRun(shared, errors: errorPipe.fileHandleForWriting)
        let second = try Self.startRun(shared, errors: errorPipe.fileHandleForWriting)
        first.waitUntilExit()
        second.waitUntilExit()
        try errorPipe.fileHandleForWriting.close()
        let messages = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // A run that waits past the busy timeout gives up with exit 2 and says the store is locked
        // (RULEC.md); on a loaded machine that happens, and it is no failure of exactly-once: the
        // run to completion below finishes what it left.
        let gaveUpLocked = messages.contains("is locked by another process")
        #expect([first.terminationStatus, second.terminationStatus].allSatisfy { $0 == 0 || $0 == 1 || ($0 == 2 && gaveUpLocked) },
                "\(messages)")
        try Self.runToCompletion(shared)
        let expected = try Self.outcome(of: reference), actual = try Self.outcome(of: shared)
        for table in expected.keys.sorted() {
            #expect(Self.difference(actual[table] ?? [], expected[table] ?? []) == "", "\(table) with two runs at once")
        }
        try Self.expectNoDuplicates(shared)
    }

    // MARK: The store

    /// 150 seeded fans, the program deployed, then 3,000 new events of every
    /// event kind (tips, PPV, messages, subscriptions, tags) after the deploy.
    static func seededStore() throws -> Workspace {
        let workspace = try Workspace()
        let store = try EngineStore.open(path: workspace.path("seed.sqlite"))
        _ = try Seeder.run(SeedOptions(fans: 150, seed: 11, userID: user, now: deployedAt), into: store)
        let creator = store.creator(user)
        _ = try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "exactly-once.rules", text: program)],
                                to: creator, now: deployedAt)
        let accounts = try creator.rows("SELECT fan_id, id, platform FROM fan_platform_accounts WHERE user_id = :user ORDER BY id")
        var random = SplitMix64(seed: 99)
        try creator.transaction {
            for i in 0..<3_000 {
                let account = accounts[Int(random.next() % UInt64(accounts.count))]
                let bindings: [SQLValue] = [account[0], account[1], account[2]]
                let time = deployedAt + 60 + Int64(i) * 12
                switch random.next() % 6 {
                case 0, 1:
                    let kind = random.next() % 3 == 0 ? "ppv" : "tip"
                    try creator.execute("""
                        INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
                        VALUES (:user, ?, ?, ?, ?, ?, ?)
                        """, bindings + [.text(kind), .integer(Int64(random.next() % 6_000) + 100), .integer(time)])
                case 2, 3:
                    let sentiment = Double(Int64(random.next() % 200) - 100) / 100
                    try creator.execute("""
                        INSERT INTO fan_messages (user_id, fan_id, account_id, platform, direction, body, sentiment, status, sent_at, created_at)
                        VALUES (:user, ?, ?, ?, 'inbound', 'hey there', ?, 'received', ?, ?)
                        """, bindings + [.real(sentiment), .integer(time), .integer(time)])
                case 4:
                    try creator.execute("""
                        INSERT INTO fan_subscription_events (user_id, fan_id, account_id, platform, event_type, tier, price_cents, occurred_at)
                        VALUES (:user, ?, ?, ?, 'started', 'standard', 999, ?)
                        """, bindings + [.integer(time)])
                default:
                    try creator.execute("""
                        INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)
                        ON CONFLICT (user_id, fan_id, tag) DO NOTHING
                        """, [account[0], .text(random.next() % 2 == 0 ? "unhappy" : "big_tipper"), .integer(time)])
                }
            }
        }
        return workspace
    }

    // MARK: Running rulec

    static func rulecBinary() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/rulec")
        if !FileManager.default.isExecutableFile(atPath: binary.path) {
            let build = Process()
            build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            build.arguments = ["swift", "build", "--product", "rulec"]
            build.currentDirectoryURL = root
            try build.run()
            build.waitUntilExit()
        }
        return binary
    }

    static func startRun(_ database: String, errors: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try rulecBinary()
        process.arguments = ["run", "--once", "--batch", "10", "--now", String(clock), "--db", database,
                             "--user", user, "--format", "json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to the end, then once more: a restart after the last batch
    /// committed runs the delayed actions that came due in it, which an
    /// uninterrupted run leaves for its next pass; a second pass evens that out.
    static func runToCompletion(_ database: String) throws {
        for _ in 0..<2 {
            let process = try startRun(database)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 || process.terminationStatus == 1)
        }
    }

    // MARK: Comparing

    /// What the engine wrote, table by table, without ids or wall-clock times:
    /// sorted rows of every engine and effect table.
    static func outcome(of database: String) throws -> [String: [String]] {
        let db = try Database(path: database)
        let queries = [
            "runs": """
                SELECT r.rule_id, r.rule_version, r.event_source, r.event_id, r.triggered_at, r.matched_fan_count, r.outcome, r.error
                FROM automation_rule_runs r
                """,
            "actions": """
                SELECT r.event_source, r.event_id, a.rule_id, a.fan_id, a.action_index, a.action_type, a.params_json, a.outcome, a.reason, a.executed_at
                FROM automation_rule_actions a JOIN automation_rule_runs r ON r.id = a.run_id
                """,
            "firings": "SELECT rule_id, fan_id, fired_at FROM automation_rule_firings",
            "messages": "SELECT fan_id, account_id, platform, body, template_id, rule_id, status, created_at, memories_json FROM fan_messages WHERE direction = 'outbound' AND rule_id IS NOT NULL",
            "tags": "SELECT fan_id, tag, source, rule_id, created_at FROM fan_tag_values",
            "notes": "SELECT fan_id, body, rule_id, created_at FROM fan_notes WHERE rule_id IS NOT NULL",
            "approvals": "SELECT rule_id, fan_id, action_index, action_type, params_json, preview, status, expires_at FROM hitl_action_queue",
            "delayed": "SELECT rule_id, fan_id, action_index, action_type, params_json, due_at, status FROM automation_scheduled_actions",
            "cursors": "SELECT user_id, source, last_id FROM automation_cursors",
            "schedules": "SELECT rule_id, last_slot_at FROM automation_schedule_state",
        ]
        var result: [String: [String]] = [:]
        for (name, sql) in queries {
            result[name] = try db.rows(sql).map { $0.map(\.description).joined(separator: "|") }.sorted()
        }
        return result
    }

    /// The rows only one side has (sorted multisets), the first few of each, or "" when equal.
    static func difference(_ actual: [String], _ expected: [String]) -> String {
        var counts: [String: Int] = [:]
        for row in actual { counts[row, default: 0] += 1 }
        for row in expected { counts[row, default: 0] -= 1 }
        let extra = counts.filter { $0.value > 0 }.keys.sorted(), missing = counts.filter { $0.value < 0 }.keys.sorted()
        if extra.isEmpty && missing.isEmpty { return "" }
        return "\(extra.count) extra, e.g. \(extra.prefix(3)); \(missing.count) missing, e.g. \(missing.prefix(3))"
    }

    /// No rule ran twice for one event, and no action was written twice for one firing.
    static func expectNoDuplicates(_ database: String) throws {
        let db = try Database(path: database)
        let doubleRuns = try db.scalar("""
            SELECT count(*) FROM (SELECT 1 FROM automation_rule_runs WHERE event_id IS NOT NULL
                                  GROUP BY rule_id, event_source, event_id HAVING count(*) > 1)
            """)
        let doubleActions = try db.scalar("""
            SELECT count(*) FROM (SELECT 1 FROM automation_rule_actions a JOIN automation_rule_runs r ON r.id = a.run_id
                                  WHERE r.event_id IS NOT NULL
                                  GROUP BY a.rule_id, r.event_source, r.event_id, a.fan_id, a.action_index HAVING count(*) > 1)
            """)
        #expect(doubleRuns == .integer(0))
        #expect(doubleActions == .integer(0))
    }
}

/// A temporary folder holding the seeded store and its copies.
final class Workspace {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder("once") }

    func path(_ name: String) -> String { folder.path(name) }

    /// A consistent copy of the seeded store (`VACUUM INTO` keeps rowids and sequences).
    func copy(named name: String) throws -> String {
        let source = try Database(path: path("seed.sqlite"))
        try source.execute("VACUUM INTO '\(path(name))'")
        // The copy comes out in rollback-journal mode; opening it once switches it
        // to WAL, as every store rulec creates is (switching takes an exclusive
        // lock that two processes starting at once would race for).
        _ = try Database(path: path(name))
        return path(name)
    }
}

/// A small seeded generator (SplitMix64), so kill points and events repeat.
