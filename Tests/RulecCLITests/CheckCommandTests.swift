import RulecTestSupport
import Foundation
import Semantics
import Syntax
import Testing
@testable import RulecCLI

/// `rulec check` end to end: files on disk in a fresh temporary folder, the
/// command run through the driver, its stdout, stderr and exit code observed.
/// Where a test needs particular diagnostics it supplies the phases itself,
/// so it does not depend on what the parser and checker report today.
@Suite struct CheckCommandTests {
    static let syntaxError = DiagnosticCode("E0999", "test-syntax-error")
    static let lint = DiagnosticCode("W2999", "test-lint", .warning)
    static let valid = "segment whales {\n  fan.lifetime_spend >= $500\n}\n\nrule \"Tag whales\" {\n  on transaction.tip\n  when fan in whales\n  then {\n    tag \"whale\"\n  }\n}\n"

    struct Run {
        var exitCode: ExitCode
        var output: String
        var errors: String
    }

    /// A folder holding `files` (relative path → contents), removed afterwards.
    func withFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let root = try TemporaryFolder("check")
        for (path, text) in files { try root.write(text, to: path) }
        try body(root.path)
    }

    func run(
        _ words: [String], in folder: String, frontEnd: FrontEnd? = nil,
        environment: [String: String] = [:], terminal: Bool = false
    ) -> Run {
        var output = "", errors = ""
        let out = OutputStream(isTerminal: terminal) { output += $0 }
        let err = OutputStream(isTerminal: terminal) { errors += $0 }
        let context = CommandContext(environment: environment, standardOutput: out, standardError: err, workingDirectory: folder, clock: TestClock.clock)
        guard let frontEnd else { return Run(exitCode: Rulec.main(["check"] + words, context: context), output: output, errors: errors) }
        var arguments = Arguments(words)
        do {
            let code = try CheckCommand.run(&arguments, context, frontEnd: frontEnd)
            return Run(exitCode: code, output: output, errors: errors)
        } catch {
            return Run(exitCode: .usageOrIO, output: output, errors: "\(error)")
        }
    }

    /// A parser that reports one diagnostic with `code` on the first bytes of
    /// every file whose path contains `marker` (every file when it is `nil`).
    func frontEnd(reporting code: DiagnosticCode, inFilesNamed marker: String?, checked: CallCounter? = nil) -> FrontEnd {
        FrontEnd(
            parse: { file in
                let found = marker.map(file.path.contains) ?? true
                    ? [Diagnostic(code, "problem in \(file.path)", at: SourceRange(file: file.id, start: 0, end: 7))] : []
                return ParseResult(syntax: FileSyntax(file: file, declarations: [], comments: []), diagnostics: found)
            },
            check: { files, _ in
                checked?.count += 1
                return CheckResult(diagnostics: [])
            }
        )
    }

    final class CallCounter: @unchecked Sendable { var count = 0 }

    @Test func aCleanProgramExitsZeroAndPrintsNothing() throws {
        try withFolder(["rules/a.rules": Self.valid]) { root in
            let result = run(["rules"], in: root)
            #expect(result.exitCode == .success)
            #expect(result.output == "")
            #expect(result.errors == "")
        }
    }

    @Test func errorsExitOneAndTheCheckerStillRunsAfterSyntaxErrors() throws {
        // One pass: a syntax error in one file does not keep the checker from
        // the others (it skips only the broken declarations).
        try withFolder(["good.rules": Self.valid, "bad.rules": "segment {"]) { root in
            let counter = CallCounter()
            let result = run([], in: root, frontEnd: frontEnd(reporting: Self.syntaxError, inFilesNamed: "bad", checked: counter))
            #expect(result.exitCode == .inputErrors)
            #expect(result.output.hasPrefix("bad.rules:1:1: error[E0999]: problem in bad.rules\n 1 | segment {\n   | ^~~~~~~\n"))
            #expect(result.output.hasSuffix("\n1 error\n"))
            #expect(counter.count == 1)
        }
    }

    @Test func warningsPassUnlessStrictWhichPrintsThemAsErrors() throws {
        try withFolder(["a.rules": Self.valid]) { root in
            let linting = frontEnd(reporting: Self.lint, inFilesNamed: "a")
            let lenient = run(["--format", "json"], in: root, frontEnd: linting)
            #expect(lenient.exitCode == .success)
            #expect(lenient.output.contains(#""severity":"warning","code":"W2999""#))
            #expect(lenient.output.hasSuffix(#""errors":0,"warnings":1}"# + "\n"))

            let strict = run(["--strict", "--format", "json"], in: root, frontEnd: linting)
            #expect(strict.exitCode == .inputErrors)
            #expect(strict.output.contains(#""severity":"error","code":"W2999""#))
            #expect(strict.output.hasSuffix(#""errors":1,"warnings":0}"# + "\n"))
        }
    }

    @Test func foldersAreSearchedRecursivelyAndFilesNumberedInPathOrder() throws {
        let tree = ["b/z.rules": "", "a.rules": "", "b/a.rules": "", "b/c/d.rules": "", "notes.txt": "", ".git/x.rules": "", "B.rules": ""]
        try withFolder(tree) { root in
            for words in [[], ["."], ["./b", "a.rules", "B.rules"], ["b/c", "b", "a.rules", "B.rules"]] {
                let result = run(words + ["--format", "github"], in: root, frontEnd: frontEnd(reporting: Self.syntaxError, inFilesNamed: nil))
                let files = result.output.split(separator: "\n").map { $0.split(separator: ",")[0].dropFirst("::error file=".count) }
                #expect(files == ["B.rules", "a.rules", "b/a.rules", "b/c/d.rules", "b/z.rules"], "for \(words)")
            }
        }
    }

    @Test func pathsArePrintedTidy() {
        #expect(ProgramLoader.tidy("./rules//vip.rules") == "rules/vip.rules")
        #expect(ProgramLoader.tidy("rules/./") == "rules")
        #expect(ProgramLoader.tidy(".") == ".")
        #expect(ProgramLoader.tidy("/") == "/")
        #expect(ProgramLoader.tidy("/srv//rules") == "/srv/rules")
        #expect(ProgramLoader.tidy("../up") == "../up")
    }

    @Test func fileIDsFollowTheSortedOrder() throws {
        try withFolder(["z.rules": "", "m/a.rules": "", "a.rules": ""]) { root in
            let seen = IDRecorder()
            let recording = FrontEnd(
                parse: { file in
                    seen.entries.append("\(file.id.rawValue) \(file.path)")
                    return ParseResult(syntax: FileSyntax(file: file, declarations: [], comments: []), diagnostics: [])
                },
                check: { _, _ in CheckResult(diagnostics: []) }
            )
            #expect(run([], in: root, frontEnd: recording).exitCode == .success)
            #expect(seen.entries == ["0 a.rules", "1 m/a.rules", "2 z.rules"])
        }
    }

    final class IDRecorder: @unchecked Sendable { var entries: [String] = [] }

    @Test func aMissingPathIsAnIOError() throws {
        try withFolder(["a.rules": Self.valid]) { root in
            let result = run(["a.rules", "nowhere"], in: root)
            #expect(result.exitCode == .usageOrIO)
            #expect(result.output == "")
            #expect(result.errors == "rulec: no such file or folder: 'nowhere'\n")
        }
    }

    @Test func aFolderWithoutRulesFilesIsAnIOError() throws {
        try withFolder(["readme.txt": "hi"]) { root in
            let result = run([], in: root)
            #expect(result.exitCode == .usageOrIO)
            #expect(result.errors.contains("no .rules files found in '.'"))
        }
    }

    @Test func badOptionsAreUsageErrors() throws {
        try withFolder(["a.rules": Self.valid]) { root in
            let format = run(["--format", "xml"], in: root)
            #expect(format.exitCode == .usageOrIO)
            #expect(format.errors.contains("unknown format 'xml'; use one of text, json, github"))
            let flag = run(["--stirct"], in: root)
            #expect(flag.exitCode == .usageOrIO)
            #expect(flag.errors.contains("Did you mean '--strict'?"))
            let database = run(["--db", "crm.sqlite"], in: root)
            #expect(database.exitCode == .usageOrIO)
            #expect(database.errors.contains("--db needs --user"))
            // A store that does not exist is an I/O error (CheckTemplatesTests covers a real one).
            let missing = run(["--db", "crm.sqlite", "--user", "7"], in: root)
            #expect(missing.exitCode == .usageOrIO)
            #expect(missing.errors.contains("no store at \(root)/crm.sqlite; create one with `rulec db init"))
            #expect(!FileManager.default.fileExists(atPath: root + "/crm.sqlite"))
        }
    }

    @Test func colorOnlyOnATerminalAndNeverWithNoColor() throws {
        try withFolder(["a.rules": Self.valid]) { root in
            let failing = frontEnd(reporting: Self.syntaxError, inFilesNamed: "a")
            #expect(run([], in: root, frontEnd: failing, terminal: true).output.contains("\u{1B}[1;31merror[E0999]:"))
            #expect(!run([], in: root, frontEnd: failing, terminal: false).output.contains("\u{1B}["))
            #expect(!run([], in: root, frontEnd: failing, environment: ["NO_COLOR": "1"], terminal: true).output.contains("\u{1B}["))
            // Machine formats never carry color, even on a terminal.
            #expect(!run(["--format", "json"], in: root, frontEnd: failing, terminal: true).output.contains("\u{1B}["))
        }
    }

    @Test func checkIsListedInTheOverviewAndHasHelp() {
        var output = ""
        let out = OutputStream(isTerminal: false) { output += $0 }
        let context = CommandContext(environment: [:], standardOutput: out, standardError: out, workingDirectory: "/", clock: TestClock.clock)
        #expect(Rulec.main(["check", "--help"], context: context) == .success)
        #expect(output.hasPrefix("Usage: rulec check [PATH...]"))
        #expect(Rulec.overview().contains(" check ") && Rulec.overview().contains("Check .rules files"))
    }
}
