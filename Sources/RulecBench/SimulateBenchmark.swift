import Foundation
import Planning
import Runtime
import Store
import Syntax

/// `simulate` (issue 14): a seeded creator with the Rules/ library deployed and
/// a week of `DaySimulator` activity after the deploy. Timed twice on copies of
/// the same file: `rulec run` consuming the week at its end (one
/// `Engine.runUntilIdle`, batches of 1,000, nothing stale), and the backtest of
/// the same week (`Simulation`, the deployed program), which replays it second
/// by second. The goal: the backtest at least as fast as the run.
///
/// A second baseline, `run hourly`, is `run` as deployed in production,
/// consuming the week promptly: one catch-up run per hour of the week at that
/// hour's clock (168 `Engine.runUntilIdle`), each firing the schedule slots and
/// due sends of its hour as the backtest does. It is reported beside the
/// strict one, which stays the criterion (BENCHMARKS.md).
enum SimulateBenchmark {
    static let user = "bench_creator"
    static let from = SeedOptions.defaultNow
    static let to = from + 7 * 86_400

    static func run(fans: Int, rulesFolder: String) {
        do {
            let prepared = try preparedStore(fans: fans, rulesFolder: rulesFolder)
            let working = NSTemporaryDirectory() + "rulec-bench-simulate-\(getpid()).sqlite"
            defer { StoreFiles.remove(working) }
            try copy(prepared, to: working)

            // `RULEC_BENCH_ONLY=simulate` (e.g. under `perf`) leaves the two runs out.
            let simulateOnly = ProcessInfo.processInfo.environment["RULEC_BENCH_ONLY"] == "simulate"
            print("simulate: \(fans) fans, Rules/, a week of DaySimulator events")
            var runCPUSeconds: Double?
            var hourlyCPUSeconds: Double?
            if !simulateOnly {
                let store = try EngineStore.open(path: working)
                let engine = Engine(store: store.creator(user), options: EngineOptions(batchSize: 1_000, staleAfterSeconds: 30 * 86_400))
                let runStart = ContinuousClock.now
                let runCPU = ProcessCPU.seconds()
                let report = try engine.runUntilIdle(clock: to)
                let runSeconds = seconds(since: runStart)
                runCPUSeconds = ProcessCPU.seconds() - runCPU
                print("  run (strict: one run at the end of the week): \(report.events) events in \(String(format: "%.2f", runSeconds)) s, "
                      + "\(Int(Double(report.events) / runSeconds)) events/s, CPU \(String(format: "%.2f", runCPUSeconds!)) s")

                let hourlyWorking = working + "-hourly.sqlite"
                defer { StoreFiles.remove(hourlyWorking) }
                let hourly = try hourlyRun(prepared: prepared, working: hourlyWorking)
                hourlyCPUSeconds = hourly.cpu
                print("  run hourly (as deployed: 168 runs, one per hour of the week at its clock): \(hourly.events) events in "
                      + "\(String(format: "%.2f", hourly.wall)) s, CPU \(String(format: "%.2f", hourly.cpu)) s")
            }

            // The backtest reads a copy too: the cached file stays as built.
            let simulated = working + "-simulated.sqlite"
            defer { StoreFiles.remove(simulated) }
            try copy(prepared, to: simulated)
            let source = try EngineStore.openExisting(path: simulated, readOnly: true)
            let simulateStart = ContinuousClock.now
            let simulateCPU = ProcessCPU.seconds()
            let backtest = try Simulation(from: from, to: to).run(source: source.creator(user))
            let simulateSeconds = seconds(since: simulateStart)
            let simulateCPUSeconds = ProcessCPU.seconds() - simulateCPU
            print("  simulate: \(backtest.events) events in \(String(format: "%.2f", simulateSeconds)) s, "
                  + "\(Int(Double(backtest.events) / simulateSeconds)) events/s, CPU \(String(format: "%.2f", simulateCPUSeconds)) s, "
                  + "firings \(backtest.rules.reduce(0) { $0 + $1.fired }), "
                  + "\(backtest.batches) batches, \(backtest.splits) rolled back by the backstop")
            if let runCPUSeconds, let hourlyCPUSeconds {
                print("  CPU simulate / run: \(String(format: "%.2f", simulateCPUSeconds / runCPUSeconds)) (strict, the criterion), "
                      + "\(String(format: "%.2f", simulateCPUSeconds / hourlyCPUSeconds)) (hourly)")
            }
        } catch {
            print("simulate benchmark failed: \(error)")
        }
    }

    /// `run` as deployed: on a fresh copy of `prepared`, one `runUntilIdle`
    /// per hour of the week at the end of that hour.
    static func hourlyRun(prepared: String, working: String) throws -> (events: Int, wall: Double, cpu: Double) {
        try copy(prepared, to: working)
        let store = try EngineStore.open(path: working)
        let engine = Engine(store: store.creator(user), options: EngineOptions(batchSize: 1_000, staleAfterSeconds: 30 * 86_400))
        let start = ContinuousClock.now
        let cpu = ProcessCPU.seconds()
        var events = 0
        for hour in 1...Int64(7 * 24) {
            events += try engine.runUntilIdle(clock: from + hour * 3_600).events
        }
        return (events, seconds(since: start), ProcessCPU.seconds() - cpu)
    }

    /// A working copy of `prepared` by SQLite's backup: the cached file is
    /// only read (never migrated in place), and each copy, opened with
    /// `EngineStore.open`, migrates itself when the schema has moved on.
    static func copy(_ prepared: String, to path: String) throws {
        StoreFiles.remove(path)
        let source = try Database(path: prepared, options: Database.Options(readOnly: true))
        try source.backup(into: path)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Seeds, deploys and simulates the week once; later runs reuse the file.
    static func preparedStore(fans: Int, rulesFolder: String) throws -> String {
        let path = NSTemporaryDirectory() + "rulec-bench-simulate-\(fans)-v1.sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let building = path + ".building"
        StoreFiles.remove(building)
        do {
            let store = try EngineStore.open(path: building)
            try Seeder.run(SeedOptions(fans: fans, seed: 6, userID: user, now: from), into: store)
            let names = try FileManager.default.contentsOfDirectory(atPath: rulesFolder).filter { $0.hasSuffix(".rules") }.sorted()
            let files = try names.enumerated().map { index, name in
                SourceFile(id: FileID(UInt32(index)), path: "Rules/" + name,
                           bytes: Array(try Data(contentsOf: URL(fileURLWithPath: rulesFolder + "/" + name))))
            }
            _ = try Deployer.deploy(files: files, to: store.creator(user), now: from)
            for day in 0..<7 {
                var simulator = DaySimulator(store: store.creator(user), start: from + Int64(day) * 86_400, seed: UInt64(day + 1))
                _ = try simulator.run()
            }
            try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try FileManager.default.moveItem(atPath: building, toPath: path)
        return path
    }
}
