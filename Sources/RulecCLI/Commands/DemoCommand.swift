import Foundation
import Planning
import Runtime
import Semantics
import Store
import Syntax

/// `rulec demo`: the main job on an embedded default (RULEC.md). A new store
/// in a fresh folder, a seeded creator, `Rules/` deployed, segments refreshed,
/// a day of activity, the rules run over it, and a summary a creator can read:
/// what fired, what was sent, tagged and noted, and what waits for approval.
struct DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "The whole story on a fresh store: seed, deploy Rules/, run a day, summarize"
    static let help = """
        Usage: rulec demo [--dir DIR] [--fans N] [--rules PATH]... [--seed S]

        Creates a new SQLite store in DIR (default: a new temporary folder), seeds a
        realistic creator with N fans (default 3000), deploys the rules (default
        ./Rules), refreshes segments, simulates a day of fan activity, runs the rules
        over it, and prints what happened. The store is kept, so you can look around
        afterwards with `rulec repl`, `rulec hitl list` or `rulec why`.

        Options:
          --dir DIR      where to create crm.sqlite (must not hold one already)
          --fans N       fans to seed (default 3000)
          --rules PATH   rule files or folders (default ./Rules)
          --seed S       the seed of the synthetic data (default 1)
        """

    static let user = "demo_creator"

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let directory = try arguments.option("--dir")
        let fans = try arguments.intOption("--fans") ?? 3_000
        let seed = try arguments.intOption("--seed") ?? 1
        var rulePaths = try arguments.options("--rules")
        let extra = try arguments.positionals(known: ["--dir", "--fans", "--rules", "--seed"])
        guard extra.isEmpty else { throw CLIError.usage("demo takes no arguments, got '\(extra[0])'") }
        guard fans >= 1 else { throw CLIError.usage("--fans must be at least 1") }
        if rulePaths.isEmpty { rulePaths = ["Rules"] }

        let folder = try demoFolder(directory, context)
        let databasePath = folder + "/crm.sqlite"
        guard !FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError.usage("\(databasePath) already exists; give --dir a new folder")
        }
        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(rulePaths)
        let progress = DemoProgress(stream: context.standardError)

        do {
            let store = try progress.step("Creating the store at \(databasePath)") { try EngineStore.open(path: databasePath) }
            let creator = store.creator(user)
            let start = SeedOptions.defaultNow
            try progress.step("Seeding a creator with \(fans) fans") {
                try Seeder.run(SeedOptions(fans: fans, seed: UInt64(seed), userID: user, now: start), into: store,
                               progressEvery: max(fans / 10, 1)) { progress.update("\($0.fansWritten)/\($0.fansTotal) fans") }
            }
            let deployed = try progress.step("Deploying \(files.count) rule file\(files.count == 1 ? "" : "s")") {
                try Deployer.deploy(files: files, to: creator, now: start)
            }
            guard let program = try DeployedProgram.load(from: creator)?.program else {
                throw CLIError.io("the deployed program could not be read back")
            }
            let zone = try CreatorTimeZone.load(from: creator)
            let refresher = SegmentRefresher(store: creator, program: program)
            try progress.step("Materializing segments") { _ = try refresher.refresh(now: start, zone: zone) }
            let day = try progress.step("Simulating a day of fan activity") {
                var simulator = DaySimulator(store: creator, start: start, seed: UInt64(seed))
                return try simulator.run()
            }
            let end = start + 86_400
            let changes = try progress.step("Refreshing segments at the end of the day") { try refresher.refresh(now: end, zone: zone) }
            let report = try progress.step("Running the rules over the day") {
                try Engine(store: creator).runUntilIdle(clock: end)
            }
            let summary = DemoSummary(store: creator, databasePath: databasePath, user: user, deployed: deployed,
                                          day: day, segmentChanges: changes, report: report, start: start, end: end)
            context.standardOutput.print(try summary.text)
        } catch let error as CLIError {
            throw error
        } catch let error as DeployError {
            throw CLIError.io("the rules could not be deployed: \(error)")
        } catch {
            throw StoreOptions.cliError(error, path: databasePath)
        }
        return .success
    }

    private static func demoFolder(_ directory: String?, _ context: CommandContext) throws -> String {
        let manager = FileManager.default
        if let directory {
            let path = directory.hasPrefix("/") ? directory : context.workingDirectory + "/" + directory
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw CLIError.io("cannot create \(directory): \(error.localizedDescription)")
            }
            return path
        }
        let path = manager.temporaryDirectory.appendingPathComponent("rulec-demo-\(UUID().uuidString.prefix(8))").path
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Progress lines on stderr: one line per step with its time, redrawn in
/// place on a terminal while a long step reports its own progress.
final class DemoProgress {
    let stream: OutputStream
    private var current = ""

    init(stream: OutputStream) { self.stream = stream }

    @discardableResult
    func step<T>(_ title: String, _ body: () throws -> T) rethrows -> T {
        current = title
        if stream.isTerminal { stream.print("  \(title)…", terminator: "") }
        let start = Date()
        let result = try body()
        let seconds = Date().timeIntervalSince(start)
        let line = String(format: "✓ %@ (%.1f s)", title, seconds)
        stream.print(stream.isTerminal ? "\r\u{1B}[2K" + line : line)
        return result
    }

    func update(_ detail: String) {
        guard stream.isTerminal else { return }
        stream.print("\r\u{1B}[2K  \(current)… \(detail)", terminator: "")
    }
}
