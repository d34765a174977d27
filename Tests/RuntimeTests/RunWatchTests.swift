import Foundation
import Store
import Testing

/// `rulec run --watch`: the real binary keeps consuming events pass after
/// pass, and SIGINT or SIGTERM ends it cleanly (exit 0) after the batch in
/// hand (docs/CLI.md, "rulec run").
@Suite(.serialized) struct RunWatchTests {
    typealias F = EngineFixture

    @Test(arguments: [SIGINT, SIGTERM])
    func anEventWrittenWhileItWatchesIsRunAndASignalEndsItCleanly(stopSignal: Int32) throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Thanks" { on transaction.tip then { note "thanks" } }"#)

        let watcher = try WatchingRun(database: f.path, clock: F.t0 + 2 * F.hour)
        defer { watcher.kill() }

        // `--format json` prints a summary after every pass. The tip is written
        // only once the first pass is over, so only a later pass of the loop
        // can run it: a --watch that stopped after one pass fails below.
        let firstPass = try #require(watcher.waitForPasses(1, timeout: 60).first, "no pass finished: \(watcher.errors)")
        #expect(firstPass["events"] == 0)
        let tip = try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)

        let runs = poll(timeout: 20) {
            (try? f.creator().rows("""
                SELECT r.outcome FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id
                WHERE r.user_id = :user AND a.name = 'Thanks' AND r.event_source = 'fan_transactions' AND r.event_id = ?
                """, [.integer(tip)]).map { $0[0].string ?? "" }) ?? []
        } until: { !$0.isEmpty }
        #expect(runs == ["matched"], "the watching run did not run the new tip; stderr: \(watcher.errors)")
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user AND fan_id = ?", [.integer(fan)]) == 1)
        #expect(watcher.isRunning, "--watch keeps running between passes")

        let status = watcher.stop(with: stopSignal, timeout: 15)
        #expect(status == .exited(0), "signal \(stopSignal) should end --watch with exit 0; stderr: \(watcher.errors)")
        // The pass that ran the tip reported it, and nothing ran twice.
        #expect(watcher.passes.contains { $0["events"] == 1 && $0["runs"] == 1 })
        #expect(try f.count("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user") == 1)
    }

    /// Calls `read` until `done` holds for its answer or `timeout` seconds pass; returns the last answer.
    private func poll<T>(timeout: TimeInterval, _ read: () -> T, until done: (T) -> Bool) -> T {
        let deadline = Date().addingTimeInterval(timeout)
        var value = read()
        while !done(value) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            value = read()
        }
        return value
    }
}

/// `rulec run --watch --interval 1s --format json` on a store, with its
/// summary lines collected as they come.
private final class WatchingRun {
    enum Status: Equatable {
        case running
        case exited(Int32)
        case signaled(Int32)
    }

    private let process = Process()
    private let output = LineCollector()
    private let errorOutput = LineCollector()

    init(database: String, clock: Int64) throws {
        process.executableURL = try EngineExactlyOnceTests.rulecBinary()
        process.arguments = ["run", "--watch", "--interval", "1s", "--now", String(clock), "--db", database,
                             "--user", "creator_a", "--format", "json"]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        output.start(stdout.fileHandleForReading)
        errorOutput.start(stderr.fileHandleForReading)
    }

    var isRunning: Bool { process.isRunning }

    var errors: String { errorOutput.lines.joined(separator: "\n") }

    /// Every summary printed so far, one per pass.
    var passes: [[String: Int]] {
        output.lines.compactMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) }
    }

    /// The summaries once at least `count` passes have finished, or what there is at the timeout.
    func waitForPasses(_ count: Int, timeout: TimeInterval) -> [[String: Int]] {
        let deadline = Date().addingTimeInterval(timeout)
        while passes.count < count && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return passes
    }

    /// Sends `signal` and waits up to `timeout` seconds for the process to end
    /// and for everything it printed to be collected.
    func stop(with signal: Int32, timeout: TimeInterval) -> Status {
        Glibc.kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { return .running }
        output.waitForEnd(until: deadline)
        errorOutput.waitForEnd(until: deadline)
        return process.terminationReason == .exit ? .exited(process.terminationStatus) : .signaled(process.terminationStatus)
    }

    /// Ends the process if a failed test left it running, so no watcher outlives its test.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// The lines a pipe delivers, read on a thread of their own so the child never
/// blocks on a full pipe while the test polls.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private let ended = DispatchSemaphore(value: 0)

    func start(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while case let data = handle.availableData, !data.isEmpty {
                lock.withLock { text += String(decoding: data, as: UTF8.self) }
            }
            ended.signal()
        }
    }

    /// Waits for the end of the pipe (the process exited and its last words were read).
    func waitForEnd(until deadline: Date) {
        _ = ended.wait(timeout: .now() + max(deadline.timeIntervalSinceNow, 0))
    }

    /// The complete lines so far (a line still being written is left out).
    var lines: [String] {
        lock.withLock {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.removeLast()
            return lines.filter { !$0.isEmpty }
        }
    }
}
