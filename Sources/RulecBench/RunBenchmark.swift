import Foundation
import Planning
import Runtime
import Store
import Syntax

/// `run`: a 100,000-fan seeded store, 50 deployed rules over every kind of
/// trigger, 100,000 new events inserted after the deploy, then the engine
/// consumes them all (`Engine.runUntilIdle`, batches of 1,000, each its own
/// durable transaction). Reports events/s and the peak RSS of the engine part.
/// The goal (issue 6) is 10,000 events/s.
///
/// The prepared store is kept in the temporary folder and reused (copied) by
/// later invocations, so profiling does not reseed each time.
enum RunBenchmark {
    static let user = "bench_creator"
    static let deployedAt = SeedOptions.defaultNow
    static let eventSpan: Int64 = 20 * 3_600

    /// The policy `RULEC_BENCH_POLICY=1` deploys on top of the program (deploy
    /// merges, so the 50 rules stay): caps a creator would keep, quiet hours.
    static let policy = """
        policy {
          limit 2 sends per fan per 1d
          limit 5 sends per fan per 7d
          quiet hours 22:00 to 08:00
        }
        """

    static func run(fans: Int = 100_000, events: Int = 100_000, batch: Int = 1_000, withPolicy: Bool = false) {
        do {
            let prepared = try preparedStore(fans: fans, events: events)
            let working = NSTemporaryDirectory() + "rulec-bench-run-\(getpid()).sqlite"
            defer { StoreFiles.remove(working) }
            try? FileManager.default.removeItem(atPath: working)
            try FileManager.default.copyItem(atPath: prepared, toPath: working)

            let store = try EngineStore.open(path: working)
            try ChangeLogMode.current.apply(to: store, user: user)
            if withPolicy {
                _ = try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "policy.rules", text: policy)],
                                        to: store.creator(user), now: deployedAt)
            }
            let synchronous = try store.database.scalar("PRAGMA synchronous").int64 ?? -1
            let engine = Engine(store: store.creator(user), options: EngineOptions(batchSize: batch))
            resetPeakRSS()
            let start = ContinuousClock.now
            let cpuStart = ProcessCPU.seconds()
            let report = try engine.runUntilIdle(clock: deployedAt + eventSpan + 3_600)
            let elapsed = ContinuousClock.now - start
            let cpu = ProcessCPU.seconds() - cpuStart
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("run: \(fans) fans, 50 rules\(withPolicy ? " + policy" : ""), \(report.events) events in \(report.batches) batches of \(batch), "
                  + "synchronous=\(synchronous) (2 = FULL), journal WAL, change log \(ChangeLogMode.current)")
            print("  \(String(format: "%.2f", seconds)) s, \(Int(Double(report.events) / seconds)) events/s, "
                  + "CPU \(String(format: "%.2f", cpu)) s, peak RSS \(peakRSSKilobytes() / 1024) MiB")
            print("  " + report.summaryJSON.serialized())
            print("  cascades \(report.cascadeEvents), stale \(report.staleEvents)"
                  + (withPolicy ? ", policy skipped \(report.policySkipped), deferred \(report.policyDeferred)" : ""))
        } catch {
            print("run benchmark failed: \(error)")
        }
    }

    /// Seeds, deploys and inserts the events once; later runs reuse the file.
    static func preparedStore(fans: Int, events: Int) throws -> String {
        let path = NSTemporaryDirectory() + "rulec-bench-run-\(fans)-\(events)-v1.sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let building = path + ".building"
        StoreFiles.remove(building)
        do {
            let store = try EngineStore.open(path: building)
            let seedStart = ContinuousClock.now
            try Seeder.run(SeedOptions(fans: fans, seed: 6, userID: user, now: deployedAt), into: store)
            print("  (seeded \(fans) fans in \(ContinuousClock.now - seedStart))")
            let creator = store.creator(user)
            _ = try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "bench.rules", text: RunBenchmarkProgram.text())],
                                    to: creator, now: deployedAt)
            try RunBenchmarkEvents.insert(events, into: creator, from: deployedAt, span: eventSpan)
            try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try FileManager.default.moveItem(atPath: building, toPath: path)
        return path
    }

    /// Linux: writing 5 to clear_refs resets VmHWM, so the peak is the engine's own.
    static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func peakRSSKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
}

/// `RULEC_BENCH_CHANGE_LOG`: the state of migration 16's change-log triggers
/// during `run` — `idle` (default: no segment was ever refreshed, so they
/// write nothing), `active` (the creator has a refresh mark: every write to a
/// table a condition reads appends to fan_changes), `dropped` (no triggers).
enum ChangeLogMode: String, CustomStringConvertible {
    case idle, active, dropped

    static var current: ChangeLogMode {
        ProcessInfo.processInfo.environment["RULEC_BENCH_CHANGE_LOG"].flatMap(ChangeLogMode.init(rawValue:)) ?? .idle
    }

    var description: String { rawValue }

    func apply(to store: Store, user: String) throws {
        switch self {
        case .idle:
            break
        case .active:
            let creator = store.creator(user)
            let segment = try creator.insert("INSERT INTO fan_segments (user_id, name, definition) VALUES (:user, 'bench_change_log', 'true')")
            try creator.execute("INSERT INTO fan_segment_refresh_marks (segment_id, user_id, refreshed_at, change_id, fingerprint) VALUES (?, :user, 0, 0, '')",
                                [.integer(segment)])
        case .dropped:
            let names = try store.database.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_log\\_%' ESCAPE '\\'")
            for row in names { if case .text(let name) = row[0] { try store.database.execute("DROP TRIGGER \(name)") } }
        }
    }
}
