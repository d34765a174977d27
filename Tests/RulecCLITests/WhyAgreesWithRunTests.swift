import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Runtime
import Store

/// `why` must never claim what `run` would not do: on a seeded creator and a
/// simulated day of events, the verdict for every (rule, event) and every
/// (schedule rule, fan) is compared with what `rulec run` recorded, fired or
/// not. Asked after the fact, as a user asks "why did this (not) fire?".
@Suite(.serialized) struct WhyAgreesWithRunTests {
    static let rules = """
        let big = $20
        rule "Big tip" {
          on transaction.tip
          when event.amount >= big and not exists(fan.transactions within 2d where kind == "ppv" and amount >= $40)
          cooldown 2h
          then { note "big" }
        }
        rule "Capped tips" {
          on transaction.tip
          limit 1 per fan per 1d
          then { note "cap" }
        }
        rule "Regular buyer" {
          on transaction
          when event.amount >= $5 and count(fan.transactions within 30d) >= 3
          cooldown 1d
          then { note "regular" }
        }
        rule "Said hi" {
          on message.received
          when event.sentiment > 0
          limit 1 per fan
          then { note "hi" }
        }
        rule "Paused tips" {
          on transaction.tip
          then { note "never" }
        }
        rule "Morning spenders" {
          on schedule daily at 09:00
          when fan.lifetime_spend >= $100 and count(fan.transactions within 7d) >= 1
          then { note "morning" }
        }
        """

    @Test func everyVerdictIsWhatRunDid() throws {
        let folder = try TemporaryFolder("why-agrees")
        try folder.write(Self.rules, to: "agree.rules")
        let path = folder.path("crm.sqlite")
        let start = SeedOptions.defaultNow
        let end = start + 86_400 + 3 * 3_600
        try Seeder.run(SeedOptions(fans: 400, userID: "creator_a"), into: try Store.open(path: path))
        func cli(_ words: [String]) -> (code: ExitCode, err: String) {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": path, "RULEC_USER": "creator_a"], standardOutput: out.stream,
                                         standardError: err.stream, workingDirectory: folder.path, clock: TestClock.clock)
            return (Rulec.main(words, context: context), err.text)
        }
        let at = ["--now", String(start)]
        #expect(cli(["deploy", "agree.rules"] + at).code == .success)
        #expect(cli(["pause", "Paused tips"] + at).code == .success)
        let store = try ProgramSource.openStore(at: path, user: "creator_a")
        let firstNew = try (store.scalar("SELECT max(id) FROM fan_transactions WHERE user_id = :user").int64 ?? 0,
                            store.scalar("SELECT max(id) FROM fan_messages WHERE user_id = :user").int64 ?? 0)
        var day = DaySimulator(store: store, start: start, seed: 11)
        _ = try day.run()
        // Repeat tippers, so cooldowns and limits have something to hold back: a
        // second tip an hour after each of the day's first 20 late tips.
        for row in try store.rows("""
            SELECT fan_id, occurred_at FROM fan_transactions WHERE user_id = :user AND id > ? AND kind = 'tip' AND occurred_at > ?
            ORDER BY id LIMIT 20
            """, [.integer(firstNew.0), .integer(start + 6 * 3_600)]) {
            try store.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                VALUES (:user, ?, 'onlyfans', 'tip', 2500, ?)
                """, [row[0], .integer(row[1].int64! + 3_600)])
        }
        // One run three hours after the day: the events of its first three hours are stale by then.
        let ran = cli(["run", "--now", String(end)])
        #expect(ran.code == .success, "\(ran.err)")

        let files = try #require(try ProgramText.latest(from: store))
        let program = try #require(try DeployedProgram.load(from: store)).program
        var compared = 0, fired = 0, verdicts: Set<String> = []
        let events = try store.rows("SELECT 'fan_transactions', id, fan_id FROM fan_transactions WHERE user_id = :user AND id > ?",
                                    [.integer(firstNew.0)])
            + store.rows("SELECT 'fan_messages', id, fan_id FROM fan_messages WHERE user_id = :user AND id > ? AND direction = 'inbound'",
                         [.integer(firstNew.1)])
        for row in events {
            let reference = WhyReport.EventReference(source: row[0].string!, id: row[1].int64!)
            let fan = row[2].int64!
            for rule in program.rules {
                guard case .event(let spec, _) = rule.trigger, spec.sourceTable == reference.source else { continue }
                let clock = end
                let report = try WhyReport.build(WhyReport.Question(rule: rule, program: program, files: files, fanID: fan,
                                                                    event: reference, clock: clock), store: store)
                let didFire = try store.scalar("""
                    SELECT count(*) FROM automation_rule_firings f JOIN automation_rule_runs r ON r.id = f.run_id
                    JOIN automation_rules a ON a.id = f.rule_id
                    WHERE f.user_id = :user AND a.name = ? AND f.fan_id = ? AND r.event_source = ? AND r.event_id = ?
                    """, [.text(rule.name), .integer(fan), .text(reference.source), .integer(reference.id)]).int64! > 0
                let runs = try store.rows("SELECT r.outcome, r.triggered_at FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id WHERE r.user_id = :user AND a.name = ? AND r.event_source = ? AND r.event_id = ?", [.text(rule.name), .text(reference.source), .integer(reference.id)])
                #expect(report.verdict.fires == didFire, "\(rule.name) \(reference): why says \(report.verdict.code), run \(didFire ? "fired" : "did not fire") \(runs)")
                compared += 1
                if didFire { fired += 1 }
                verdicts.insert(report.verdict.code)
            }
        }
        // The schedule rule's slot of the day, for every fan.
        let schedule = try #require(program.rule(named: "Morning spenders"))
        let slotRun = try #require(try store.rows("""
            SELECT r.id, r.triggered_at FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id
            WHERE r.user_id = :user AND a.name = 'Morning spenders' ORDER BY r.id DESC LIMIT 1
            """).first)
        for fan in try store.rows("SELECT id FROM fan_profiles WHERE user_id = :user").map({ $0[0].int64! }) {
            let report = try WhyReport.build(WhyReport.Question(rule: schedule, program: program, files: files, fanID: fan,
                                                                slot: slotRun[1].int64!, clock: end), store: store)
            let didFire = try store.scalar("SELECT count(*) FROM automation_rule_firings WHERE user_id = :user AND run_id = ? AND fan_id = ?",
                                           [slotRun[0], .integer(fan)]).int64! > 0
            #expect(report.verdict.fires == didFire, "Morning spenders fan \(fan): why says \(report.verdict.code)")
            compared += 1
            if didFire { fired += 1 }
            verdicts.insert(report.verdict.code)
        }
        // The slot before, at deploy: the schedule started there without firing, and why says so.
        let deploySlot = slotRun[1].int64! - 86_400
        #expect(try store.scalar("SELECT count(*) FROM automation_rule_firings f JOIN automation_rule_runs r ON r.id = f.run_id WHERE f.user_id = :user AND r.triggered_at = ? AND r.event_source IS NULL",
                                 [.integer(deploySlot)]).int64 == 0)
        let missed = try WhyReport.build(WhyReport.Question(rule: schedule, program: program, files: files, fanID: events[0][2].int64!,
                                                            slot: deploySlot, clock: end), store: store)
        #expect(missed.verdict.code == "slot_skipped", "\(missed.verdict)")
        // The comparison is only worth something if it met every kind of answer.
        #expect(compared > 300 && fired > 20, "compared \(compared), fired \(fired)")
        let skipped = try store.scalar("SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND outcome = 'skipped'").int64!
        #expect(skipped > 0, "run held nobody back")
        #expect(verdicts.isSuperset(of: ["fires", "does_not_match", "held_back", "paused", "not_triggered", "stale"]), "\(verdicts)")
    }
}
