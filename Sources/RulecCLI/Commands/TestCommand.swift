import Foundation
import Runtime
import Semantics
import Syntax

/// `rulec test [PATH...]`: checks the program, then runs its `test`
/// declarations, each in a private in-memory store (RULEC.md "Testing and
/// backtesting", docs/TESTING.md).
struct TestCommand: Command {
    static let path = ["test"]
    static let summary = "Run the test declarations of .rules files"
    static let help = """
        Usage: rulec test [PATH...] [--run REGEX] [--coverage] [--threshold PERCENT] [--format text|json]

        Checks every *.rules file in the given files and folders (default: the current folder)
        as one program, then runs its `test "Name" { ... }` declarations, each in its own
        in-memory store: never the user's data. A program with check errors is reported as
        `rulec check` reports it.

        Options:
          --run REGEX          only the tests whose name the regular expression matches
          --coverage           report condition, rule and MC/DC coverage of the program's conditions
          --threshold PERCENT  with --coverage: fail when coverage is below PERCENT
          --format F           text (default) or json

        Exit status: 0 all tests pass (and coverage is at or above the threshold), 1 a test
        fails or errs, coverage is below the threshold, or the program has errors, 2 usage or I/O error.
        """

    static let knownOptions = ["--run", "--coverage", "--threshold", "--format"]

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat(option: arguments.option("--format"))
        let pattern = try arguments.option("--run")
        let coverage = arguments.flag("--coverage")
        let thresholdText = try arguments.option("--threshold")
        let paths = try arguments.positionals(known: knownOptions)
        var threshold: Double?
        if let thresholdText {
            guard let value = Double(thresholdText), value >= 0, value <= 100 else {
                throw CLIError.usage("--threshold takes a percentage from 0 to 100, not '\(thresholdText)'")
            }
            guard coverage else { throw CLIError.usage("--threshold needs --coverage") }
            threshold = value
        }
        var filter: ((String) -> Bool)?
        if let pattern {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                throw CLIError.usage("--run takes a regular expression; '\(pattern)' is not one")
            }
            filter = { name in regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
        }

        let files = try ProgramLoader(workingDirectory: context.workingDirectory).load(paths.isEmpty ? ["."] : paths)
        let checked = FrontEnd().run(files)
        guard !checked.diagnostics.hasErrors, let program = checked.program else {
            let diagnosticFormat: DiagnosticFormat = format == .json ? .json : .text
            context.standardOutput.print(diagnosticFormat.render(checked.diagnostics, in: files, for: context.standardOutput, context: context),
                                         terminator: "")
            return .inputErrors
        }
        let results = TestSuite.run(program: program, files: files, matching: filter, coverage: coverage)
        var summary: CoverageSummary?
        if coverage {
            var log = CoverageLog()
            for result in results { log.merge(result.coverage) }
            summary = CoverageSummary(program: program, log: log)
        }
        let report = TestReport(results: results, coverage: summary)
        let lookup = SourceFiles(files)
        context.standardOutput.print(format == .json ? report.json(in: lookup) : report.text(in: lookup), terminator: "")
        let belowThreshold = threshold.map { !(summary?.meets(threshold: $0) ?? true) } ?? false
        if belowThreshold, let summary, let threshold, format == .text {
            context.standardError.print("coverage \(CoverageSummary.format(summary.percent))% is below the threshold \(CoverageSummary.format(threshold))%")
        }
        return report.failed + report.errors > 0 || belowThreshold ? .inputErrors : .success
    }
}
