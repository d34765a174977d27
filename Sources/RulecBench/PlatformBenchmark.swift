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
/// time from the first process's start to the last one's exit, events/s, the
/// workers' CPU time and the load average, and checks what the run did (below).
///
/// The creators come from `templates` seeds: creator k is seeded with seed
/// ((k − 1) mod templates) + 1 (`RULEC_BENCH_TEMPLATES`, 10 by default). On
/// PostgreSQL only the first `templates` creators go through the seeder and the
/// deployer; the others are copies of theirs made in SQL on the server
/// (`PlatformReplicator`), which takes minutes for 1,000 creators where seeding
/// each took 45 (`RULEC_BENCH_PREPARE=seed` seeds every creator instead). After
/// each measurement `PlatformCheck` compares every creator's rule runs and
/// actions with its template creator's: a copy must behave exactly as the
/// seeded creator it copies, and a seeded creator as another seeded with the
/// same seed; its fingerprint is comparable between the two preparations.
///
/// `RULEC_BENCH_PG_URL` (a server URL) runs it on PostgreSQL: the prepared
/// data is a database kept on the server (named `RULEC_BENCH_PG_PREFIX`_…,
/// `rulec_bench_platform` by default) and copied for each measurement
/// (`CREATE DATABASE … TEMPLATE`). Without it, on SQLite (a file in the
/// temporary folder, copied), where the workers queue on the file's lock.
/// The workers are the `rulec` built beside this benchmark
/// (`swift build -c release --product rulec`).
enum PlatformBenchmark {
    static let deployedAt = SeedOptions.defaultNow
    static let span: Int64 = 20 * 3_600

    /// How the store is prepared and named.
    struct Preparation {
        var creators: Int, fans: Int, events: Int, templates: Int
        /// Copies made in SQL (PostgreSQL only), or every creator seeded and deployed.
        var copies: Bool

        var name: String {
            let prefix = ProcessInfo.processInfo.environment["RULEC_BENCH_PG_PREFIX"] ?? "rulec_bench_platform"
            return "\(prefix)_\(creators)_\(fans)_\(events)_t\(templates)_\(copies ? "copied" : "seeded")_v2"
        }

        /// The creator whose seed creator `user` shares (itself for the first `templates`).
        func template(of user: String) -> String {
            guard let index = Int(user.dropFirst("creator_".count)) else { return user }
            return PlatformBenchmark.creatorID((index - 1) % templates + 1)
        }
    }

    static func run(creators: Int, fans: Int, events: Int, workers: [Int]) {
        let environment = ProcessInfo.processInfo.environment
        let server = environment["RULEC_BENCH_PG_URL"]
        let rulec = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rulec")
        guard FileManager.default.isExecutableFile(atPath: rulec.path) else {
            print("platform benchmark: no rulec beside RulecBench; build it: swift build -c release --product rulec")
            return
        }
        let templates = min(creators, max(1, environment["RULEC_BENCH_TEMPLATES"].flatMap { Int($0) } ?? 10))
        let preparation = Preparation(creators: creators, fans: fans, events: events, templates: templates,
                                      copies: server != nil && environment["RULEC_BENCH_PREPARE"] != "seed")
        do {
            let prepared: String
            if let server {
                prepared = try preparePostgres(server: server, preparation)
            } else {
                prepared = try prepareSQLite(preparation)
            }
            let users = (1...creators).map(creatorID)
            print("platform: \(creators) creators × \(fans) fans, 50 rules each, \(events) new events per creator, "
                  + (server == nil ? "SQLite (WAL, synchronous=FULL)" : "PostgreSQL (synchronous_commit on)")
                  + ", \(templates) seeds, \(preparation.copies ? "copies made in SQL" : "every creator seeded")")
            for count in workers {
                let working = try copy(prepared, server: server, label: "w\(count)")
                defer { drop(working, server: server) }
                let load = loadAverage()
                let serverBefore = serverCPU()
                let childrenBefore = childrenCPU()
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
                let seconds = (ContinuousClock.now - start).totalSeconds
                let cpu = childrenCPU() - childrenBefore
                let serverTime = serverCPU().map { $0 - (serverBefore ?? 0) }
                print("  \(count) worker\(count == 1 ? "" : "s"): \(consumed) events, \(runs) rule runs, \(errors) errors in "
                      + "\(String(format: "%.2f", seconds)) s: \(Int(Double(consumed) / seconds)) events/s; workers' CPU "
                      + String(format: "%.2f", cpu) + " s"
                      + (serverTime.map { String(format: ", server sessions' CPU %.2f s", $0) } ?? "")
                      + "; load \(load) → \(loadAverage())")
                let database = try Database(path: working)
                print("    " + (try PlatformCheck.report(database, creators: users, template: preparation.template(of:))))
            }
        } catch {
            print("platform benchmark failed: \(error)")
        }
    }

    static func creatorID(_ index: Int) -> String { String(format: "creator_%04d", index) }

    /// Seeds creators `range` (creator k with its template's seed), deploys the
    /// program for each, inserts their events.
    static func fill(_ store: Store, creators range: ClosedRange<Int>, _ preparation: Preparation) throws {
        let started = ContinuousClock.now
        let program = [SourceFile(id: FileID(0), path: "bench.rules", text: RunBenchmarkProgram.text())]
        for index in range {
            let user = creatorID(index)
            let seed = UInt64((index - 1) % preparation.templates + 1)
            try Seeder.run(SeedOptions(fans: preparation.fans, seed: seed, userID: user, now: deployedAt), into: store)
            let creator = store.creator(user)
            _ = try Deployer.deploy(files: program, to: creator, now: deployedAt)
            try RunBenchmarkEvents.insert(preparation.events, into: creator, from: deployedAt, span: span)
            if index % 100 == 0 || index == range.upperBound {
                print("  (seeded and deployed \(index) creators in \(ContinuousClock.now - started))")
            }
        }
    }

    static func preparePostgres(server: String, _ preparation: Preparation) throws -> String {
        let admin = try Database(path: server)
        let name = preparation.name
        let url = databaseURL(server, name)
        if try admin.scalar("SELECT 1 FROM pg_database WHERE datname = ?", [.text(name)]) == .integer(1) { return url }
        let building = name + "_building"
        try admin.execute("DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(building)")
        do {
            let started = ContinuousClock.now
            let store = try EngineStore.open(path: databaseURL(server, building))
            let seeded = preparation.copies ? preparation.templates : preparation.creators
            try fill(store, creators: 1...seeded, preparation)
            if seeded < preparation.creators {
                let copying = ContinuousClock.now
                let copies = (seeded + 1...preparation.creators).map { index in
                    (template: preparation.template(of: creatorID(index)), creator: creatorID(index))
                }
                let rows = try PlatformReplicator.replicate(store.database, copies: copies)
                print("  (copied \(copies.count) creators, \(rows) rows, in \(ContinuousClock.now - copying), with ANALYZE)")
            } else {
                try store.database.execute("ANALYZE")
            }
            print("  (prepared \(preparation.creators) creators in \(ContinuousClock.now - started))")
        }
        try admin.execute("ALTER DATABASE \(building) RENAME TO \(name)")
        return url
    }

    static func prepareSQLite(_ preparation: Preparation) throws -> String {
        let path = NSTemporaryDirectory() + preparation.name + ".sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let building = path + ".building"
        StoreFiles.remove(building)
        do {
            let store = try EngineStore.open(path: building)
            try fill(store, creators: 1...preparation.creators, preparation)
            try store.database.execute("ANALYZE")
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
            // FILE_COPY checkpoints before and after the copy, so the measurement
            // does not pay for writing the copy out (WAL_LOG would leave that to it).
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(source) STRATEGY FILE_COPY")
            return databaseURL(server, name)
        }
        let path = NSTemporaryDirectory() + "rulec-bench-platform-\(label)-\(getpid()).sqlite"
        StoreFiles.remove(path)
        try FileManager.default.copyItem(atPath: prepared, toPath: path)
        return path
    }

    static func drop(_ working: String, server: String?) {
        if let server, let admin = try? Database(path: server) {
            let name = URLComponents(string: working)!.path.dropFirst()
            try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        } else {
            StoreFiles.remove(working)
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
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output.path])
        }
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

    /// The 1-, 5- and 15-minute load averages.
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// User + system CPU seconds of this process's waited-for children (the workers).
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// User + system CPU seconds of the PostgreSQL server's ended sessions
    /// (the postmaster's reaped children), when `RULEC_BENCH_PG_PID` names the
    /// postmaster and /proc can read it: the workers' sessions end with them,
    /// but so does any other client's session that ends meanwhile.
    static func serverCPU() -> Double? {
        guard let pid = ProcessInfo.processInfo.environment["RULEC_BENCH_PG_PID"],
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state is field 3; cutime and cstime are fields 16 and 17.
        guard fields.count > 14, let user = Double(fields[13]), let system = Double(fields[14]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

extension Duration {
    var totalSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
