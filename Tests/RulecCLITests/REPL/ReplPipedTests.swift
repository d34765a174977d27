import RulecTestSupport
import Foundation
import Testing

/// `rulec repl` as a script runs it: stdin from a pipe, no terminal anywhere,
/// on a seeded store whose answers `ReplFixture` computes in SQL.
@Suite struct ReplPipedTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    func runRepl(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try RulecBinary.require()
        process.arguments = ["repl"] + arguments
        // No HOME: a piped session must not need (or write) a history file.
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        // A folder of its own: whatever the REPL might write relative to it goes when the run ends.
        let workingDirectory = try TemporaryFolder("repl-piped")
        process.currentDirectoryURL = workingDirectory.url
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read stderr beside stdout: a script with many diagnostics could fill its pipe.
        let errorData = ErrorReader(stderr.fileHandleForReading)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   standardOutput: String(decoding: out, as: UTF8.self),
                   standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// Drains a pipe on another thread.
    final class ErrorReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }
        func wait() -> Data { done.wait(); return data }
    }

    @Test func aScriptOfEntriesAnswersFromTheStore() throws {
        let fixture = try ReplFixture()
        let script = """
            :help
            fan.lifecycle_stage in [
              "active",  # a [comment with a bracket
              "at_risk"
            ]
            :bogus
            fan.lifetime_spend > 500
            segment big { fan.lifetime_spend > $1000 }
            fan in big
            :quit
            fan.lifetime_spend >= $0
            """
        let run = try runRepl(fixture.arguments, input: script + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.hasPrefix("  :quit") }, "help was printed")
        #expect(MatchLine.all(in: run.standardOutput) == [
            try fixture.count(where: "f.lifecycle_stage IN ('active', 'at_risk')"),
            try fixture.count(where: "f.lifetime_spend_cents > 100000"),
        ], "the four lines came back as one entry; nothing after :quit ran")
        #expect(lines.contains("segment big defined for this session"))
        #expect(lines.contains { $0.split(separator: " ") == ["id", "display_name", "fan.lifecycle_stage"] })
        #expect(!run.standardOutput.contains("rulec>") && !run.standardOutput.contains("\u{1B}"),
                "no prompts or escape sequences when piped")

        // Messages about entries go to stderr, in check's format, and the script goes on.
        let errors = run.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(errors.first?.hasPrefix("unknown command ':bogus'.") == true, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("<expression>:1:22: error[E1031]: ") })
        #expect(errors.contains("help: write `$500`"))
        #expect(!run.standardError.contains("\u{1B}"), "no color when stderr is not a terminal")
    }

    @Test func endOfInputEndsTheSession() throws {
        let fixture = try ReplFixture()
        let run = try runRepl(fixture.arguments, input: "fan.lifetime_spend >= $500\nfan.lifetime_spend >= $1000")
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        #expect(MatchLine.all(in: run.standardOutput) == [
            try fixture.count(where: "f.lifetime_spend_cents >= 50000"),
            try fixture.count(where: "f.lifetime_spend_cents >= 100000"),
        ])
    }

    @Test func inputEndingInsideABracketIsReportedNotDropped() throws {
        let fixture = try ReplFixture()
        let run = try runRepl(fixture.arguments, input: "fan.lifecycle_stage in [\"active\",\n")
        #expect(run.status == 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("<expression>:") && run.standardError.contains("error["), "\(run.standardError)")
    }

    @Test func rulesGiveTheSessionTheirSegmentsAndConstants() throws {
        let fixture = try ReplFixture()
        let run = try runRepl(fixture.arguments + ["--rules", fixture.rulesPath],
                              input: "fan in whales\nfan.lifetime_spend < whale_min\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(MatchLine.all(in: run.standardOutput) == [
            try fixture.count(where: "f.lifetime_spend_cents >= 50000"),
            try fixture.count(where: "f.lifetime_spend_cents < 50000"),
        ])
    }

    // MARK: What the REPL needs before it starts

    @Test func aMissingStoreIsAUsageErrorAndIsNotCreated() throws {
        let fixture = try ReplFixture()
        let missing = fixture.folder.path("nowhere.sqlite")
        let run = try runRepl(["--db", missing, "--user", ReplFixture.user], input: "fan.lifetime_spend >= $500\n")
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("no store at \(missing)") && run.standardError.contains("rulec db seed"),
                "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: missing), "a mistyped path must not leave an empty store behind")

        // The default is $RULEC_DB, else ./crm.sqlite in the working directory (here an empty temporary folder).
        let fromEnvironment = try runRepl(["--user", ReplFixture.user], input: "", environment: ["RULEC_DB": missing])
        #expect(fromEnvironment.status == 2 && fromEnvironment.standardError.contains("no store at \(missing)"))
    }

    @Test func aMissingUserIsAUsageError() throws {
        let fixture = try ReplFixture()
        let run = try runRepl(["--db", fixture.database], input: "fan.lifetime_spend >= $500\n")
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("--user ID is required"), "\(run.standardError)")

        // $RULEC_USER stands in for --user.
        let fromEnvironment = try runRepl(["--db", fixture.database], input: "fan.lifetime_spend >= $500\n",
                                          environment: ["RULEC_USER": ReplFixture.user])
        #expect(fromEnvironment.status == 0)
        #expect(MatchLine.all(in: fromEnvironment.standardOutput) == [try fixture.count(where: "f.lifetime_spend_cents >= 50000")])
    }
}
