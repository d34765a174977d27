import Semantics
import Syntax

/// The front end `rulec check` runs, over files the workspace already parsed
/// (an unchanged file keeps its parse). One function so that the editor and
/// the command line can never disagree: it does what `Check.sources` does —
/// every file parsed, the checker run only when no file has syntax errors
/// (no cascade from a broken tree) — minus re-parsing unchanged files.
enum ProgramCheck {
    static func run(_ parsed: [ParseResult], options: CheckOptions) -> CheckResult {
        let syntaxDiagnostics = parsed.flatMap(\.diagnostics)
        guard !syntaxDiagnostics.hasErrors else { return CheckResult(diagnostics: syntaxDiagnostics.sortedByPosition()) }
        let checked = Check.program(parsed.map(\.syntax), options: options)
        return CheckResult(diagnostics: syntaxDiagnostics + checked.diagnostics, program: checked.program,
                           passTimings: checked.passTimings)
    }
}
