import Foundation
import Semantics
import Store
import Syntax

/// `rulec simulate`: a backtest (RULEC.md "Testing and backtesting";
/// docs/SIMULATE.md). The creator's store is copied into a private shadow
/// store, turned back to `from`, and its history after `from` is put back one
/// second at a time while the real `Engine` runs at that second, so every
/// event is evaluated over the state of its moment by the same code that
/// `rulec run` uses. The user's store is only read, by one online backup
/// (`ShadowStore`).
public struct Simulation {
    public var from: Int64
    public var to: Int64
    /// The program to try; nil: the deployed program.
    public var files: [SourceFile]?
    /// True (`simulate PATH`): exactly the rules in `files` run. False (`deploy
    /// --dry-run --simulate` without `--prune`): deployed rules the files do not
    /// mention are kept running, as that deploy would keep them.
    public var prune: Bool
    /// Where the shadow store's file goes (default: in memory, or the system's
    /// temporary folder for a large store: `ShadowStore`).
    public var scratchFolder: URL?
    /// Told of every rule evaluation of the replay, as `EngineOptions.observer`.
    public var observer: (any EvaluationObserver)?
    /// False only in tests: groups are not cut beforehand (`GroupCuts`), so
    /// the backstop that rolls a group back must keep the answer right.
    var cutsGroups = true

    public init(from: Int64, to: Int64, files: [SourceFile]? = nil, prune: Bool = true, scratchFolder: URL? = nil) {
        self.from = from
        self.to = to
        self.files = files
        self.prune = prune
        self.scratchFolder = scratchFolder
    }

    /// Runs the backtest of `source`'s creator. Throws `SimulationError` when
    /// there is nothing to run, `DeployError` when `files` have errors.
    public func run(source: CreatorStore) throws -> SimulationReport {
        guard from <= to else { throw SimulationError.emptyWindow(from: from, to: to) }
        let shadow = try ShadowStore(copying: source, folder: scratchFolder)
        let store = shadow.creator
        try HistoryRewind(store: store, from: from).apply()
        try ShadowIndexes.dropUnread(in: store.database)
        if let files {
            _ = try Deployer.deploy(files: files, to: store, now: from, prune: prune)
        }
        guard let deployed = try DeployedProgram.load(from: store) else { throw SimulationError.nothingDeployed }
        let zone = try CreatorProfile.load(from: store).zone

        // Schedules start at their latest slot at or before `from`: only the
        // window's slots fire.
        var slotTimes = Set<Int64>()
        for rule in deployed.rules {
            guard case .schedule(let schedule) = rule.rule.trigger else { continue }
            try store.execute("""
                INSERT INTO automation_schedule_state (user_id, rule_id, last_slot_at, updated_at) VALUES (:user, ?, ?, ?)
                ON CONFLICT (user_id, rule_id) DO UPDATE SET last_slot_at = excluded.last_slot_at
                """, [.integer(rule.id), .integer(ScheduleSlots.latestSlot(of: schedule, atOrBefore: from, zone: zone)), .integer(from)])
            guard rule.isActive else { continue }
            var probe = to
            while true {
                let slot = ScheduleSlots.latestSlot(of: schedule, atOrBefore: probe, zone: zone)
                guard slot > from else { break }
                slotTimes.insert(slot)
                probe = slot - 1
            }
        }

        let marks = try AuditMarks.current(in: store)
        let replay = try HistoryReplay(store: store, to: to)
        var seconds = try replay.seconds(after: from)
        let known = Set(seconds.map(\.time))
        seconds += slotTimes.union([to]).subtracting(known).map { HistoryReplay.Second(time: $0) }
        seconds.sort { $0.time < $1.time }
        var options = EngineOptions()
        options.program = deployed
        options.observer = observer
        let engine = Engine(store: store, options: options)
        let clockEvents = ClockEvents(store: store)
        let cuts = cutsGroups ? try GroupCuts.of(deployed.program, store: store, from: from, to: to, creatorZone: zone) : GroupCuts()
        var report = SimulationReport(from: from, to: to)
        var start = 0
        while start < seconds.count {
            start = try replayGroup(from: start, of: seconds, slots: slotTimes, cuts: cuts, replay: replay, engine: engine,
                                    clockEvents: clockEvents, report: &report)
        }
        report.rules = try marks.results(in: store, ruleNames: deployed.rules.map(\.name))
        report.caveats = HistoryCaveats.of(deployed.program)
        return report
    }

    /// Replays the seconds from `start` on that can share one engine batch
    /// (`ReplayBatch`); returns the index of the first second after them.
    private func replayGroup(from start: Int, of seconds: [HistoryReplay.Second], slots: Set<Int64>, cuts: GroupCuts,
                             replay: HistoryReplay, engine: Engine, clockEvents: ClockEvents,
                             report: inout SimulationReport) throws -> Int {
        let pending = try clockEvents.pending(through: seconds[start].time + ReplayBatch.maxSpan)
        var limit: Int64?
        while true {
            let group = ReplayBatch.group(of: seconds, from: start, slots: slots, clockEvents: pending,
                                          batchSize: engine.options.batchSize, cuts: cuts, before: limit)
            let end = group.end
            let position = replay.position
            let mark = try clockEvents.mark()
            do {
                // What falls due inside the group runs first, each at its own second's clock.
                let earlier = group.clockSeconds.filter { $0 < seconds[end].time }
                report.events += try catchUp(to: seconds[end].time, replay: replay, engine: engine, earlier: earlier) {
                    if end > start, let due = try clockEvents.fellDue(through: seconds[end].time, since: mark) {
                        throw ReplayBatch.Split(time: due)
                    }
                }
                report.batches += 1
                return end + 1
            } catch let split as ReplayBatch.Split {
                // The backstop: made in the group and due inside it after all.
                report.splits += 1
                replay.position = position
                limit = split.time
            }
        }
    }

    /// Puts back the rows dated up to `time` and runs the engine at `time`
    /// until no event is left; returns the source events it consumed. The
    /// rows go back inside the first batch's transaction, and `check` runs at
    /// its end there: when it throws, nothing of the batch remains.
    private func catchUp(to time: Int64, replay: HistoryReplay, engine: Engine, earlier: [Int64] = [],
                         check: () throws -> Void = {}) throws -> Int {
        var batch = try engine.runBatch(clock: time, earlier: earlier) { body in
            try replay.putBack(through: time)
            let report = try body()
            try check()
            return report
        }
        var events = batch.events
        while batch.hasMoreEvents {
            batch = try engine.runBatch(clock: time)
            events += batch.events
        }
        return events
    }
}

public enum SimulationError: Error, CustomStringConvertible, Equatable {
    case nothingDeployed
    case emptyWindow(from: Int64, to: Int64)

    public var description: String {
        switch self {
        case .nothingDeployed:
            "nothing to simulate: the creator has no deployed program; give the program's files or folders"
        case .emptyWindow:
            "--from is after --to: the window is empty"
        }
    }
}
