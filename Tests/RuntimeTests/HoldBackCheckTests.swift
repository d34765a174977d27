import Planning
import Runtime
import Semantics
import Store
import Testing

/// `rulec why`'s cooldown/limit verdict, judged from recorded firings.
@Suite struct HoldBackCheckTests {
    typealias F = EngineFixture

    @Test func aFiringDoesNotHoldItselfBackButHoldsBackTheNext() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Capped" { on transaction.tip limit 1 per fan per 7d then { note "hi" } }"#)
        let first = try f.addTip(fan: fan, cents: 100, at: F.t0 + F.hour)
        let second = try f.addTip(fan: fan, cents: 100, at: F.t0 + 2 * F.hour)
        _ = try f.run(at: F.t0 + 3 * F.hour, EngineFiringTests.keepOldEvents)
        let creator = f.creator()
        let rule = try #require(try DeployedProgram.load(from: creator)?.program.rule(named: "Capped"))

        // Asked about the event that fired: the earlier firings are none, so nothing held it back.
        let atFirst = try HoldBackCheck.checks(for: rule, fanID: fan, now: F.t0 + F.hour, store: creator,
                                               event: (source: "fan_transactions", id: first))
        #expect(atFirst.map(\.holdsBack) == [false])
        // Asked about the second tip: the first firing holds it back, as it did in the run.
        let atSecond = try HoldBackCheck.checks(for: rule, fanID: fan, now: F.t0 + 2 * F.hour, store: creator,
                                                event: (source: "fan_transactions", id: second))
        #expect(atSecond.map(\.holdsBack) == [true])
        // Without an event, every firing in the window counts.
        let now = try HoldBackCheck.checks(for: rule, fanID: fan, now: F.t0 + 3 * F.hour, store: creator)
        #expect(now.map(\.holdsBack) == [true])
        #expect(now.first?.reason == "fired 1 time for this fan in the window")
    }
}
