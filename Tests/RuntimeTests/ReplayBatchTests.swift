import Foundation
@testable import Runtime
import Store
import Testing

/// Which seconds of a backtest share one engine batch (`ReplayBatch`,
/// docs/SIMULATE.md "Several seconds in one batch"). Each case also shows the
/// same seconds grouped together when the rule under test does not apply, so
/// a grouping that ignored it would fail.
@Suite struct ReplayBatchTests {
    static let t0 = EngineFixture.t0

    /// One second of rows of `fans`, at `t0 + offset`.
    static func second(_ offset: Int64, fans: Set<Int64>) -> HistoryReplay.Second {
        HistoryReplay.Second(time: t0 + offset, fans: fans, rows: fans.count)
    }

    /// The groups of `seconds` from the first on, as index ranges.
    static func groups(_ seconds: [HistoryReplay.Second], slots: Set<Int64> = [], clockEvents: [ClockEvent] = [],
                       cuts: GroupCuts = GroupCuts()) -> [ClosedRange<Int>] {
        var groups: [ClosedRange<Int>] = []
        var start = 0
        while start < seconds.count {
            let group = ReplayBatch.group(of: seconds, from: start, slots: slots, clockEvents: clockEvents.filter { $0.time >= seconds[start].time },
                                          batchSize: 1_000, cuts: cuts)
            groups.append(start...group.end)
            start = group.end + 1
        }
        return groups
    }

    static let fourFans = [second(0, fans: [1]), second(10, fans: [2]), second(20, fans: [3]), second(30, fans: [4])]

    @Test func distinctFansShareOneGroup() {
        #expect(Self.groups(Self.fourFans) == [0...3])
    }

    @Test func groupsStopBeforeAQuietHoursEnd() {
        // A send deferred at second 0 or 10 comes due at 15: the group stops before it.
        let cuts = GroupCuts(instants: [Self.t0 + 15])
        #expect(Self.groups(Self.fourFans, cuts: cuts) == [0...1, 2...3])
        // An end at the group's first second is no cut: whatever it defers is due after it.
        #expect(Self.groups(Self.fourFans, cuts: GroupCuts(instants: [Self.t0])) == [0...3])
        // An end exactly at a later second goes with the next group.
        #expect(Self.groups(Self.fourFans, cuts: GroupCuts(instants: [Self.t0 + 20, Self.t0 + 30])) == [0...1, 2...2, 3...3])
    }

    @Test func groupsSpanLessThanTheShortestDelay() {
        #expect(Self.groups(Self.fourFans, cuts: GroupCuts(shortestDelay: 20)) == [0...1, 2...3])
        #expect(Self.groups(Self.fourFans, cuts: GroupCuts(shortestDelay: 1)) == [0...0, 1...1, 2...2, 3...3])
    }

    @Test func aDaylightSavingStretchHasOneSecondGroups() {
        let cuts = GroupCuts(oneSecond: [(Self.t0 + 5)...(Self.t0 + 12)])
        #expect(Self.groups(Self.fourFans, cuts: cuts) == [0...0, 1...1, 2...3])
    }

    @Test func aFanWithRowsAtTwoSecondsSplitsGroups() {
        let seconds = [Self.second(0, fans: [1, 2]), Self.second(10, fans: [3]), Self.second(20, fans: [2]), Self.second(30, fans: [4])]
        #expect(Self.groups(seconds) == [0...1, 2...3])
    }

    @Test func aScheduleSlotEndsItsGroup() {
        #expect(Self.groups(Self.fourFans, slots: [Self.t0 + 10]) == [0...1, 2...3])
    }

    @Test func aClockEventRunsEarlyOnlyWhenItsFanHasNoEarlierRowsInTheGroup() {
        // Fan 1's delayed action falls due at 20: fan 1's rows at 0 would run after it.
        #expect(Self.groups(Self.fourFans, clockEvents: [ClockEvent(time: Self.t0 + 20, fan: 1)]) == [0...1, 2...3])
        // Fan 9 has no rows: it runs at the start of the batch, at clock 20.
        let group = ReplayBatch.group(of: Self.fourFans, from: 0, slots: [], clockEvents: [ClockEvent(time: Self.t0 + 20, fan: 9)], batchSize: 1_000)
        #expect(group == ReplayBatch.Group(end: 3, clockSeconds: [Self.t0 + 20]))
    }

    /// The cuts hold every end of quiet hours the policy gate can defer to,
    /// on the creator's clock and on each fan's.
    @Test func cutsHoldEveryQuietHoursEndTheGateDefersTo() throws {
        let fixture = try EngineFixture()
        try fixture.addCreator(zone: "UTC")
        let (paris, _) = try fixture.addFan("paris")
        let (york, _) = try fixture.addFan("york")
        let (local, _) = try fixture.addFan("local")
        try fixture.creator().execute("UPDATE fan_profiles SET timezone = 'Europe/Paris' WHERE user_id = :user AND id = ?", [.integer(paris)])
        try fixture.creator().execute("UPDATE fan_profiles SET timezone = 'America/New_York' WHERE user_id = :user AND id = ?", [.integer(york)])
        try fixture.deploy("""
            policy { quiet hours 22:00 to 08:00 }
            rule "Thanks" { on transaction.tip then { send "hello" } }
            rule "Later" { on transaction.tip then { send "hello" after 2h } }
            """)
        // As in a backtest: the shadow, rewound (new fans wait in `simulate_pending_fan_profiles`).
        let shadow = try ShadowStore(copying: fixture.creator())
        try HistoryRewind(store: shadow.creator, from: Self.t0).apply()
        let store = shadow.creator
        let deployed = try #require(try DeployedProgram.load(from: store))
        let from = Self.t0, to = Self.t0 + 3 * EngineFixture.day
        let cuts = try GroupCuts.of(deployed.program, store: store, from: from, to: to, creatorZone: TimeZone(identifier: "UTC")!)
        #expect(cuts.shortestDelay == 2 * EngineFixture.hour)
        let gate = try #require(try PolicyGate.make(for: deployed, store: store))
        let quiet = try #require(deployed.program.policy?.quietHours)
        var deferrals = Set<Int64>()
        for fan in [paris, york, local] {
            for time in stride(from: from, through: to, by: 900) {
                if let end = try gate.quietEnd(quiet, fanID: fan, at: time) { deferrals.insert(end) }
            }
        }
        // Three zones, each a different end a day.
        #expect(deferrals.count >= 9)
        #expect(deferrals.isSubset(of: Set(cuts.instants)))
    }
}
