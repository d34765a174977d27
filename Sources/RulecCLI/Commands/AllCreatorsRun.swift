import Foundation
import Planning
import Runtime
import Store

/// `rulec run --all-creators [--watch]`: every creator of the store, one batch
/// per creator in turn, round after round until none has events left (so a
/// creator with a backlog does not hold up the others), then, with `--watch`,
/// again every interval.
///
/// Each batch takes its creator's lock first (`CreatorStore.lockCreator`): on
/// PostgreSQL a creator whose batch another process holds is passed over in
/// this round, so any number of these processes, on any machines, share the
/// creators and never run one creator's events twice. Each process starts its
/// rounds at a different creator (by process id) so they seldom meet. On
/// SQLite the file's write lock serializes them, and each batch re-reads its
/// cursors, so a second process only waits.
struct AllCreatorsRun {
    let options: StoreOptions
    let engineOptions: EngineOptions
    let watch: Bool
    let interval: Int64
    let json: Bool
    let dryRun: Bool

    func run(_ context: CommandContext) throws -> ExitCode {
        let path = options.databasePath
        let store: Store
        do { store = try EngineStore.openExisting(path: path, readOnly: false) } catch { throw StoreOptions.cliError(error, path: path) }
        let stop = watch ? StopSignal() : nil
        do {
            while true {
                let report = try pass(store, context, stop: stop)
                if !watch || report.didSomething || json {
                    context.standardOutput.print(json ? report.summaryJSON.serialized() : report.text(dryRun: dryRun))
                }
                guard let stop else { return report.errors > 0 ? .inputErrors : .success }
                if stop.requested { return .success }
                stop.wait(seconds: interval)
                if stop.requested { return .success }
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw StoreOptions.cliError(error, path: path)
        }
    }

    /// Rounds of one batch per creator until every creator is idle or held elsewhere.
    private func pass(_ store: Store, _ context: CommandContext, stop: StopSignal?) throws -> RunReport {
        let ids = try store.creatorIDs()
        guard !ids.isEmpty else { return RunReport() }
        let start = Int(getpid()) % ids.count
        var pending = Array(ids[start...] + ids[..<start])
        var clocks: [String: Int64] = [:]
        var total = RunReport()
        if !dryRun { try Engine.prepareForRun(store.database) }
        while !pending.isEmpty && !(stop?.requested ?? false) {
            var next: [String] = []
            for id in pending {
                if stop?.requested ?? false { break }
                let creator = store.creator(id)
                let clock = try clocks[id] ?? creatorClock(creator, context)
                clocks[id] = clock
                let engine = Engine(store: creator, options: engineOptions)
                // A dry run's batches are rolled back, so one creator's run is one transaction.
                let report = dryRun ? try engine.runUntilIdleIfFree(clock: clock) : try engine.runBatchIfFree(clock: clock)
                guard let report else { continue }
                total.absorb(report)
                if report.hasMoreEvents && !dryRun { next.append(id) }
            }
            pending = next
        }
        total.hasMoreEvents = false
        return total
    }

    /// `--now` in the creator's zone (a time without a zone is the creator's), else the system clock.
    private func creatorClock(_ creator: CreatorStore, _ context: CommandContext) throws -> Int64 {
        let zone = try CreatorTimeZone.load(from: creator)
        return try options.clock(zone: zone, context) ?? context.clock()
    }
}
