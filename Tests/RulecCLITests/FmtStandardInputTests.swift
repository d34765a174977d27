import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI

/// `rulec fmt -`: standard input to standard output, as editors and pipes use it.
@Suite struct FmtStandardInputTests {
    func run(_ words: [String], input: String) -> (ExitCode, String, String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        var context = CommandContext(environment: [:], standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: "/nonexistent", clock: TestClock.clock)
        let bytes = Array(input.utf8)
        context.readStandardInput = { bytes }
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    @Test func formatsStandardInputToStandardOutput() {
        let (code, out, err) = run(["fmt", "-"], input: FmtCommandTests.messy)
        #expect(code == .success)
        #expect(out == FmtCommandTests.tidy)
        #expect(err.isEmpty)
    }

    @Test func checkExitsOneOnlyWhenTheTextWouldChange() {
        let messy = run(["fmt", "--check", "-"], input: FmtCommandTests.messy)
        #expect(messy.0 == .inputErrors)
        #expect(messy.1 == "<stdin>\n")
        let tidy = run(["fmt", "--check", "-"], input: FmtCommandTests.tidy)
        #expect(tidy.0 == .success)
        #expect(tidy.1.isEmpty)
    }

    @Test func syntaxErrorsGoToStandardErrorAndNothingIsPrinted() {
        let (code, out, err) = run(["fmt", "-"], input: "rule \"r\" {\n  on fan.created\n  then { tag }\n}\n")
        #expect(code == .inputErrors)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("<stdin>:3:"))
    }

    @Test func dashCannotBeMixedWithPaths() {
        let (code, _, err) = run(["fmt", "-", "a.rules"], input: "")
        #expect(code == .usageOrIO)
        #expect(err.contains("'-' (standard input) cannot be combined with other paths"))
    }

    /// A duration keeps the unit it was written in: `7d` is not turned into `1w`.
    @Test func durationsKeepTheirUnit() {
        let text = "rule \"r\" {\n  on fan.created\n  cooldown 7d\n  then {\n    tag \"x\" after 14d\n  }\n}\n"
        let (code, out, _) = run(["fmt", "-"], input: text)
        #expect(code == .success)
        #expect(out == text)
    }
}
