import Foundation
@testable import Runtime
import Store
import Testing

/// A backtest's groups of seconds are cut before anything they make can fall
/// due inside them (`GroupCuts`); should a group hold such an instant all the
/// same, the replay rolls it back and replays it shorter (`ReplayBatch.Split`).
/// Here a tip in quiet hours defers a send to 08:00 and another fan tips just
/// after: one group without the cuts, so the backstop must split it, and the
/// answer is the same either way.
@Suite struct SimulationBackstopTests {
    @Test func aSendDeferredIntoItsOwnGroupIsReplayedShorter() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator(zone: "UTC")
        let (early, _) = try fixture.addFan("early")
        let (late, _) = try fixture.addFan("late")
        try fixture.deploy("""
            policy { quiet hours 22:00 to 08:00 }
            rule "Thanks" { on transaction.tip then { send "hello" } }
            """)
        let t0 = EngineFixture.t0, hour = EngineFixture.hour
        _ = try fixture.addTip(fan: early, cents: 500, at: t0 + 8 * hour - 30)
        _ = try fixture.addTip(fan: late, cents: 700, at: t0 + 8 * hour + 30)

        let cut = try Simulation(from: t0, to: t0 + 10 * hour).run(source: fixture.creator())
        var uncut = Simulation(from: t0, to: t0 + 10 * hour)
        uncut.cutsGroups = false
        let backstopped = try uncut.run(source: fixture.creator())

        #expect(cut.splits == 0)
        #expect(backstopped.splits == 1)
        #expect(backstopped.rules == cut.rules)
        let thanks = try #require(cut.rules.first { $0.rule == "Thanks" })
        #expect(thanks.fired == 2)
        #expect(cut.events == 2 && backstopped.events == 2)
    }
}
