import Foundation
import Planning
import Runtime
import Store
import Syntax

/// `platform`: many creators, many workers (docs/SCALE.md). A store of
/// `creators` creators × `fans` fans each, the run benchmark's 50 rules
/// deployed for every creator, `events` new events per creator inserted after
/// the deploy; then 1, 2 and 4 `rulec run --all-creators --once` processes
/// consume them all, each batch its own durable transaction. Reports the wall
/// time from the first process's start to the last one's exit, and events/s.
///
/// `RULEC_BENCH_PG_URL` (a server URL) runs it on PostgreSQL: the prepared
/// data is a database kept on the server and copied for each measurement
/// (`CREATE DATABASE … TEMPLATE`). Without it, on SQLite (a file in the
/// temporary folder, copied), where the workers queue on the file's lock.
/// The workers are the `rulec` built beside this benchmark
/// (`swift build -c release --product rulec`).
enum PlatformBenchmark {
    static let deployedAt = SeedOptions.defaultNow
    static let span: Int64 = 20 * 3_600

    static func run(creators: Int, fans: Int, events: Int, workers: [Int]) {
        let environment = ProcessInfo.processInfo.environment
        let server = environment["RULEC_BENCH_PG_URL"]
        let rulec = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rulec")
        guard FileManager.default.isExecutableFile(atPath: rulec.path) else {
            print("platform benchmark: no rulec beside RulecBench; build it: swift build -c release --product rulec")
            return
        }
        do {
            let name = "rulec_bench_platform_\(creators)_\(fans)_\(events)_v1"
            let prepared: String
            if let server {
                prepared = try preparePostgres(server: server, name: name, creators: creators, fans: fans, events: events)
            } else {
                prepared = try prepareSQLite(name: name, creators: creators, fans: fans, events: events)
            }
            print("platform: \(creators) creators × \(fans) fans, 50 rules each, \(events) new events per creator, "
                  + (server == nil ? "SQLite (WAL, synchronous=FULL)" : "PostgreSQL (synchronous_commit on)"))
            for count in workers {
                let working = try copy(prepared, server: server, label: "w\(count)")
                defer { drop(working, server: server) }
                let start = ContinuousClock.now
                let processes = try (0..<count).map { _ in try startWorker(rulec, database: working) }
                var consumed = 0, errors = 0, runs = 0
                for (process, output) in processes {
                    process.waitUntilExit()
                    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                    try? FileManager.default.removeItem(at: output)
                    consumed += number("events", in: text)
                    runs += number("runs", in: text)
                    errors += number("errors", in: text)
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                print("  \(count) worker\(count == 1 ? "" : "s"): \(consumed) events, \(runs) rule runs, \(errors) errors in "
                      + "\(String(format: "%.2f", seconds)) s: \(Int(Double(consumed) / seconds)) events/s")
            }
        } catch {
            print("platform benchmark failed: \(error)")
        }
    }

    static func creatorID(_ index: Int) -> String { String(format: "creator_%04d", index) }

    /// Seeds every creator, deploys the program for each, inserts their events.
    static func fill(_ store: Store, creators: Int, fans: Int, events: Int) throws {
        let started = ContinuousClock.now
        let program = [SourceFile(id: FileID(0), path: "bench.rules", text: RunBenchmarkProgram.text())]
        for index in 1...creators {
            let user = creatorID(index)
            try Seeder.run(SeedOptions(fans: fans, seed: UInt64(index), userID: user, now: deployedAt), into: store)
            let creator = store.creator(user)
            _ = try Deployer.deploy(files: program, to: creator, now: deployedAt)
            try RunBenchmarkEvents.insert(events, into: creator, from: deployedAt, span: span)
            if index % 100 == 0 { print("  (prepared \(index) creators in \(ContinuousClock.now - started))") }
        }
    }

    static func preparePostgres(server: String, name: String, creators: Int, fans: Int, events: Int) throws -> String {
        let admin = try Database(path: server)
        let url = databaseURL(server, name)
        if try admin.scalar("SELECT 1 FROM pg_database WHERE datname = ?", [.text(name)]) == .integer(1) { return url }
        let building = name + "_building"
        try admin.execute("DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(building)")
        do {
            let store = try EngineStore.open(path: databaseURL(server, building))
            try fill(store, creators: creators, fans: fans, events: events)
        }
        try admin.execute("ALTER DATABASE \(building) RENAME TO \(name)")
        return url
    }

    static func prepareSQLite(name: String, creators: Int, fans: Int, events: Int) throws -> String {
        let path = NSTemporaryDirectory() + name + ".sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let building = path + ".building"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) }
        do {
            let store = try EngineStore.open(path: building)
            try fill(store, creators: creators, fans: fans, events: events)
            try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try FileManager.default.moveItem(atPath: building, toPath: path)
        return path
    }

    /// A fresh copy of the prepared data for one measurement.
    static func copy(_ prepared: String, server: String?, label: String) throws -> String {
        if let server {
            let admin = try Database(path: server)
            let source = URLComponents(string: prepared)!.path.dropFirst()
            let name = "\(source)_\(label)_\(getpid())"
            try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(source)")
            return databaseURL(server, name)
        }
        let path = NSTemporaryDirectory() + "rulec-bench-platform-\(label)-\(getpid()).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: prepared, toPath: path)
        return path
    }

    static func drop(_ working: String, server: String?) {
        if let server, let admin = try? Database(path: server) {
            let name = URLComponents(string: working)!.path.dropFirst()
            try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: working + suffix) }
        }
    }

    static func databaseURL(_ server: String, _ name: String) -> String {
        var components = URLComponents(string: server)!
        components.path = "/" + name
        return components.string!
    }

    /// One worker, its JSON summary written to a file (a pipe could fill and block it).
    static func startWorker(_ rulec: URL, database: String) throws -> (Process, URL) {
        let output = URL(fileURLWithPath: NSTemporaryDirectory() + "rulec-bench-worker-\(UUID().uuidString).json")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = rulec
        process.arguments = ["run", "--all-creators", "--once", "--db", database, "--now", String(deployedAt + span + 3_600),
                             "--format", "json"]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.standardError
        try process.run()
        return (process, output)
    }

    static func number(_ key: String, in json: String) -> Int {
        guard let match = json.firstMatch(of: try! Regex("\"\(key)\":(\\d+)")),
              let text = match.output[1].substring else { return 0 }
        return Int(text) ?? 0
    }
}
