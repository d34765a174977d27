import Foundation
import Planning
import Semantics
import Store

/// Where a backtest's replay groups (`ReplayBatch`) must stop, known before
/// the replay: the instants at which an action a group makes could fall due
/// inside it. Cutting there beforehand replaces rolling a group back and
/// replaying it shorter (docs/SIMULATE.md, "Several seconds in one batch").
/// - A send deferred by the policy's quiet hours comes due at the end of the
///   window on the fan's clock (`PolicyGate.quietEnd`): one instant per day
///   and time zone of the creator's fans. A group never holds such an
///   instant after its first second, so nothing it defers is due inside it.
/// - Around a daylight-saving change of those zones a repeated hour can defer
///   to the next second (`max(end, now + 1)`): there every group is one second.
/// - An action delayed by `after` is due that long after its event: a group
///   spans less than the shortest delay (one second when a delay is computed
///   only at run time).
struct GroupCuts: Equatable {
    /// Quiet-hours ends, ascending.
    var instants: [Int64] = []
    /// Stretches in which a group holds one second only.
    var oneSecond: [ClosedRange<Int64>] = []
    /// A group's last second is less than this far from its first.
    var shortestDelay: Int64 = .max

    /// Whether `next` may join the group that starts at `first`.
    func allows(_ next: Int64, after first: Int64) -> Bool {
        guard next - first < shortestDelay else { return false }
        if oneSecond.contains(where: { $0.overlaps(first...next) }) {
            return false
        }
        // The first quiet-hours end after `first` (binary search: about 30 ends a day per zone).
        var low = 0, high = instants.count
        while low < high {
            let middle = (low + high) / 2
            if instants[middle] <= first { low = middle + 1 } else { high = middle }
        }
        return low == instants.count || next < instants[low]
    }

    /// The cuts of `program` replayed over `(from, to]` in `store`, whose
    /// fans without a known time zone live on `creatorZone`.
    static func of(_ program: CheckedProgram, store: CreatorStore, from: Int64, to: Int64, creatorZone: TimeZone) throws -> GroupCuts {
        var cuts = GroupCuts()
        for rule in program.rules {
            for action in rule.actions where action.after != nil {
                cuts.shortestDelay = min(cuts.shortestDelay, max(1, action.afterSeconds ?? 1))
            }
        }
        guard let quiet = program.policy?.quietHours else { return cuts }
        var zones: [TimeZone] = [creatorZone]
        // Fans coming back in the window are in the pending table (`HistoryRewind`).
        for table in ["fan_profiles", "simulate_pending_fan_profiles"] {
            try store.forEachRow("SELECT DISTINCT timezone FROM \(table) WHERE user_id = :user AND timezone IS NOT NULL") { row in
                if let zone = TimeZone(identifier: row.string(0)), !zones.contains(zone) { zones.append(zone) }
            }
        }
        var instants = Set<Int64>()
        for zone in zones {
            // Days on the zone's clock, with one to spare each side (a send deferred before `from` ends after it).
            let first = Time.floorDivide(Time.localSeconds(from, zone: zone) ?? from, Time.secondsPerDay) - 1
            let last = Time.floorDivide(Time.localSeconds(to, zone: zone) ?? to, Time.secondsPerDay) + 1
            for day in first...last {
                instants.insert(Time.utcSeconds(forWallClock: day * Time.secondsPerDay + Int64(quiet.endMinute) * 60, zone: zone))
            }
            var date = Date(timeIntervalSince1970: TimeInterval(from - Time.secondsPerDay))
            while let change = zone.nextDaylightSavingTimeTransition(after: date), change.timeIntervalSince1970 <= TimeInterval(to) {
                let instant = Int64(change.timeIntervalSince1970)
                cuts.oneSecond.append((instant - 3 * 3_600)...(instant + 3 * 3_600))
                date = change
            }
        }
        cuts.instants = instants.sorted()
        return cuts
    }
}
