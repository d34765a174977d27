import Foundation
import Store

/// Runs deployed rules over a creator's new events and due schedules, one
/// batch per transaction (docs/RUNTIME.md). A crash loses a whole batch or
/// nothing; two engines on one file serialize on the write lock and the second
/// re-reads the cursors the first advanced, so nothing happens twice.
public struct Engine {
    public let store: CreatorStore
    public let options: EngineOptions

    public init(store: CreatorStore, options: EngineOptions = EngineOptions()) {
        self.store = store
        self.options = options
    }

    /// One batch in one `BEGIN IMMEDIATE` transaction, committed (or, for a dry
    /// run, rolled back). `clock` is `--now`: events up to it are consumed.
    public func runBatch(clock: Int64) throws -> RunReport {
        try inTransaction { try batch(clock: clock) }
    }

    /// One batch whose approvals and delayed actions falling due at the
    /// `earlier` clocks run first, each at its clock (`BatchRun.earlierClocks`),
    /// run by `around` inside the batch's transaction: a backtest puts its
    /// rows back first and checks the batch afterwards, and an error thrown
    /// there rolls the whole of it back.
    func runBatch(clock: Int64, earlier: [Int64],
                  around: (() throws -> RunReport) throws -> RunReport = { try $0() }) throws -> RunReport {
        try inTransaction { try around { try batch(clock: clock, earlier: earlier) } }
    }

    /// Batches until no event is left at `clock` (`run --once`), or until
    /// `shouldStop` says so between batches. A dry run runs every batch in one
    /// transaction that is rolled back, so later batches see the earlier ones.
    public func runUntilIdle(clock: Int64, shouldStop: () -> Bool = { false }) throws -> RunReport {
        if options.dryRun {
            // Statistics are left alone too: a dry run writes nothing at all.
            return try inTransaction { try batches(clock: clock, shouldStop: shouldStop) }
        }
        try PlannerStatistics.refresh(store.database)
        try PlannerStatistics.tuneConnection(store.database)
        AllocatorTuning.forLongRun()
        // Copying the WAL back happens beside the batches, not inside their commits;
        // without a second connection, SQLite's own checkpoint does it as before.
        let checkpointer = try? BackgroundCheckpointer(database: store.database)
        defer { checkpointer?.stop() }
        return try batches(clock: clock, shouldStop: shouldStop)
    }

    private func batches(clock: Int64, shouldStop: () -> Bool) throws -> RunReport {
        var total = RunReport()
        repeat {
            // Outside a dry run each batch commits on its own; inside one, it is a savepoint.
            let report = try store.transaction(.immediate) { try batch(clock: clock) }
            total.absorb(report)
        } while total.hasMoreEvents && !shouldStop()
        return total
    }

    private func batch(clock: Int64, earlier: [Int64] = []) throws -> RunReport {
        guard let deployed = try options.program ?? DeployedProgram.load(from: store) else { return RunReport() }
        let run = try BatchRun(store: store, deployed: deployed, options: options, clock: clock)
        run.earlierClocks = earlier
        return try run.run()
    }

    /// Runs `body` in an immediate transaction; a dry run's is rolled back
    /// after `body` returns, keeping its report.
    private func inTransaction(_ body: () throws -> RunReport) throws -> RunReport {
        guard options.dryRun else { return try store.transaction(.immediate, body) }
        do {
            _ = try store.transaction(.immediate) { throw DryRunRollback(report: try body()) }
        } catch let rollback as DryRunRollback {
            return rollback.report
        }
        fatalError("a dry run's transaction always rolls back")
    }
}

/// Thrown to roll a dry run's transaction back, carrying what it would have done.
private struct DryRunRollback: Error {
    let report: RunReport
}
