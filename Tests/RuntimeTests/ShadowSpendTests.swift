import Foundation
@testable import Runtime
import Store
import Testing

/// In a backtest's shadow the replay adds a batch's transactions to their
/// fans' lifetime spend in one update (`ShadowSpend`) instead of the store's
/// per-row trigger: at every replayed moment each fan's spend is the sum of
/// its transactions up to that moment, and the user's store keeps its trigger.
@Suite struct ShadowSpendTests {
    @Test func spendAtEachReplayedMomentIsTheSumUpToIt() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (mia, _) = try fixture.addFan("mia")
        let (noa, _) = try fixture.addFan("noa")
        let t0 = EngineFixture.t0, hour = EngineFixture.hour
        // (fan, cents, time): one before the window, two of one fan at one second.
        let tips: [(Int64, Int64, Int64)] = [(mia, 1_000, t0 - hour), (mia, 500, t0 + hour), (noa, 200, t0 + hour),
                                             (noa, 300, t0 + hour), (mia, 700, t0 + 2 * hour), (noa, 50, t0 + 3 * hour)]
        for (fan, cents, time) in tips { try fixture.addTip(fan: fan, cents: cents, at: time) }

        let shadow = try ShadowStore(copying: fixture.creator())
        try HistoryRewind(store: shadow.creator, from: t0).apply()
        let replay = try HistoryReplay(store: shadow.creator, to: t0 + 4 * hour)
        func spend(_ fan: Int64) throws -> Int64? {
            try shadow.creator.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fan)]).int64
        }
        func sum(_ fan: Int64, through time: Int64) -> Int64 {
            tips.filter { $0.0 == fan && $0.2 <= time }.reduce(0) { $0 + $1.1 }
        }
        #expect(try spend(mia) == 1_000 && spend(noa) == 0)
        let times = try replay.times(after: t0)
        #expect(times == [t0 + hour, t0 + 2 * hour, t0 + 3 * hour])
        for time in times {
            try replay.putBack(through: time)
            #expect(try spend(mia) == sum(mia, through: time))
            #expect(try spend(noa) == sum(noa, through: time))
        }
        #expect(try spend(noa) == 550)
        // The user's store keeps its trigger.
        try fixture.addTip(fan: noa, cents: 25, at: t0 + 5 * hour)
        #expect(try fixture.creator().scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE user_id = :user AND id = ?",
                                             [.integer(noa)]).int64 == 575)
    }
}
