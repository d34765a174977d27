import Foundation
import Planning
import Semantics

/// The slots of a schedule trigger (LANGUAGE.md §4). Only the latest slot at
/// or before the clock matters: after a gap, missed slots do not fire one by one.
public enum ScheduleSlots {
    /// The latest slot at or before `now`. `daily`/`weekly` read the wall clock
    /// of `zone`: a wall time that daylight saving skips fires at the next valid
    /// time, a repeated one at its first occurrence (`Time.utcSeconds`);
    /// `every D` slots are multiples of D since the Unix epoch.
    public static func latestSlot(of schedule: Schedule, atOrBefore now: Int64, zone: TimeZone) -> Int64 {
        switch schedule {
        case .every(let seconds):
            guard seconds > 0 else { return now }
            return Time.floorDivide(now, seconds) * seconds
        case .daily(let minuteOfDay):
            return latestWallClockSlot(minuteOfDay: minuteOfDay, atOrBefore: now, zone: zone, daysBack: 0...2) { _ in true }
        case .weekly(let weekday, let minuteOfDay):
            return latestWallClockSlot(minuteOfDay: minuteOfDay, atOrBefore: now, zone: zone, daysBack: 0...8) { day in
                Self.weekday(ofLocalDay: day) == Int64(weekday)
            }
        }
    }

    /// Walks back from today's local date to the first day that `qualifies`
    /// and whose slot is not after `now`. A DST shift moves a slot by at most a
    /// few hours, so two days back (or eight, for weekly) always find one.
    private static func latestWallClockSlot(minuteOfDay: Int, atOrBefore now: Int64, zone: TimeZone,
                                            daysBack: ClosedRange<Int64>, qualifies: (Int64) -> Bool) -> Int64 {
        let today = Time.floorDivide(Time.localSeconds(now, zone: zone) ?? now, Time.secondsPerDay)
        for back in daysBack {
            let day = today - back
            guard qualifies(day) else { continue }
            let slot = Time.utcSeconds(forWallClock: day * Time.secondsPerDay + Int64(minuteOfDay) * 60, zone: zone)
            if slot <= now { return slot }
        }
        // Unreachable for real zones; a slot a week before keeps the answer defined.
        return now - 7 * Time.secondsPerDay
    }

    /// Monday 1 … Sunday 7 of a local day number (1970-01-01 was a Thursday).
    static func weekday(ofLocalDay day: Int64) -> Int64 {
        Time.floorModulo(day + 3, 7) + 1
    }
}
