import Semantics
import Syntax

/// The language's front end as a named list of phases, shared by every command
/// that reads a program (`check` now; `deploy`, `explain` and the REPL later).
/// Per STYLE.md the driver stops after a phase that produced errors, so a
/// broken tree never reaches the checker and no cascade reaches the user.
struct FrontEnd {
    enum Phase: String, CaseIterable { case parse, check }

    struct Result {
        var files: [SourceFile]
        var syntax: [FileSyntax]
        var diagnostics: [Diagnostic]
        /// The last phase that ran; `.parse` when syntax errors stopped the pipeline.
        var lastPhase: Phase
    }

    var options = CheckOptions()

    func run(_ files: [SourceFile]) -> Result {
        let parsed = files.map(Parse.file)
        var result = Result(
            files: files,
            syntax: parsed.map(\.syntax),
            diagnostics: parsed.flatMap(\.diagnostics),
            lastPhase: .parse
        )
        guard !result.diagnostics.hasErrors else { return result }
        result.diagnostics += Check.program(result.syntax, options: options).diagnostics
        result.lastPhase = .check
        return result
    }
}
