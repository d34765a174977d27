import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
@testable import Store

/// RULEC.md "Safety of everyday use": only `db init`, `db seed` and `demo`
/// create a store; a creator the store does not know is refused; reading
/// commands work on a file and folder nobody may write; `--now` is read one
/// way everywhere and a clock a century away is refused.
@Suite(.serialized) struct StoreSafetyTests {
    static let rules = """
        segment whales "Top spenders" { fan.lifetime_spend >= $500 }
        rule "Tag whales" {
          on schedule daily at 09:00
          when fan in whales
          then { tag "whale" }
        }
        rule "Greet" {
          on fan.created
          then { send "welcome" requires approval }
        }
        """
    static let now = ["--now", "2026-11-24T10:00:00Z"]

    /// A folder with a seeded store (creators `creator_a` and `creator_b`) and `rules.rules`.
    final class Workspace {
        let folder: TemporaryFolder
        var database: String { folder.path("crm.sqlite") }

        init(seed: Bool = true) throws {
            folder = try TemporaryFolder("safety")
            try folder.write(StoreSafetyTests.rules, to: "rules.rules")
            guard seed else { return }
            let store = try Store.open(path: database)
            try Seeder.run(SeedOptions(fans: 30, userID: "creator_a"), into: store)
            try Seeder.run(SeedOptions(fans: 3, userID: "creator_b"), into: store)
        }

        func run(_ words: [String], environment: [String: String] = [:]) -> (code: ExitCode, out: String, err: String) {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": database, "RULEC_USER": "creator_a", "NO_COLOR": "1"].merging(environment) { $1 },
                                         standardOutput: out.stream, standardError: err.stream, workingDirectory: folder.path,
                                         clock: TestClock.clock)
            return (Rulec.main(words, context: context), out.text, err.text)
        }
    }

    /// Every command that reads or writes a creator's data, with arguments that
    /// would otherwise get past its own checks.
    static let dataCommands: [[String]] = [
        ["segment", "eval", "true"], ["segments", "refresh", "--rules", "rules.rules"], ["run"], ["run", "--dry-run"],
        ["why", "Tag whales", "--fan", "1", "--rules", "rules.rules"], ["hitl", "list"], ["hitl", "show", "1"],
        ["hitl", "approve", "1"], ["hitl", "reject", "1"], ["pause", "Greet"], ["resume", "Greet"], ["deploy", "rules.rules"],
        ["check", "rules.rules", "--db", "crm.sqlite", "--user", "creator_a"],
        ["rules"], ["scheduled"], ["scheduled", "cancel", "1"], ["deploy", "rules.rules", "--dry-run"],
    ]

    /// `--now` for every command that has a clock (`check` has none).
    static func clock(for command: [String]) -> [String] { command[0] == "check" ? [] : now }

    // MARK: Only db init, db seed and demo create a store

    @Test(arguments: dataCommands)
    func aMissingStoreIsRefusedAndNotCreated(_ command: [String]) throws {
        let workspace = try Workspace(seed: false)
        let result = workspace.run(command + Self.clock(for: command))
        #expect(result.code == .usageOrIO, "\(command): \(result.err)")
        #expect(result.err.contains("no store at \(workspace.database)"), "\(command): \(result.err)")
        #expect(result.err.contains("rulec db init"), "\(command): \(result.err)")
        #expect(!FileManager.default.fileExists(atPath: workspace.database), "\(command) created the store")
    }

    @Test func theReplRefusesAMissingStoreToo() throws {
        let workspace = try Workspace(seed: false)
        let result = workspace.run(["repl", "--no-history"] + Self.now)
        #expect(result.code == .usageOrIO && result.err.contains("no store at \(workspace.database)"))
        #expect(!FileManager.default.fileExists(atPath: workspace.database))
    }

    @Test func anEmptyFileIsNotAStore() throws {
        let workspace = try Workspace(seed: false)
        try workspace.folder.write("", to: "crm.sqlite")
        let result = workspace.run(["segment", "eval", "true"] + Self.now)
        #expect(result.code == .usageOrIO)
        #expect(result.err.contains("is not a rulec store"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)).isEmpty, "nothing was written to it")
    }

    @Test func dbInitAndDbSeedStillCreate() throws {
        let workspace = try Workspace(seed: false)
        #expect(workspace.run(["db", "init"]).code == .success)
        #expect(FileManager.default.fileExists(atPath: workspace.database))
        let other = workspace.folder.path("other.sqlite")
        #expect(workspace.run(["db", "seed", "--fans", "2", "--db", other, "--now", "2026-11-24"]).code == .success)
        #expect(FileManager.default.fileExists(atPath: other))
    }

    // MARK: Unknown creators

    @Test(arguments: dataCommands)
    func anUnknownCreatorIsRefusedWithADidYouMean(_ command: [String]) throws {
        let workspace = try Workspace()
        let result = workspace.run(command.map { $0 == "creator_a" ? "creator_c" : $0 } + Self.clock(for: command), environment: ["RULEC_USER": "creator_c"])
        #expect(result.code == .usageOrIO, "\(command): \(result.err)")
        #expect(result.err.contains("creator 'creator_c' is not in \(workspace.database)"), "\(command): \(result.err)")
        #expect(result.err.contains("Did you mean 'creator_a'?"))
        #expect(result.err.contains("Creators in this store: creator_a, creator_b"))
        #expect(result.out.isEmpty, "no empty answer for a mistyped creator: \(result.out)")
    }

    @Test func aStoreWithoutCreatorsSaysHowToAddOne() throws {
        let workspace = try Workspace(seed: false)
        #expect(workspace.run(["db", "init"]).code == .success)
        let result = workspace.run(["hitl", "list"] + Self.now)
        #expect(result.code == .usageOrIO)
        #expect(result.err.contains("the store has no creators yet: `rulec db seed --user ID` adds one"))
    }

    // MARK: Read-only stores

    @Test func readingCommandsOpenTheStoreReadOnlyAndWritingOnesReadWrite() throws {
        let workspace = try Workspace()
        let options = StoreOptions(databasePath: workspace.database, user: "creator_a", nowText: nil)
        let context = CommandContext(environment: [:], standardOutput: OutputStream.Capture().stream,
                                     standardError: OutputStream.Capture().stream, workingDirectory: workspace.folder.path,
                                     clock: TestClock.clock)
        #expect(try options.open(.read, context).store.database.isReadOnly)
        #expect(try !options.open(.write, context).store.database.isReadOnly)
    }

    /// The reading commands, run by the binary as a user who may not write the
    /// file or its folder (as root, through `setpriv` as nobody: root's writes
    /// ignore permissions, so running as root would test nothing).
    @Test func readingCommandsWorkOnAFileAndFolderNobodyMayWrite() throws {
        let workspace = try Workspace()
        let whale = try #require(try Store.open(path: workspace.database).creator("creator_a")
            .scalar("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT 1").int64)
        #expect(workspace.run(["deploy", "rules.rules"] + Self.now).code == .success)
        try ReadOnlyFolder.lock(workspace.folder)
        defer { ReadOnlyFolder.unlock(workspace.folder) }

        let reads: [[String]] = [
            ["segment", "eval", "fan in whales", "--format", "json"],
            ["why", "Tag whales", "--fan", String(whale)],
            ["hitl", "list"], ["hitl", "list", "--status", "all"],
            ["check", "rules.rules"],
            ["rules"], ["rules", "--format", "json"], ["scheduled"], ["scheduled", "list", "--format", "json"],
            ["deploy", "rules.rules", "--dry-run"],
        ]
        for words in reads {
            let result = try ReadOnlyFolder.runBinary(words + ["--db", "crm.sqlite", "--user", "creator_a"] + Self.clock(for: words),
                                                      in: workspace.folder)
            #expect(result.status == 0, "\(words): \(result.err)")
            #expect(!result.err.contains("readonly"), "\(words): \(result.err)")
        }
        let repl = try ReadOnlyFolder.runBinary(["repl", "--db", "crm.sqlite", "--user", "creator_a"] + Self.now, in: workspace.folder,
                                                input: "fan in whales\n")
        #expect(repl.status == 0 && repl.out.contains(" match ("), "\(repl.err)")

        // A command that writes says plainly that it cannot.
        let run = try ReadOnlyFolder.runBinary(["run", "--db", "crm.sqlite", "--user", "creator_a"] + Self.now, in: workspace.folder)
        #expect(run.status == 2)
        #expect(run.err.contains("cannot be written"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: workspace.database + "-wal"), "nothing beside the store")
    }

    /// A store copied with its write-ahead log but not its index, in a folder
    /// nobody may write: SQLite alone cannot open it; rulec reads the main file
    /// and says the log's changes are left out.
    @Test func aStoreWithAnUnindexedLogIsReadWithoutItAndSaysSo() throws {
        let source = try Workspace()
        let copy = try Workspace(seed: false)
        let writer = try Database(path: source.database)
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        try writer.execute("UPDATE creator_profiles SET display_name = 'changed' WHERE user_id = 'creator_a'")
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: source.database + suffix, toPath: copy.database + suffix)
        }
        #expect(FileManager.default.fileExists(atPath: copy.database + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: copy.database + "-shm"))
        try ReadOnlyFolder.lock(copy.folder)
        defer { ReadOnlyFolder.unlock(copy.folder) }
        let result = try ReadOnlyFolder.runBinary(["segment", "eval", "true", "--format", "json", "--db", "crm.sqlite", "--user", "creator_a"]
                                                  + Self.now, in: copy.folder)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("{\"count\":30,"), "\(result.out)")
        #expect(result.err.contains("crm.sqlite-wal holds changes that cannot be read here"), "\(result.err)")
    }

    /// A store of an older schema that cannot be written is refused with what to do.
    @Test func anOlderStoreThatCannotBeMigratedSaysSo() throws {
        let workspace = try Workspace(seed: false)
        do {
            let database = try Database(path: workspace.database)
            try Migrator.migrate(database, migrations: Array(Migration.all.dropLast()))
        }
        try ReadOnlyFolder.lock(workspace.folder)
        defer { ReadOnlyFolder.unlock(workspace.folder) }
        let result = try ReadOnlyFolder.runBinary(["segment", "eval", "true", "--db", "crm.sqlite", "--user", "creator_a"] + Self.now,
                                                  in: workspace.folder)
        #expect(result.status == 2)
        // Versions skip numbers (17 is unused): the one before the latest is the list's.
        let previous = Migration.all.dropLast().last!.version
        #expect(result.err.contains("has schema version \(previous) and this rulec needs \(Migration.latestVersion)"),
                "\(result.err)")
        #expect(result.err.contains("rulec db init"))
    }

    @Test func anOlderStoreThatCanBeWrittenIsMigratedByAReadingCommand() throws {
        let workspace = try Workspace(seed: false)
        do {
            let database = try Database(path: workspace.database)
            try Migrator.migrate(database, migrations: Array(Migration.all.dropLast()))
            try database.execute("INSERT INTO creator_profiles (user_id) VALUES ('creator_a')")
        }
        let result = workspace.run(["hitl", "list"] + Self.now)
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out == "no approval items\n")
        #expect(try Store.openExisting(path: workspace.database, readOnly: true).schemaVersion == Migration.latestVersion)
    }

    // MARK: --now

    @Test func nowWithoutAZoneIsTheCreatorsWallClock() throws {
        let workspace = try Workspace()
        try Store.open(path: workspace.database).database
            .execute("UPDATE creator_profiles SET timezone = 'Asia/Tokyo' WHERE user_id = 'creator_a'")
        let why = ["why", "Tag whales", "--fan", "1", "--rules", "rules.rules"]
        let forms = ["2026-11-25T10:00": "2026-11-25T01:00:00Z", "2026-11-25T10:00Z": "2026-11-25T10:00:00Z",
                     "2026-11-25T10:00:00+01:00": "2026-11-25T09:00:00Z", "2026-11-25": "2026-11-24T15:00:00Z",
                     "2026-11-25T10:00:30.5": "2026-11-25T01:00:30Z", "1795600800": "2026-11-25T10:00:00Z"]
        for (text, instant) in forms {
            let result = workspace.run(why + ["--now", text])
            #expect(result.code == .success, "\(text): \(result.err)")
            // A schedule rule's header names its slot and the clock it is the latest slot before.
            #expect(result.out.contains("(the latest at or before \(instant))"), "\(text): \(result.out.split(separator: "\n").first ?? "")")
        }
    }

    @Test func millisecondsAndFarClocksAreUsageErrors() throws {
        let workspace = try Workspace()
        #expect(workspace.run(["deploy", "rules.rules"] + Self.now).code == .success)
        let before = try Store.open(path: workspace.database).creator("creator_a")
            .scalar("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user").int64
        let millis = workspace.run(["run", "--now", "1796396634000"])
        #expect(millis.code == .usageOrIO)
        #expect(millis.err.contains("looks like milliseconds"))
        #expect(millis.err.contains("1796396634"))
        let after = try Store.open(path: workspace.database).creator("creator_a")
            .scalar("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user").int64
        #expect(before == after, "nothing ran at year 58,900")

        for far in ["2300-01-01", "2300-01-01T00:00Z", "99999999999999999"] {
            let result = workspace.run(["segment", "eval", "true", "--now", far])
            #expect(result.code == .usageOrIO && result.err.contains("more than 100 years away"), "\(far): \(result.err)")
        }
        let garbage = workspace.run(["hitl", "list", "--now", "tomorrow"])
        #expect(garbage.code == .usageOrIO && garbage.err.contains("--now takes an ISO 8601 date or time"))
        // db seed has no creator yet: a time without a zone is UTC, and the same guard applies.
        #expect(workspace.run(["db", "seed", "--fans", "1", "--user", "x", "--now", "1796396634000"]).err.contains("milliseconds"))
    }

    @Test func theReplsNowReadsTimesAsNowDoes() throws {
        let fixture = try ReplFixture()
        try fixture.store.database.execute("UPDATE creator_profiles SET timezone = 'Asia/Tokyo' WHERE user_id = '\(ReplFixture.user)'")
        var session = try fixture.session()
        #expect(session.handle(entry: ":now 2026-11-25T10:00").output == ["now is 2026-11-25T01:00:00Z"])
        #expect(session.handle(entry: ":now 2026-11-25T10:00:00+01:00").output == ["now is 2026-11-25T09:00:00Z"])
        let millis = session.handle(entry: ":now 1796396634000")
        #expect(millis.output.isEmpty && millis.errors.first?.contains(":now 1796396634000 looks like milliseconds") == true)
        #expect(session.handle(entry: ":now 2300-01-01").errors.first?.contains("more than 100 years away") == true)
    }

    // MARK: hitl statuses

    @Test func expiredItemsReadAsExpiredEverywhere() throws {
        let workspace = try Workspace()
        #expect(workspace.run(["deploy", "rules.rules"] + Self.now).code == .success)
        let creator = try Store.open(path: workspace.database).creator("creator_a")
        let rule = try #require(try creator.scalar("SELECT id FROM automation_rules WHERE user_id = :user AND name = 'Greet'").int64)
        for (fan, created) in [(1, 1_795_000_000), (2, 1_795_600_000)] as [(Int64, Int64)] {
            try creator.insert("""
                INSERT INTO hitl_action_queue (user_id, rule_id, fan_id, action_index, action_type, params_json, preview, status,
                                               created_at, expires_at)
                VALUES (:user, ?, ?, 0, 'send', '{"template":"welcome"}', 'Hi!', 'pending', ?, ?)
                """, [.integer(rule), .integer(fan), .integer(created), .integer(created + 7 * 86_400)])
        }
        // At 2026-11-30, item 1 (created 2026-11-18) is past its expiry; item 2 is not.
        let at = ["--now", "2026-11-30T00:00:00Z"]
        let pending = workspace.run(["hitl", "list"] + at)
        #expect(pending.out.split(separator: "\n").count == 2, "\(pending.out)")
        #expect(pending.out.contains("\n2 ") && !pending.out.contains("\n1 "))
        let expired = workspace.run(["hitl", "list", "--status", "expired", "--format", "json"] + at)
        #expect(expired.out.contains("\"id\": 1") && expired.out.contains("\"status\": \"expired\"") && !expired.out.contains("\"id\": 2"))

        let all = workspace.run(["hitl", "list", "--status", "all"] + at).out.split(separator: "\n").map(String.init)
        #expect(all.count == 3)
        #expect(all[0].hasPrefix("ID  STATUS   RULE"), "\(all[0])")
        #expect(all[1].hasPrefix("1   expired  Greet"), "\(all[1])")
        #expect(all[2].hasPrefix("2   pending  Greet"), "\(all[2])")

        let show = workspace.run(["hitl", "show", "1"] + at).out
        #expect(show.contains("status:      expired\n"), "\(show)")
        #expect(show.contains("expired:     2026-11-25T"), "\(show)")
        #expect(workspace.run(["hitl", "show", "2"] + at).out.contains("status:      pending\n"))

        let reject = workspace.run(["hitl", "reject", "1"] + at)
        #expect(reject.code == .inputErrors)
        #expect(reject.err.contains("approval item #1 expired at 2026-11-25T"), "\(reject.err)")
        #expect(!reject.err.contains("can no longer be approved"))
        // Before its expiry the same item is pending.
        #expect(workspace.run(["hitl", "show", "1", "--now", "2026-11-20T00:00:00Z"]).out.contains("status:      pending\n"))
    }
}

/// Running the `rulec` binary where it may not write: the folder 0555 and the
/// store 0444, and the process as `nobody` when the tests run as root.
enum ReadOnlyFolder {
    static func lock(_ folder: TemporaryFolder) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: folder.path) {
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.path(name))
        }
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
    }

    /// Gives the folder back, so it can be removed.
    static func unlock(_ folder: TemporaryFolder) {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }

    static func runBinary(_ arguments: [String], in folder: TemporaryFolder, input: String = "") throws
        -> (status: Int32, out: String, err: String) {
        let binary = try RulecBinary.require()
        let process = Process()
        if getuid() == 0 {
            let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
            try #require(FileManager.default.isExecutableFile(atPath: setpriv.path), "running as root needs setpriv to drop to nobody")
            process.executableURL = setpriv
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        process.currentDirectoryURL = folder.url
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
