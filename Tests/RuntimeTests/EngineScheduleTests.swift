import Foundation
import Runtime
import Planning
import Semantics
import Store
import Testing

/// Schedule slots (daily, weekly, every; DST in America/New_York) and the
/// engine's catch-up: after a gap only the latest missed slot fires.
@Suite struct EngineScheduleTests {
    typealias F = EngineFixture
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let utc = TimeZone(identifier: "UTC")!

    @Test func aWallTimeSkippedBySpringForwardFiresAtTheNextValidTime() {
        // 2026-03-08: New York skips 02:00–03:00; 02:30 fires at 03:30 EDT = 07:30Z.
        let noon = Int64(1_772_971_200)   // 2026-03-08T12:00Z
        let slot = ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 150), atOrBefore: noon, zone: Self.newYork)
        #expect(slot == 1_772_955_000)
        // Just before it, the latest slot is the day before: 02:30 EST, also 07:30Z.
        #expect(ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 150), atOrBefore: slot - 1, zone: Self.newYork) == slot - 86_400)
    }

    @Test func aWallTimeRepeatedByFallBackFiresOnceAtItsFirstOccurrence() {
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
        let first = Int64(1_793_511_000)
        let daily = Schedule.daily(minuteOfDay: 90)
        #expect(ScheduleSlots.latestSlot(of: daily, atOrBefore: first + 3_600, zone: Self.newYork) == first)
        #expect(ScheduleSlots.latestSlot(of: daily, atOrBefore: first + 5 * 3_600, zone: Self.newYork) == first)
        #expect(ScheduleSlots.latestSlot(of: daily, atOrBefore: first - 1, zone: Self.newYork) == first - 86_400)
    }

    @Test func weeklyAndEverySlots() {
        let t0 = F.t0   // Sunday 2026-03-01 00:00Z
        // Monday 09:00 UTC: the week before until Monday 2026-03-02 09:00.
        let monday9 = t0 + F.day + 9 * F.hour
        #expect(ScheduleSlots.latestSlot(of: .weekly(weekday: 1, minuteOfDay: 540), atOrBefore: monday9, zone: Self.utc) == monday9)
        #expect(ScheduleSlots.latestSlot(of: .weekly(weekday: 1, minuteOfDay: 540), atOrBefore: monday9 - 1, zone: Self.utc) == monday9 - 7 * F.day)
        // every 7h: multiples of 7h since the epoch, whatever the zone.
        let slot = ScheduleSlots.latestSlot(of: .every(seconds: 7 * F.hour), atOrBefore: t0, zone: Self.newYork)
        #expect(slot % (7 * F.hour) == 0 && slot <= t0 && t0 - slot < 7 * F.hour)
    }

    @Test func afterAGapOnlyTheLatestMissedSlotFires() throws {
        let f = try F()
        try f.addCreator(zone: "America/New_York")
        try f.addFan("mia")
        try f.addFan("noa")
        try f.deploy(#"rule "Morning" { on schedule daily at 09:00 then { note "good morning" } }"#, at: F.t0)
        // Three days later, mid-afternoon in New York: three slots were missed.
        let clock = F.t0 + 3 * F.day + 20 * F.hour
        let report = try f.run(at: clock)
        #expect(report.runs == 1)
        let fired = try f.creator().rows("SELECT triggered_at, matched_fan_count FROM automation_rule_runs WHERE user_id = :user")
        let expectedSlot = ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 540), atOrBefore: clock, zone: Self.newYork)
        #expect(fired.map { [$0[0].int64!, $0[1].int64!] } == [[expectedSlot, 2]])
        #expect(Time.hourOfDayInNewYork(expectedSlot) == 9)
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user") == 2)
        // The same clock again: the slot already fired.
        #expect(try f.run(at: clock).runs == 0)
        #expect(try f.run(at: clock + F.day).runs == 1)
    }

    @Test func scheduleCooldownHoldsBackPerFan() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Hourly" { on schedule every 1h cooldown 3h then { note "ping" } }"#, at: F.t0)
        for hour in 1...4 { _ = try f.run(at: F.t0 + Int64(hour) * F.hour) }
        #expect(try f.actions(rule: "Hourly") == [
            "\(fan) executed note ", "\(fan) skipped note cooldown", "\(fan) skipped note cooldown", "\(fan) executed note ",
        ])
    }
}

private extension Time {
    static func hourOfDayInNewYork(_ t: Int64) -> Int64 {
        hourOfDay(t, zone: TimeZone(identifier: "America/New_York")!)!
    }
}
