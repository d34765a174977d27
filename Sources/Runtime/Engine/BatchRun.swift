import Foundation
import Planning
import Semantics
import Store

/// One batch: everything `run` does between `BEGIN IMMEDIATE` and `COMMIT`.
/// The caller owns the transaction; this reads the cursors inside it, so a
/// second `run` waiting on the write lock sees this one's progress.
///
/// Order of work: expire approvals, run delayed actions that came due, then
/// the merged event stream, with each due schedule slot placed after the
/// events of its second (a slot ranks after every source). Each event runs
/// its rules in firing order and then the events its rules raised (tags, a
/// cascade), before the next event.
final class BatchRun {
    let store: CreatorStore
    let deployed: DeployedProgram
    let options: EngineOptions
    let clock: Int64
    let zone: TimeZone
    let rules: RuleIndex
    let segmentNames: [Int64: String]
    let log: RunLog
    let plans: PlanExecutor
    let preparer: ActionPreparer
    let effects: EffectExecutor
    let approvals: ApprovalQueue
    let delayed: ScheduledActions

    /// Earlier clocks, ascending, at which approvals expire and delayed
    /// actions fall due before the batch's own clock, each stamped with its
    /// own: a backtest's batch covering several seconds (docs/SIMULATE.md)
    /// runs first what the batch of each of those seconds would have run.
    var earlierClocks: [Int64] = []

    var report = RunReport()
    /// Rule-raised events waiting to run, in the order they were raised.
    var cascade: [Event] = []
    /// The fan_tag_values ids the batch's own effects wrote (handled as cascades).
    var raisedTagIDs: [Int64] = []

    init(store: CreatorStore, deployed: DeployedProgram, options: EngineOptions, clock: Int64) throws {
        self.store = store
        self.deployed = deployed
        self.options = options
        self.clock = clock
        let lookups = CreatorLookups.cached(store)
        self.zone = try lookups.creator().zone
        self.rules = RuleIndex(program: deployed)
        self.segmentNames = Dictionary(deployed.segmentIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        self.log = RunLog(store: store)
        self.plans = PlanExecutor(store: store, program: deployed.program)
        self.preparer = ActionPreparer(store: store, program: deployed.program, lookups: lookups)
        var effects = EffectExecutor(store: store, lookups: lookups,
                                     actionRows: BufferedInserts(store: store, table: "automation_rule_actions",
                                                                 columns: EffectExecutor.actionColumns))
        self.approvals = ApprovalQueue(store: store)
        var delayed = ScheduledActions(store: store)
        let gate = try PolicyGate.make(for: deployed, store: store)
        effects.policy = gate
        delayed.policy = gate
        self.effects = effects
        self.delayed = delayed
    }

    func run() throws -> RunReport {
        report.batches = 1
        let cursorsBefore = try Cursors.read(from: store)
        for now in earlierClocks + [clock] {
            report.expiredApprovals += try approvals.expire(now: now)
            try runDueDelayedActions(now: now)
            try drainCascade()
        }

        let reader = try EventReader(store: store, cursors: cursorsBefore, clock: clock,
                                     pageSize: min(options.batchSize, 1_000))
        var slots = try dueScheduleSlots()
        var consumed = 0
        while true {
            let next = try reader.peek()
            while let slot = slots.first, next.map({ slot.time < $0.time }) ?? true {
                slots.removeFirst()
                try fireSchedule(slot)
                try drainCascade()
            }
            guard let event = next, consumed < options.batchSize else {
                report.hasMoreEvents = next != nil
                break
            }
            _ = try reader.next()
            consumed += 1
            try process(event)
            try drainCascade()
        }

        var cursors = cursorsBefore
        for source in EventSource.allCases {
            cursors.advance(source, to: try reader.cursorPosition(of: source))
        }
        // Rule-raised tags were handled as cascades: the cursor moves past them
        // when every older tag row was consumed, else they wait in the list of
        // events handled ahead of the cursor, which the reader skips.
        let ahead = EventsAhead(store: store)
        if let highest = raisedTagIDs.max() {
            if try reader.state(of: .tagValues) == .drained {
                cursors.advance(.tagValues, to: highest)
            } else {
                try ahead.record(raisedTagIDs, source: .tagValues, at: clock)
            }
        }
        try log.flushRuns()
        try effects.flushActionRows()
        try cursors.write(to: store, since: cursorsBefore, now: clock)
        try ahead.forget(behind: cursors)
        return report
    }

    /// Runs the delayed actions that came due (or expired) and counts them:
    /// executed ones are actions of this run, as the immediate ones are.
    func runDueDelayedActions(now: Int64) throws {
        let due = try delayed.runDue(now: now, staleAfter: options.staleAfterSeconds)
        let names = Dictionary(deployed.rules.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for item in due.items {
            let name = try names[item.ruleID]
                ?? store.scalar("SELECT name FROM automation_rules WHERE user_id = :user AND id = ?", [.integer(item.ruleID)]).string
                ?? "rule #\(item.ruleID)"
            switch item.fate {
            case .executed:
                report.actions += 1
                report.delayedActions += 1
                report.noteAction(rule: name, .init(.delayedExecuted, item.actionType))
            case .failed:
                report.errors += 1
                report.noteAction(rule: name, .init(.failed, item.actionType))
            case .expired:
                report.expiredDelayedActions += 1
                report.noteAction(rule: name, .init(.expired, item.actionType))
            case .held:
                if let held = item.policy { report.notePolicy(held, rule: name, actionType: item.actionType) }
            }
        }
        try raise(due.tagEvents, parentDepth: 0)
    }

    /// Queues the tag.added events of rows an effect just wrote, one level deeper.
    func raise(_ tagIDs: [Int64], parentDepth: Int) throws {
        guard !tagIDs.isEmpty else { return }
        let source = EventSource.tagValues
        for id in tagIDs {
            raisedTagIDs.append(id)
            try store.forEachRow("SELECT \(source.selectList) FROM fan_tag_values WHERE user_id = :user AND id = ?", [.integer(id)]) { row in
                cascade.append(Event(source: source, row: row, depth: parentDepth + 1))
            }
        }
    }

    func drainCascade() throws {
        while !cascade.isEmpty {
            let event = cascade.removeFirst()
            report.cascadeEvents += 1
            try process(event)
        }
    }
}
