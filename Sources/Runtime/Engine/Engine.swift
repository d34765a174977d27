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
        try inTransaction { try lockedBatch(clock: clock, wait: true) ?? RunReport() }
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
    /// One batch, or nil at once when another process holds the creator
    /// (`run --all-creators` takes one batch per creator in turn). Outside a
    /// dry run; call `prepareForRun` first.
    public func runBatchIfFree(clock: Int64) throws -> RunReport? {
        try store.transaction(.immediate) { try lockedBatch(clock: clock, wait: false) }
    }

    /// What `runUntilIdle` does before its batches: the planner's statistics
    /// and the connection's cache (SQLite), once per connection and pass.
    public static func prepareForRun(_ database: Database) throws {
        try PlannerStatistics.refresh(database)
        try PlannerStatistics.tuneConnection(database)
    }

    public func runUntilIdle(clock: Int64, shouldStop: () -> Bool = { false }) throws -> RunReport {
        try runUntilIdle(clock: clock, waitForCreator: true, shouldStop: shouldStop) ?? RunReport()
    }

    /// `runUntilIdle`, or nil at once when another process holds the
    /// creator's batch (PostgreSQL; `CreatorStore.lockCreator`): the way
    /// `run --all-creators` passes over a creator someone else is running.
    public func runUntilIdleIfFree(clock: Int64, shouldStop: () -> Bool = { false }) throws -> RunReport? {
        try runUntilIdle(clock: clock, waitForCreator: false, shouldStop: shouldStop)
    }

    private func runUntilIdle(clock: Int64, waitForCreator: Bool, shouldStop: () -> Bool) throws -> RunReport? {
        if options.dryRun {
            // Statistics are left alone too: a dry run writes nothing at all.
            return try inTransaction { try batches(clock: clock, wait: waitForCreator, shouldStop: shouldStop) ?? RunReport() }
        }
        try PlannerStatistics.refresh(store.database)
        try PlannerStatistics.tuneConnection(store.database)
        AllocatorTuning.forLongRun()
        // Copying the WAL back happens beside the batches, not inside their commits;
        // without a second connection, SQLite's own checkpoint does it as before.
        let checkpointer = try? BackgroundCheckpointer(database: store.database)
        defer { checkpointer?.stop() }
        return try batches(clock: clock, wait: waitForCreator, shouldStop: shouldStop)
    }

    /// Nil when the first batch found the creator held by another process.
    private func batches(clock: Int64, wait: Bool, shouldStop: () -> Bool) throws -> RunReport? {
        var total = RunReport()
        var first = true
        repeat {
            // Outside a dry run each batch commits on its own; inside one, it is a savepoint.
            guard let report = try store.transaction(.immediate, { try lockedBatch(clock: clock, wait: wait) }) else {
                return first ? nil : total
            }
            first = false
            total.absorb(report)
        } while total.hasMoreEvents && !shouldStop()
        return total
    }

    /// A batch under the creator's lock, taken first in its transaction (the
    /// cursors are read after it, so they are what the last holder committed);
    /// nil when `wait` is false and another process holds it.
    private func lockedBatch(clock: Int64, wait: Bool) throws -> RunReport? {
        guard try store.lockCreator(wait: wait) else { return nil }
        return try batch(clock: clock)
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
