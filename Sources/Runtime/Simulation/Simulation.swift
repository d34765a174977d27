import Foundation
import Semantics
import Store
import Syntax

/// `rulec simulate`: a backtest (RULEC.md "Testing and backtesting";
/// docs/SIMULATE.md). The creator's store is copied into a private shadow
/// store, turned back to `from`, and its history after `from` is put back one
/// second at a time while the real `Engine` runs at that second, so every
/// event is evaluated over the state of its moment by the same code that
/// `rulec run` uses. The user's store is only read, by one `VACUUM INTO`.
public struct Simulation {
    public var from: Int64
    public var to: Int64
    /// The program to try; nil: the deployed program.
    public var files: [SourceFile]?
    /// True (`simulate PATH`): exactly the rules in `files` run. False (`deploy
    /// --dry-run --simulate` without `--prune`): deployed rules the files do not
    /// mention are kept running, as that deploy would keep them.
    public var prune: Bool
    /// Where the shadow store's file goes (default: the system's temporary folder).
    public var scratchFolder: URL?

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
        let times = Set(try replay.times(after: from)).union(slotTimes).union([to]).sorted()
        var options = EngineOptions()
        options.program = deployed
        let engine = Engine(store: store, options: options)
        var report = SimulationReport(from: from, to: to)
        for time in times {
            try store.transaction { try replay.putBack(through: time) }
            var batch: RunReport
            repeat {
                batch = try engine.runBatch(clock: time)
                report.events += batch.events
            } while batch.hasMoreEvents
        }
        report.rules = try marks.results(in: store, ruleNames: deployed.rules.map(\.name))
        report.caveats = HistoryCaveats.of(deployed.program)
        return report
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
