import Foundation
import Planning
import Semantics

/// The latest slot of a schedule at or before a time, so a schedule deployed
/// now does not fire a slot from before the deploy (docs/RUNTIME.md).
///
/// NOTE: the engine owns slot arithmetic (Runtime/Events/ScheduleSlots.swift);
/// it was not merged when deploy was written, so this minimal helper stands in.
/// It follows the same rules (every-slots anchored at the epoch; wall times
/// resolved by `Time.utcSeconds(forWallClock:)`, which moves a skipped time
/// forward and takes a repeated one at its first occurrence). Once
/// ScheduleSlots is merged, deploy should call it and this file should go.
enum InitialScheduleSlot {
    static func latest(_ schedule: Schedule, atOrBefore now: Int64, zone: TimeZone) -> Int64 {
        let day = Time.secondsPerDay
        switch schedule {
        case .every(let seconds):
            guard seconds > 0 else { return now }
            return floorDivide(now, seconds) * seconds
        case .daily(let minute):
            return latestWallSlot(now: now, zone: zone, minute: minute) { _ in true }
        case .weekly(let weekday, let minute):
            return latestWallSlot(now: now, zone: zone, minute: minute) { localDay in
                floorModulo(localDay + 3, 7) + 1 == Int64(weekday)  // 1970-01-01 was a Thursday
            }
        }
        func latestWallSlot(now: Int64, zone: TimeZone, minute: Int, on accepts: (Int64) -> Bool) -> Int64 {
            let today = floorDivide(Time.localSeconds(now, zone: zone), day)
            for back in 0...8 {
                let localDay = today - Int64(back)
                guard accepts(localDay) else { continue }
                let slot = Time.utcSeconds(forWallClock: localDay * day + Int64(minute) * 60, zone: zone)
                if slot <= now { return slot }
            }
            return now  // unreachable for a valid schedule: some day in the last 8 matches
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }
}
