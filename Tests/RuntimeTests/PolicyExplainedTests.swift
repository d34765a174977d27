import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Store
import Syntax
import Testing

/// `why` and `simulate` say which sends the policy holds and by which limit
/// (LANGUAGE.md §11; issue 15). `why` on an event `run` has not handled yet
/// predicts with `PolicyGate.decide`, the call `run` makes; each prediction is
/// then checked against what `run` does with the same event.
@Suite struct PolicyExplainedTests {
    static let t0 = EngineFixture.t0
    static let hour = EngineFixture.hour

    static func why(_ fixture: EngineFixture, rule: String, fan: Int64, tip: Int64, clock: Int64) throws -> WhyReport {
        let deployed = try #require(try DeployedProgram.load(from: fixture.creator()))
        return try WhyReport.build(WhyReport.Question(
            rule: try #require(deployed.program.rule(named: rule)), program: deployed.program,
            files: try #require(try ProgramText.latest(from: fixture.creator())), fanID: fan,
            event: WhyReport.EventReference(source: "fan_transactions", id: tip), clock: clock),
            store: fixture.creator())
    }

    @Test func whyPredictsTheCapThatHoldsASendAndRunAgrees() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (fan, _) = try fixture.addFan("mia")
        try fixture.deploy("""
            policy { limit 2 sends per fan per 1d }
            rule "Thanks" { on transaction.tip then { send "hello" send "hello" tag "thanked" } }
            rule "Receipt" { on transaction.tip bypass policy then { send "hello" } }
            """)
        let first = try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 10 * Self.hour)
        // Before the run: the rule's first send takes a slot, the second the last one.
        let before = try Self.why(fixture, rule: "Thanks", fan: fan, tip: first, clock: Self.t0 + 10 * Self.hour)
        #expect(before.verdict == .fires)
        #expect(before.policy.map(\.decision) == ["executes", "executes"])
        #expect(before.policy.map(\.action) == [1, 2])
        let receipt = try Self.why(fixture, rule: "Receipt", fan: fan, tip: first, clock: Self.t0 + 10 * Self.hour)
        #expect(receipt.policy.map(\.decision) == ["bypasses"])
        _ = try fixture.run(at: Self.t0 + 10 * Self.hour)
        #expect(try fixture.actions(rule: "Thanks").filter { $0.contains("send") } == ["\(fan) executed send ", "\(fan) executed send "])

        // A second tip an hour later, not run yet: both sends are over the cap.
        let second = try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 11 * Self.hour)
        let predicted = try Self.why(fixture, rule: "Thanks", fan: fan, tip: second, clock: Self.t0 + 11 * Self.hour)
        #expect(predicted.verdict == .fires)
        #expect(predicted.policy.map(\.decision) == ["skipped", "skipped"])
        #expect(predicted.policy.first?.reason == "frequency cap: 2 sends per fan per 1d")
        #expect(predicted.text.contains("policy, action 1 (send \"hello\"): held back (frequency cap: 2 sends per fan per 1d)"), "\(predicted.text)")
        let json = predicted.json.serialized()
        #expect(json.contains(#""policy":[{"action":1,"template":"hello","at":"2026-03-01T11:00:00Z","decision":"skipped","until":null,"reason":"frequency cap: 2 sends per fan per 1d"}"#), "\(json)")

        // What run does with it: the prediction.
        _ = try fixture.run(at: Self.t0 + 11 * Self.hour)
        let done = try fixture.actions(rule: "Thanks")
        #expect(done.suffix(3) == [
            "\(fan) skipped send frequency cap: 2 sends per fan per 1d", "\(fan) skipped send frequency cap: 2 sends per fan per 1d",
            "\(fan) executed tag already tagged",
        ], "\(done)")
        // Asked again after the run: no prediction, the notes say what happened.
        let after = try Self.why(fixture, rule: "Thanks", fan: fan, tip: second, clock: Self.t0 + 11 * Self.hour)
        #expect(after.policy.isEmpty)
        #expect(after.notes.contains("the policy held back action 2 (a send): frequency cap: 2 sends per fan per 1d"), "\(after.notes)")
    }

    @Test func whyPredictsAQuietHoursDeferralUntilTheEndOnTheFansClock() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator(zone: "UTC")
        let (fan, _) = try fixture.addFan("kai")
        try fixture.creator().execute("UPDATE fan_profiles SET timezone = 'Asia/Tokyo' WHERE user_id = :user AND id = ?", [.integer(fan)])
        try fixture.deploy("""
            policy {
              limit 3 sends per fan per 1d
              quiet hours 22:00 to 08:00
            }
            rule "Thanks" { on transaction.tip then { send "hello" } }
            """)
        // 2026-03-01T14:00Z is 23:00 in Tokyo; quiet hours end at 08:00 there, 23:00Z.
        let tip = try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + 14 * Self.hour)
        let predicted = try Self.why(fixture, rule: "Thanks", fan: fan, tip: tip, clock: Self.t0 + 14 * Self.hour)
        let check = try #require(predicted.policy.first)
        #expect(check.decision == "deferred")
        #expect(check.until == Self.t0 + 23 * Self.hour)
        #expect(check.reason == "inside quiet hours 22:00 to 08:00 on the fan's clock: it waits until 2026-03-01T23:00:00Z, when the caps are checked")

        let report = try fixture.run(at: Self.t0 + 14 * Self.hour)
        #expect(report.policyDeferred == 1)
        let due = try fixture.creator().scalar("SELECT due_at FROM automation_scheduled_actions WHERE user_id = :user AND fan_id = ?",
                                               [.integer(fan)]).int64
        #expect(due == check.until)
        let handled = try Self.why(fixture, rule: "Thanks", fan: fan, tip: tip, clock: Self.t0 + 14 * Self.hour)
        #expect(handled.notes.contains("the policy deferred action 1 (a send) to the end of quiet hours on the fan's clock: it waits until 2026-03-01T23:00:00Z"),
                "\(handled.notes)")
    }

    /// `simulate`'s `held_by_policy` counts the sends a cap skipped and those
    /// quiet hours deferred, per rule, with the limits in its reasons.
    @Test func simulateCountsTheSendsThePolicyHeld() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator(zone: "UTC")
        let (fan, _) = try fixture.addFan("ana")
        try fixture.deploy("""
            policy {
              limit 1 sends per fan per 1d
              quiet hours 22:00 to 09:00
            }
            rule "Thanks" { on transaction.tip then { send "hello" } }
            rule "Receipt" { on transaction.tip bypass policy then { send "hello" } }
            """)
        // 09:00 executes; 12:00 is over the cap; 23:00 is deferred to 09:00 the next
        // day, when the day's cap has room again (the first send is 24h old).
        for hour: Int64 in [9, 12, 23] { try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + hour * Self.hour) }
        let simulated = try Simulation(from: Self.t0, to: Self.t0 + 36 * Self.hour).run(source: fixture.creator())
        let thanks = try #require(simulated.rule(named: "Thanks"))
        #expect(thanks.fired == 3)
        #expect(thanks.heldByPolicy == 2)
        #expect(thanks.heldByPolicyReasons == ["frequency cap: 1 sends per fan per 1d": 1, "quiet hours 22:00 to 09:00": 1])
        #expect(thanks.actions["send"] == 1)
        #expect(simulated.rule(named: "Receipt")?.heldByPolicy == 0)
        #expect(simulated.rule(named: "Receipt")?.actions["send"] == 3)

        // The same events consumed by run at their times and at the window's end
        // (the backtest runs at those moments: the deferred send goes out at the
        // first of them after its due time): the same reading of its rows.
        let marks = try AuditMarks.current(in: fixture.creator())
        for hour: Int64 in [9, 12, 23, 36] { _ = try fixture.run(at: Self.t0 + hour * Self.hour) }
        let real = try marks.results(in: fixture.creator(), ruleNames: ["Thanks", "Receipt"])
        #expect(real == simulated.rules)
        #expect(try fixture.actions(rule: "Thanks").suffix(1) == ["\(fan) executed send "])
    }
}
