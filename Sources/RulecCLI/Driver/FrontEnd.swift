import Semantics
import Syntax

/// The language's front end as a named list of phases, shared by every command
/// that reads a program (`check` now; `deploy`, `explain` and the REPL later).
/// Per STYLE.md the driver stops after a phase that produced errors, so a
/// broken tree never reaches the checker and no cascade reaches the user.
/// The phases are stored as functions so that tests can drive a command with
/// diagnostics of their choosing.
struct FrontEnd {
    enum Phase: String, CaseIterable { case parse, check }

    struct Result {
        var syntax: [FileSyntax]
        var diagnostics: [Diagnostic]
        /// The last phase that ran; `.parse` when syntax errors stopped the pipeline.
        var lastPhase: Phase
        /// What the checker learned; nil when it did not run.
        var program: CheckedProgram?
    }

    var parse: (SourceFile) -> ParseResult
    var check: ([FileSyntax], CheckOptions) -> CheckResult

    init(
        parse: @escaping (SourceFile) -> ParseResult = Parse.file,
        check: @escaping ([FileSyntax], CheckOptions) -> CheckResult = Check.program
    ) {
        self.parse = parse
        self.check = check
    }

    func run(_ files: [SourceFile], options: CheckOptions = CheckOptions()) -> Result {
        let parsed = files.map(parse)
        var result = Result(syntax: parsed.map(\.syntax), diagnostics: parsed.flatMap(\.diagnostics), lastPhase: .parse)
        guard !result.diagnostics.hasErrors else { return result }
        let checked = check(result.syntax, options)
        result.diagnostics += checked.diagnostics
        result.program = checked.program
        result.lastPhase = .check
        return result
    }
}
