import Foundation
import Planning
import Runtime
import Semantics
import Starter
import Store
import Syntax

/// `rulec demo`: the main job on an embedded default (RULEC.md). A new store
/// in a fresh folder, a seeded creator, the starter library deployed, segments
/// refreshed, a day of activity, the rules run over it, and a summary a creator
/// can read: what fired, what was sent, tagged and noted, what waits for approval.
///
/// The day ends at the clock (`--now`, else the wall clock), so the store is
/// current when the demo ends: windows (`within 7d`) see the day, approval
/// items are fresh, and every command the summary suggests works when pasted.
struct DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "The whole story on a fresh store: seed, deploy the starter rules, run a day, summarize"
    static let help = """
        Usage: rulec demo [--dir DIR] [--fans N] [--rules PATH]... [--seed S] [--now T]

        Creates a new SQLite store in DIR (default: a new temporary folder), seeds a
        realistic creator with N fans (default 3000), deploys the starter rule library
        (built into rulec; the same files `rulec init` writes), refreshes segments,
        simulates the day up to now, runs the rules over it, and prints what happened.
        The store is kept, so you can look around afterwards: the summary ends with
        commands (`rulec hitl`, `rulec why`, `rulec repl`) that work pasted as they are.
        If a step fails, the demo removes what it created.

        Options:
          --dir DIR      where to create crm.sqlite (must not hold one already)
          --fans N       fans to seed (default 3000)
          --rules PATH   deploy these rule files or folders instead of the starter library
          --seed S       the seed of the synthetic data (default 1)
          --now T        end the day at T (ISO 8601 or Unix seconds) instead of now;
                         the suggested commands then carry --now T too
        """

    static let user = "demo_creator"
    static let dayLength: Int64 = 86_400

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let directory = try arguments.option("--dir")
        let fans = try arguments.intOption("--fans") ?? 3_000
        let seed = try arguments.intOption("--seed") ?? 1
        let rulePaths = try arguments.options("--rules")
        let fixedNow = try StoreOptions.now(&arguments, context)
        let extra = try arguments.positionals(known: ["--dir", "--fans", "--rules", "--seed", "--now"])
        guard extra.isEmpty else { throw CLIError.usage("demo takes no arguments, got '\(extra[0])'") }
        guard fans >= 1 else { throw CLIError.usage("--fans must be at least 1") }

        // The program before the folder: a mistyped --rules leaves nothing behind.
        let files = try rulePaths.isEmpty ? starterFiles() : ProgramLoader(workingDirectory: context.workingDirectory).load(rulePaths)
        let end = fixedNow ?? context.clock()
        let start = end - dayLength
        let folder = try DemoFolder.make(directory, context)
        do {
            return try runDay(files: files, fans: fans, seed: UInt64(seed), folder: folder, start: start, end: end,
                              fixedNow: fixedNow != nil, starter: rulePaths.isEmpty, context)
        } catch {
            folder.removeWhatWasMade()
            switch error {
            case let error as CLIError: throw error
            case let error as DeployError: throw CLIError.io("the rules could not be deployed: \(error)")
            default: throw StoreOptions.cliError(error, path: folder.databasePath)
            }
        }
    }

    /// The compiled-in starter library, numbered in path order like files read from disk.
    static func starterFiles() -> [SourceFile] {
        StarterLibrary.files.enumerated().map { SourceFile(id: FileID(UInt32($0.offset)), path: $0.element.path, text: $0.element.text) }
    }

    private static func runDay(files: [SourceFile], fans: Int, seed: UInt64, folder: DemoFolder, start: Int64, end: Int64,
                               fixedNow: Bool, starter: Bool, _ context: CommandContext) throws -> ExitCode {
        let progress = DemoProgress(stream: context.standardError)
        let store = try progress.step("Creating the store at \(folder.databasePath)") { try EngineStore.open(path: folder.databasePath) }
        let creator = store.creator(user)
        try progress.step("Seeding a creator with \(fans) fan\(fans == 1 ? "" : "s")") {
            try Seeder.run(SeedOptions(fans: fans, seed: seed, userID: user, now: start), into: store,
                           progressEvery: max(fans / 10, 1)) { progress.update("\($0.fansWritten)/\($0.fansTotal) fans") }
        }
        let what = starter ? "the starter library (\(files.count) file\(files.count == 1 ? "" : "s"))"
                           : "\(files.count) rule file\(files.count == 1 ? "" : "s")"
        let deployed = try progress.step("Deploying \(what)") { try Deployer.deploy(files: files, to: creator, now: start) }
        guard let program = try DeployedProgram.load(from: creator)?.program else {
            throw CLIError.io("the deployed program could not be read back")
        }
        let zone = try CreatorTimeZone.load(from: creator)
        let refresher = SegmentRefresher(store: creator, program: program)
        try progress.step("Materializing segments") { _ = try refresher.refresh(now: start, zone: zone) }
        let day = try progress.step("Simulating a day of fan activity") {
            var simulator = DaySimulator(store: creator, start: start, length: dayLength, seed: seed)
            return try simulator.run()
        }
        let changes = try progress.step("Refreshing segments at the end of the day") { try refresher.refresh(now: end, zone: zone) }
        let report = try progress.step("Running the rules over the day") { try Engine(store: creator).runUntilIdle(clock: end) }
        let activity = try ActivityReport.load(from: creator, preferredRules: program.rules.filter { $0.condition != nil }.map(\.name))
        let summary = DemoSummary(databasePath: folder.databasePath, user: user, now: fixedNow ? end : nil, deployed: deployed,
                                  day: day, segmentChanges: changes, report: report, activity: activity, start: start, end: end)
        context.standardOutput.print(summary.text)
        return .success
    }
}

/// Where the demo's store goes, and what the demo made to put it there, so a
/// failed run can take back exactly that (never a folder the user already had).
struct DemoFolder {
    let path: String
    /// The outermost folder the demo created (`--dir a/b/c` with no `a` makes `a`), if any.
    let createdRoot: String?
    var databasePath: String { path + "/crm.sqlite" }

    static func make(_ directory: String?, _ context: CommandContext) throws -> DemoFolder {
        let manager = FileManager.default
        guard let directory else {
            let path = manager.temporaryDirectory.appendingPathComponent("rulec-demo-\(UUID().uuidString.prefix(8))").path
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw CLIError.io("cannot create a temporary folder at \(path): \(error.localizedDescription)")
            }
            return DemoFolder(path: path, createdRoot: path)
        }
        let path = ProgramLoader.tidy(directory.hasPrefix("/") ? directory : context.workingDirectory + "/" + directory)
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIError.usage("\(directory) is a file; give --dir a folder") }
            guard !manager.fileExists(atPath: path + "/crm.sqlite") else {
                throw CLIError.usage("\(path)/crm.sqlite already exists; give --dir a new folder")
            }
            return DemoFolder(path: path, createdRoot: nil)
        }
        var root = path
        while case let parent = (root as NSString).deletingLastPathComponent, parent != root, !manager.fileExists(atPath: parent) {
            root = parent
        }
        do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CLIError.io("cannot create \(directory): \(error.localizedDescription)")
        }
        return DemoFolder(path: path, createdRoot: root)
    }

    /// The folders the demo made, else only the store's files.
    func removeWhatWasMade() {
        let manager = FileManager.default
        if let createdRoot {
            try? manager.removeItem(atPath: createdRoot)
        } else {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: databasePath + suffix) }
        }
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
