import Foundation
import Testing

/// `rulec repl` as a script runs it: stdin from a pipe, no terminal anywhere.
@Suite struct ReplPipedTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    func runRepl(input: String) throws -> Run {
        let process = Process()
        process.executableURL = try RulecBinary.require()
        process.arguments = ["repl"]
        // No HOME: a piped session must not need (or write) a history file.
        process.environment = ["PATH": "/usr/bin:/bin"]
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
        return Run(status: process.terminationStatus,
                   standardOutput: String(decoding: out, as: UTF8.self),
                   standardError: String(decoding: err, as: UTF8.self))
    }

    @Test func helpMultiLineEntryAndQuit() throws {
        let run = try runRepl(input: ":help\nfan.tags contains (\n  \"vip\"  # a (comment\n)\n:bogus\n:quit\nnever reached\n")
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.hasPrefix("  :quit") }, "help was printed")
        #expect(run.standardOutput.contains("(not evaluated yet) fan.tags contains (\n  \"vip\"  # a (comment\n)\n"),
                "the three lines came back as one entry")
        #expect(!run.standardOutput.contains("never reached"), ":quit stops reading")
        #expect(!run.standardOutput.contains("rulec>") && !run.standardOutput.contains("\u{1B}"),
                "no prompts or escape sequences when piped")
        #expect(run.standardError == "unknown command ':bogus'. Type :help for the list.\n")
    }

    @Test func endOfInputEndsTheSession() throws {
        let run = try runRepl(input: "first\nsecond")
        #expect(run.status == 0)
        #expect(run.standardOutput == "(not evaluated yet) first\n(not evaluated yet) second\n")
    }
}
