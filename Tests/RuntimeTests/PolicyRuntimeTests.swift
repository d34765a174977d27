import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Store
import Syntax
import Testing

/// The policy at run time (LANGUAGE.md §11): caps count executed sends per
/// fan, a send over a cap is `skipped` with the limit as its reason while its
/// rule still fires, and a send due in quiet hours waits for their end on
/// the fan's clock.
@Suite struct PolicyRuntimeTests {
    static let t0 = EngineFixture.t0
    static let hour = EngineFixture.hour

    static func utc(_ iso: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970)
    }

    @Test func overTheCapTheLowerPriorityRuleIsSkippedAndStillFires() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (fan, _) = try fixture.addFan("mia")
        try fixture.deploy("""
            policy { limit 2 sends per fan per 1d }
            rule "Thanks" { on transaction.tip priority 10 then { send "hello" send "hello" after 1h } }
            rule "Also" { on transaction.tip then { send "hello" } }
            rule "Receipt" { on transaction.tip bypass policy then { send "hello" } }
            """)
        try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 10 * Self.hour)
        let first = try fixture.run(at: Self.t0 + 10 * Self.hour)
        // "Thanks" (priority 10) takes a slot now; "Also" the second; "Receipt" neither counts nor waits.
        #expect(try fixture.actions(rule: "Also") == ["\(fan) executed send "])
        #expect(try fixture.actions(rule: "Receipt") == ["\(fan) executed send "])
        #expect(first.policySkipped == 0)

        // An hour later the delayed send comes due: both slots of the day are taken.
        let second = try fixture.run(at: Self.t0 + 11 * Self.hour)
        #expect(try fixture.actions(rule: "Thanks") == [
            "\(fan) executed send ", "\(fan) skipped send frequency cap: 2 sends per fan per 1d",
        ])
        #expect(second.policySkipped == 1)
        #expect(second.text(dryRun: false).contains("1 send skipped by the policy's caps"))

        // A second tip the same day: the rules fire, their sends are skipped; the receipt goes out.
        let secondTip = try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 12 * Self.hour)
        let third = try fixture.run(at: Self.t0 + 12 * Self.hour)
        // `why` on that event says which send the policy held and by which limit.
        let deployed = try #require(try DeployedProgram.load(from: fixture.creator()))
        let why = try WhyReport.build(WhyReport.Question(
            rule: try #require(deployed.program.rule(named: "Also")), program: deployed.program,
            files: try #require(try ProgramText.latest(from: fixture.creator())), fanID: fan,
            event: WhyReport.EventReference(source: "fan_transactions", id: secondTip), clock: Self.t0 + 12 * Self.hour),
            store: fixture.creator())
        #expect(why.notes.contains("the policy held back action 1 (a send): frequency cap: 2 sends per fan per 1d"), "\(why.notes)")
        #expect(try fixture.outcomes(rule: "Also") == ["matched", "matched"])
        #expect(third.rules["Also"]?.fired == 1)
        #expect(try fixture.actions(rule: "Also").last == "\(fan) skipped send frequency cap: 2 sends per fan per 1d")
        #expect(try fixture.actions(rule: "Receipt").last == "\(fan) executed send ")
        #expect(third.rules["Also"]?.phrases == ["1 send skipped (frequency cap: 2 sends per fan per 1d)"])

        // A day after the first sends the window has room again.
        try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 34 * Self.hour + 1)
        _ = try fixture.run(at: Self.t0 + 34 * Self.hour + 1)
        #expect(try fixture.actions(rule: "Thanks").suffix(1) == ["\(fan) executed send "])
        // Never more than two counted sends in any day: every window ending at a send.
        let receipt = try #require(try fixture.creator().scalar("SELECT id FROM automation_rules WHERE user_id = :user AND name = 'Receipt'").int64)
        let times = try fixture.creator().rows("""
            SELECT created_at FROM fan_messages WHERE user_id = :user AND fan_id = ? AND direction = 'outbound' AND rule_id != ?
            """, [.integer(fan), .integer(receipt)]).map { $0[0].int64 ?? 0 }
        #expect(times.count == 4)
        for end in times { #expect(times.filter { $0 > end - EngineFixture.day && $0 <= end }.count <= 2) }
    }

    /// Fans in four zones tip at 23:00 on their own clocks across daylight
    /// saving changes (Los Angeles springs forward on 2026-03-08, Sydney falls
    /// back on 2026-04-05); each send waits until 08:00 on that fan's clock.
    @Test func deferredSendsRunAtTheEndOfEachFansQuietHours() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator(zone: "Europe/Berlin")
        try fixture.deploy("""
            policy {
              limit 5 sends per fan per 1d
              quiet hours 22:00 to 08:00
            }
            rule "Thanks" { on transaction.tip cooldown 1h then { send "hello" } }
            """)
        let cases: [(zone: String?, tip: String, due: String)] = [
            ("UTC", "2026-03-07T23:00:00Z", "2026-03-08T08:00:00Z"),
            ("America/Los_Angeles", "2026-03-08T07:00:00Z", "2026-03-08T15:00:00Z"),  // 23:00 PST → 08:00 PDT
            ("Asia/Tokyo", "2026-03-07T14:00:00Z", "2026-03-07T23:00:00Z"),
            ("Australia/Sydney", "2026-04-04T12:00:00Z", "2026-04-04T22:00:00Z"),  // 23:00 AEDT → 08:00 AEST
            (nil, "2026-03-07T22:30:00Z", "2026-03-08T07:00:00Z"),  // no zone: the creator's (Berlin, 23:30 CET)
        ]
        var fans: [Int64] = []
        for (index, item) in cases.enumerated() {
            let (fan, _) = try fixture.addFan("fan\(index)")
            try fixture.creator().execute("UPDATE fan_profiles SET timezone = ? WHERE user_id = :user AND id = ?",
                                          [.optional(item.zone), .integer(fan)])
            fans.append(fan)
        }
        // Tips written in time order, as a platform's sync writes them.
        for (fan, item) in zip(fans, cases).sorted(by: { Self.utc($0.1.tip) < Self.utc($1.1.tip) }) {
            try fixture.addTip(fan: fan, cents: 500, at: Self.utc(item.tip))
        }
        // Runs at each tip and at each due time, in time order.
        let clocks = Set(cases.flatMap { [Self.utc($0.tip), Self.utc($0.due)] }).sorted()
        var deferred = 0
        for clock in clocks {
            deferred += try fixture.run(at: clock).policyDeferred
        }
        #expect(deferred == cases.count)
        for (fan, item) in zip(fans, cases) {
            let sent = try fixture.creator().rows("""
                SELECT created_at FROM fan_messages WHERE user_id = :user AND fan_id = ? AND direction = 'outbound'
                """, [.integer(fan)]).map { $0[0].int64 ?? 0 }
            #expect(sent == [Self.utc(item.due)], "\(item.zone ?? "creator's zone")")
            let due = try fixture.creator().rows("""
                SELECT due_at, status FROM automation_scheduled_actions WHERE user_id = :user AND fan_id = ?
                """, [.integer(fan)]).map { "\($0[0].int64 ?? 0) \($0[1].string ?? "")" }
            #expect(due == ["\(Self.utc(item.due)) done"])
        }
        #expect(try fixture.actions(rule: "Thanks").allSatisfy { $0.hasSuffix("executed send ") })
    }

    @Test func gatedSendsMeetThePolicyWhenApproved() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (fan, _) = try fixture.addFan("mia")
        try fixture.deploy("""
            policy { limit 1 sends per fan per 1d }
            rule "Offer" { on transaction.tip priority 5 then { send "hello" requires approval } }
            rule "Hello" { on transaction.tip then { send "hello" } }
            """)
        try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + Self.hour)
        _ = try fixture.run(at: Self.t0 + Self.hour)
        #expect(try fixture.actions(rule: "Hello") == ["\(fan) executed send "])
        let item = try #require(try fixture.creator().scalar("SELECT id FROM hitl_action_queue WHERE user_id = :user").int64)
        let outcome = try ApprovalQueue(store: fixture.creator()).approve(item, by: "ava", now: Self.t0 + 2 * Self.hour)
        if case .executed(let effect) = outcome {
            #expect(effect.policy == .skipped(reason: "frequency cap: 1 sends per fan per 1d"))
        } else {
            Issue.record("expected an executed approval, got \(outcome)")
        }
        #expect(try fixture.actions(rule: "Offer") == ["\(fan) skipped send frequency cap: 1 sends per fan per 1d"])
    }
}
