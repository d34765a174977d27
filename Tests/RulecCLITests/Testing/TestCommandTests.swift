import Foundation
import RulecTestSupport
import Testing
@testable import RulecCLI

/// `rulec test` end to end: programs with their tests under
/// Golden/test/<case>/, run through the driver from Golden/test so paths print
/// relative; stdout compared with `<case>.<format>.expected`.
@Suite struct TestCommandTests {
    static let golden = GoldenFolder("../Golden/test")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    struct Run {
        var exitCode: ExitCode
        var output: String
        var errors: String
    }

    static func run(_ words: [String], in folder: String = golden.path) -> Run {
        var output = "", errors = ""
        let out = OutputStream(isTerminal: false) { output += $0 }
        let err = OutputStream(isTerminal: false) { errors += $0 }
        let context = CommandContext(environment: [:], standardOutput: out, standardError: err, workingDirectory: folder,
                                     clock: TestClock.clock)
        return Run(exitCode: Rulec.main(["test"] + words, context: context), output: output, errors: errors)
    }

    /// Each case, its flags, and the exit code it must give.
    nonisolated(unsafe) static let cases: [(name: String, flags: [String], exit: ExitCode)] = [
        ("passing", [], .success),
        ("failing", [], .inputErrors),
        ("erroring", [], .inputErrors),
        ("coverage", ["--coverage", "--threshold", "100"], .inputErrors),
        ("check_errors", [], .inputErrors),
    ]

    @Test(arguments: ["text", "json"])
    func goldenOutputs(format: String) throws {
        for item in Self.cases {
            let result = Self.run([item.name] + item.flags + ["--format", format])
            #expect(result.exitCode == item.exit, "\(item.name) \(format): \(result.output)\(result.errors)")
            try Self.golden.expect(result.output, matches: "\(item.name).\(format).expected")
        }
    }

    @Test func belowTheThresholdSaysSoOnStderr() {
        let result = Self.run(["coverage", "--coverage", "--threshold", "100"])
        #expect(result.errors.contains("coverage 50% is below the threshold 100%"))
        let lower = Self.run(["coverage", "--coverage", "--threshold", "50"])
        #expect(lower.exitCode == .success)
    }

    @Test func runSelectsTestsByRegularExpression() {
        let result = Self.run(["failing", "--run", "^Pass"])
        #expect(result.exitCode == .success)
        #expect(result.output == "Test \"Passes\" passed.\n1 passed, 0 failed\n")
    }

    @Test func usageErrors() {
        #expect(Self.run(["passing", "--threshold", "90"]).exitCode == .usageOrIO)  // needs --coverage
        #expect(Self.run(["passing", "--coverage", "--threshold", "101"]).exitCode == .usageOrIO)
        #expect(Self.run(["passing", "--run", "("]).exitCode == .usageOrIO)
        #expect(Self.run(["passing", "--format", "yaml"]).exitCode == .usageOrIO)
        #expect(Self.run(["no-such-folder"]).exitCode == .usageOrIO)
    }

    /// The library's own tests pass with full coverage, as CI runs them.
    @Test func theRulesLibraryPassesWithFullCoverage() {
        let result = Self.run(["Rules", "--coverage", "--threshold", "100", "--format", "json"], in: Self.packageRoot)
        #expect(result.exitCode == .success, "\(result.output)")
        #expect(result.output.contains("\"failed\":0,\"errors\":0"))
        #expect(result.output.contains("\"percent\":100"))
    }
}
