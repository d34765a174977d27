import Testing
@testable import RulecCLI

@Suite struct DriverTests {
    func run(_ words: [String], env: [String: String] = [:]) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        let context = CommandContext(environment: env, standardOutput: out.stream, standardError: err.stream, workingDirectory: "/", clock: TestClock.clock)
        let code = Rulec.main(words, context: context)
        return (code, out.text, err.text)
    }

    @Test func versionPrintsAndSucceeds() {
        let (code, out, _) = run(["--version"])
        #expect(code == .success)
        #expect(out.hasPrefix("rulec "))
    }

    @Test func unknownCommandIsAUsageError() {
        let (code, _, err) = run(["frobnicate"])
        #expect(code == .usageOrIO)
        #expect(err.contains("unknown command 'frobnicate'"))
    }

    @Test func unknownOptionSuggestsTheClosest() throws {
        var args = Arguments(["--fomat", "json"])
        #expect(throws: CLIError.usage("unknown option '--fomat'. Did you mean '--format'?")) {
            _ = try args.positionals(known: ["--format", "--strict"])
        }
    }

    @Test func aGroupWithoutItsVerbListsTheVerbs() {
        let (code, _, err) = run(["hitl"])
        #expect(code == .usageOrIO)
        #expect(err.hasPrefix("Usage: rulec hitl list|show|approve|reject"))
        #expect(err.contains("hitl approve"))
    }
}
