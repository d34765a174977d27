import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Starter
import Store

/// `rulec demo` end to end on a small store, run from a folder with no `Rules/`
/// (the library is compiled in): every step runs, the summary speaks of what the
/// store holds, every command it suggests works when pasted, and a failed demo
/// takes back what it made.
@Suite struct DemoCommandTests {
    static let golden = GoldenFolder("Golden/demo")

    /// Runs in `folder`, so even a relative path the demo chose would land in the test's own folder.
    func run(_ words: [String], in folder: TemporaryFolder) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: ["NO_COLOR": "1"], standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: folder.path, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    /// `--dir` always: without it the demo makes (and, on purpose, keeps for the
    /// user to explore) a `rulec-demo-*` folder in the temporary directory.
    @Test func theDemoRunsTheWholeStoryAndSummarizesIt() throws {
        let scratch = try TemporaryFolder("demo-test")
        let folder = scratch.path("demo")
        let (code, output, progress) = run(["demo", "--dir", folder, "--fans", "400"], in: scratch)
        #expect(code == .success, "\(progress)")
        for step in ["Seeding a creator with 400 fans", "Deploying the starter library (\(StarterLibrary.files.count) files)",
                     "Running the rules over the day"] {
            #expect(progress.contains("✓ \(step)"))
        }
        let store = try Store.open(path: folder + "/crm.sqlite")
        let creator = store.creator(DemoCommand.user)
        let drafts = try creator.scalar("""
            SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND action_type = 'send' AND outcome = 'executed'
            """).int64 ?? 0
        let pending = try creator.scalar("SELECT count(*) FROM hitl_action_queue WHERE user_id = :user AND status = 'pending'").int64 ?? 0
        #expect(drafts > 0 && pending > 0)
        #expect(output.contains("\(drafts) message drafts written"))
        #expect(output.contains("Waiting for your approval: \(pending) items"))
        let firedRules = try creator.scalar("SELECT count(DISTINCT rule_id) FROM automation_rule_firings WHERE user_id = :user").int64 ?? 0
        #expect(output.contains("Rules that fired: \(firedRules) of"))

        // The day ends at the clock, so the store is current: its last activity is the demo's now.
        let last = try creator.scalar("SELECT max(occurred_at) FROM fan_transactions WHERE user_id = :user").int64 ?? 0
        #expect(last <= TestClock.farAhead && last > TestClock.farAhead - 86_400)
        #expect(output.contains("2036-06-14T12:00:00Z to 2036-06-15T12:00:00Z"))

        // Audiences by the names people gave them, not the identifiers.
        let display = try #require(try creator.scalar("SELECT display_name FROM fan_segments WHERE user_id = :user AND name = 'new_fans'").string)
        #expect(output.contains("  " + display + " "))
        #expect(!output.contains("  new_fans "))

        // The summary as a creator reads it, with the folder's path put aside.
        try Self.golden.expect(output.replacingOccurrences(of: folder, with: "DEMO_DIR") + "\n", matches: "summary.expected")

        let (again, _, message) = run(["demo", "--dir", folder], in: scratch)
        #expect(again == .usageOrIO)
        #expect(message.contains("already exists"))
    }

    /// Every `rulec …` command the summary prints, pasted (split as a shell
    /// splits it) and run on the same clock, succeeds, in the order printed.
    @Test(arguments: [nil, "2026-11-25T00:00:00Z"])
    func everySuggestedCommandWorksPasted(now: String?) throws {
        let scratch = try TemporaryFolder("demo-paste")
        let folder = scratch.path("with space's")
        let (code, output, progress) = run(["demo", "--dir", folder, "--fans", "300"] + (now.map { ["--now", $0] } ?? []), in: scratch)
        #expect(code == .success, "\(progress)")
        let commands = Self.suggestedCommands(in: output)
        #expect(commands.count >= 5, "\(output)")
        #expect(commands.contains { $0.starts(with: ["rulec", "hitl", "approve"]) })
        #expect(commands.contains { $0.starts(with: ["rulec", "why"]) })
        // Pasted from another folder: nothing may depend on where the demo ran.
        let elsewhere = try TemporaryFolder("demo-paste-elsewhere")
        for words in commands {
            #expect(words.contains("--db") && words.contains("--user"), "\(words)")
            if let now { #expect(words.contains(now), "\(words) carries the demo's clock") }
            let arguments = Array(words.dropFirst())
            if arguments.first == "repl" {
                let status = try Self.runPiped(arguments + (now == nil ? ["--now", String(TestClock.farAhead)] : []), input: ":quit\n")
                #expect(status == 0, "\(words)")
            } else {
                let (exit, _, error) = run(arguments, in: elsewhere)
                #expect(exit == .success, "\(words): \(error)")
            }
        }
    }

    /// A demo that fails half-way removes the folder it made, or, in a folder
    /// the user had, only the store; one refused before starting makes nothing.
    @Test func aFailedDemoTakesBackWhatItMade() throws {
        let scratch = try TemporaryFolder("demo-failure")
        let broken = try scratch.write("rule \"x\" { on transaction.tipp then { tag \"a\" } }\n", to: "broken/x.rules")
        let manager = FileManager.default

        let (code, _, message) = run(["demo", "--dir", "fresh/deeper/demo", "--fans", "5", "--rules", broken], in: scratch)
        #expect(code == .usageOrIO)
        #expect(message.contains("could not be deployed"), "\(message)")
        #expect(!manager.fileExists(atPath: scratch.path("fresh")), "every folder the demo made is gone")

        let kept = scratch.path("kept")
        try scratch.write("mine", to: "kept/notes.txt")
        let (again, _, _) = run(["demo", "--dir", kept, "--fans", "5", "--rules", broken], in: scratch)
        #expect(again == .usageOrIO)
        #expect(try manager.contentsOfDirectory(atPath: kept) == ["notes.txt"], "only the store went")

        let never = scratch.path("never")
        let (missing, _, said) = run(["demo", "--dir", never, "--rules", "no-such-folder"], in: scratch)
        #expect(missing == .usageOrIO)
        #expect(said.contains("no such file or folder"))
        #expect(!manager.fileExists(atPath: never))
    }

    /// The binary copied to a folder of its own and run from another, with no
    /// `Rules/` anywhere near: the library travels inside it.
    @Test func aCopiedBinaryRunsTheDemoAnywhere() throws {
        let scratch = try TemporaryFolder("demo-copied")
        let copy = scratch.url.appendingPathComponent("bin/rulec")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied by a child `cp`, never through a file descriptor of this process: tests run
        // in parallel and spawn processes, and a fork that inherited our open copy would make
        // executing it fail with "Text file busy" (ETXTBSY).
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = [try RulecBinary.require().path, copy.path]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        let elsewhere = try TemporaryFolder("demo-copied-cwd")
        let process = Process()
        process.executableURL = copy
        process.arguments = ["demo", "--dir", scratch.path("store"), "--fans", "50", "--now", "2026-11-25T00:00:00Z"]
        process.currentDirectoryURL = elsewhere.url
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("Rules that fired:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing written where it ran")
    }

    /// Lines' `rulec COMMAND …` tails, where COMMAND is one of rulec's, split into words as a POSIX shell would.
    static func suggestedCommands(in output: String) -> [[String]] {
        let names = Set(CommandTable.all.map { $0.path[0] })
        var found: [[String]] = []
        for line in output.split(separator: "\n") {
            guard let start = line.range(of: "rulec ") else { continue }
            let words = ShellWords.split(String(line[start.lowerBound...]))
            if words.count > 1, names.contains(words[1]) { found.append(words) }
        }
        return found
    }

    /// The built binary with `input` on a pipe for stdin (the REPL reads the process's own).
    static func runPiped(_ arguments: [String], input: String) throws -> Int32 {
        let process = Process()
        process.executableURL = try RulecBinary.require()
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// POSIX shell word splitting for what the demo prints: blanks separate words,
/// single quotes keep everything, double quotes keep all but `\"` and `\\`,
/// a backslash outside quotes keeps the next character.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = [], current = "", inWord = false
        var iterator = Array(line).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                while let q = iterator.next(), q != "'" { current.append(q) }
            case "\"":
                inWord = true
                while let q = iterator.next(), q != "\"" {
                    if q == "\\", let next = iterator.next() { current += next == "\"" || next == "\\" ? String(next) : "\\\(next)" } else { current.append(q) }
                }
            case "\\":
                inWord = true
                if let next = iterator.next() { current.append(next) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
