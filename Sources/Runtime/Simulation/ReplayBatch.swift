/// Which seconds of a backtest's replay go into one engine batch
/// (docs/SIMULATE.md, "Several seconds in one batch").
///
/// Replaying second by second evaluates every event over the rows of its
/// moment, but pays a batch (a transaction, the cursors, the event reader,
/// due approvals and delayed actions, the policy gate) per second. Seconds
/// `t1 < … < tn` share one batch at clock `tn` when that changes no answer.
/// Conditions and effects concern one fan (LANGUAGE.md §8; cooldowns, limits
/// and the policy's caps and quiet hours are per fan too), so only the order
/// of what happens to each fan matters, and the time each thing is stamped with:
/// - a fan's rows in the group all come back at one second, so no event sees
///   its own fan's future, and its events run in the order they would;
/// - an action falling due or an approval expiring (`ClockEvent`) at second
///   `tk` of the group runs at the start of the batch, at clock `tk`
///   (`BatchRun.earlierClocks`), as the batch of `tk` would run it before that
///   second's events: exact when its fan has no rows in the group but at `tk`;
///   else the group stops short of `tk`;
/// - a schedule slot, which reads every fan, is always a group's last second;
/// - events stay far inside the stale age (`maxSpan`), and the seconds' rows
///   fit one batch.
/// - an action the group makes never falls due inside it: the group stops
///   before the next instant at which one could (`GroupCuts`: the end of
///   quiet hours on a fan's clock, the shortest `after` delay), so no group
///   needs rolling back and replaying shorter. Should something fall due
///   inside a group all the same (a way of deferring the cuts do not know),
///   the caller rolls the group back and replays a group that ends before
///   that time (`ClockEvents.fellDue`): a backstop, never taken by the tests'
///   programs unless the cuts are turned off (`SimulationBackstopTests`).
enum ReplayBatch {
    /// Thrown inside the group's transaction to roll it back: something the
    /// group made falls due at `time`, inside it.
    struct Split: Error {
        let time: Int64
    }

    /// The longest stretch of time one batch covers, far inside the default
    /// stale age (24h), so the batch's clock never makes an event stale.
    static let maxSpan: Int64 = 3_600

    /// A group: seconds `start...end`, and the seconds among them at which
    /// clock events run, ascending.
    struct Group: Equatable {
        var end: Int
        var clockSeconds: [Int64] = []
    }

    /// The group that starts at `start`, ending before `limit` when given.
    /// `clockEvents`: the pending ones, by time.
    static func group(of seconds: [HistoryReplay.Second], from start: Int, slots: Set<Int64>,
                      clockEvents: [ClockEvent], batchSize: Int, cuts: GroupCuts = GroupCuts(),
                      before limit: Int64? = nil) -> Group {
        var fans: Set<Int64> = []
        /// Fans with a clock event in the group: no rows of theirs may come later.
        var dueFans: Set<Int64> = []
        var rows = 0
        var group = Group(end: start)
        var pending = clockEvents[...]
        var index = start
        while index < seconds.count {
            let second = seconds[index]
            if index > start {
                if slots.contains(seconds[index - 1].time) { break }
                if !cuts.allows(second.time, after: seconds[start].time) { break }
                if let limit, second.time >= limit { break }
                if second.time - seconds[start].time > maxSpan { break }
                if rows + second.rows > batchSize { break }
                if !fans.isDisjoint(with: second.fans) { break }
                if !dueFans.isDisjoint(with: second.fans) { break }
            }
            var due: [ClockEvent] = []
            while let event = pending.first, event.time <= second.time {
                due.append(event)
                pending.removeFirst()
            }
            if !due.isEmpty {
                // Its fan's earlier events would run after it.
                if index > start, due.contains(where: { fans.contains($0.fan) }) { break }
                group.clockSeconds.append(second.time)
                dueFans.formUnion(due.map(\.fan))
            }
            fans.formUnion(second.fans)
            rows += second.rows
            group.end = index
            index += 1
        }
        return group
    }
}

/// Something a batch does at its clock rather than at an event's time: a
/// delayed or deferred action falling due, an approval expiring; for one fan.
struct ClockEvent: Equatable {
    let time: Int64
    let fan: Int64
}
