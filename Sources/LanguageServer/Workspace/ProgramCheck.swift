import Semantics
import Syntax

/// The front end `rulec check` runs, over files the workspace already parsed
/// (an unchanged file keeps its parse). One place so that the editor and the
/// command line can never disagree: it does what `Check.sources` does —
/// every file parsed, the checker run only when no file has syntax errors
/// (no cascade from a broken tree) — minus re-parsing unchanged files.
enum ProgramCheck {
    /// The checker's part: nil when syntax errors stop the pipeline.
    static func checker(_ parsed: [ParseResult], options: CheckOptions) -> CheckResult? {
        guard !parsed.contains(where: { $0.diagnostics.hasErrors }) else { return nil }
        return Check.program(parsed.map(\.syntax), options: options)
    }

    /// The diagnostics as `check` prints them: the parser's, then the checker's.
    static func combine(_ parsed: [ParseResult], checker: [Diagnostic]?) -> [Diagnostic] {
        let syntax = parsed.flatMap(\.diagnostics)
        guard let checker else { return syntax.sortedByPosition() }
        return syntax + checker
    }
}
