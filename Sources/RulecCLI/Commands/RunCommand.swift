import Dispatch
import Foundation
import Planning
import Runtime
import Store

/// `rulec run`: consume new events and due schedules, evaluate the deployed
/// rules, write runs, actions, effects and approval items, one transaction per
/// batch (docs/RUNTIME.md).
struct RunCommand: Command {
    static let path = ["run"]
    static let summary = "Run deployed rules over new events and due schedules"
    static let help = """
        Usage: rulec run [--once | --watch [--interval D]] [--dry-run] [--batch N] [--stale-after D]
                         [--now T] [--db FILE] [--user ID | --all-creators] [--format text|json]

        Consumes the creator's events since the engine's cursors (in time order, up to the
        clock) and the schedule slots due at the clock, runs the deployed rules, and writes
        their runs, actions, effects and approval items together with the cursor advance,
        in one transaction per batch. Delayed actions (`after`) that came due run first and
        count as actions of this run; one that came due more than the stale age before the
        run is recorded `expired` and not executed.

        Options:
          --once            run batches until no event is left, then exit (the default)
          --watch           keep running: a pass every --interval until SIGINT/SIGTERM,
                            which finish the current batch first
          --interval D      time between --watch passes (default 10s; 30s, 5m, 1h)
          --dry-run         do all of it in a transaction that is rolled back; print what
                            would happen
          --batch N         at most N events per batch (default 1000)
          --stale-after D   events older than this when consumed fire nothing, and delayed
                            actions due longer ago than this expire (default 24h)
          --now T           the clock: ISO 8601 or Unix seconds (default the system clock)
          --db FILE         the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID         the creator (default $RULEC_USER)
          --all-creators    every creator of the store instead of one, one batch per creator at
                            a time; on PostgreSQL any number of such processes share the creators
                            (a creator busy in another process is passed over until the next pass)
          --format F        text (default) or json: {"events","runs","actions","queued_for_approval","errors",
                            "delayed_actions","scheduled","expired"}
        """

    static let knownOptions = ["--interval", "--batch", "--stale-after", "--format"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let allCreators = arguments.flag("--all-creators")
        if allCreators, try arguments.option("--user") != nil {
            throw CLIError.usage("--all-creators runs every creator of the store; it takes no --user")
        }
        let options = try StoreOptions.read(&arguments, context, userRequired: !allCreators)
        let watch = arguments.flag("--watch")
        let once = arguments.flag("--once")
        if watch && once { throw CLIError.usage("--once and --watch cannot be combined") }
        let dryRun = arguments.flag("--dry-run")
        let intervalText = try arguments.option("--interval")
        if !watch, intervalText != nil { throw CLIError.usage("--interval goes with --watch") }
        let interval = try duration(intervalText, flag: "--interval") ?? 10
        let staleAfter = try duration(arguments.option("--stale-after"), flag: "--stale-after") ?? EngineOptions.defaultStaleAfterSeconds
        let batch = try arguments.intOption("--batch") ?? 1_000
        guard batch > 0 else { throw CLIError.usage("--batch must be at least 1, not \(batch)") }
        let json: Bool
        switch try arguments.option("--format") ?? "text" {
        case "text": json = false
        case "json": json = true
        case let other: throw CLIError.usage("--format takes text or json, not '\(other)'")
        }
        if let extra = try arguments.positionals(known: knownOptions).first {
            throw CLIError.usage("run takes no arguments, got '\(extra)'")
        }

        let engineOptions = EngineOptions(batchSize: batch, staleAfterSeconds: staleAfter, dryRun: dryRun)
        if allCreators {
            return try AllCreatorsRun(options: options, engineOptions: engineOptions, watch: watch, interval: interval,
                                      json: json, dryRun: dryRun).run(context)
        }
        let session = try options.open(.write, context)
        let path = session.path, fixedNow = session.fixedNow
        let engine = Engine(store: session.creator,
                            options: EngineOptions(batchSize: batch, staleAfterSeconds: staleAfter, dryRun: dryRun))
        let clock = { fixedNow ?? context.clock() }
        let print = { (report: RunReport) in
            context.standardOutput.print(json ? report.summaryJSON.serialized() : report.text(dryRun: dryRun))
        }
        do {
            guard watch else {
                let report = try engine.runUntilIdle(clock: clock())
                print(report)
                return report.errors > 0 ? .inputErrors : .success
            }
            let stop = StopSignal()
            while !stop.requested {
                let report = try engine.runUntilIdle(clock: clock(), shouldStop: { stop.requested })
                if report.didSomething || json { print(report) }
                stop.wait(seconds: interval)
            }
            return .success
        } catch let error as CLIError {
            throw error
        } catch {
            throw StoreOptions.cliError(error, path: path)
        }
    }

    /// `30s`, `5m`, `24h`, `7d`, `2w`, or plain seconds.
    static func duration(_ text: String?, flag: String) throws -> Int64? {
        guard let text else { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        if let seconds = Int64(text), seconds > 0 { return seconds }
        if let unit = text.last, let length = units[unit], let count = Int64(text.dropLast()), count > 0 {
            return count * length
        }
        throw CLIError.usage("\(flag) takes a duration like 30s, 5m, 24h or 7d, not '\(text)'")
    }
}

/// SIGINT/SIGTERM during `--watch`: noted, so the current batch finishes and
/// the loop ends instead of the process dying mid-transaction.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool { lock.withLock { stopped } }

    private func request() { lock.withLock { stopped = true } }

    /// Sleeps up to `seconds`, waking early when a stop is requested.
    func wait(seconds: Int64) {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while !requested && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    }
}
