import Semantics
import Syntax

/// The front end `rulec check` runs (`Check.parsed`, the one entry point),
/// over files the workspace already parsed (an unchanged file keeps its
/// parse). One place so that the editor and the command line never disagree.
enum ProgramCheck {
    /// The whole program's check; its diagnostics are the parser's and the
    /// checker's together, as `check` prints them.
    static func checker(_ parsed: [ParseResult], options: CheckOptions) -> CheckResult? {
        Check.parsed(parsed, options: options)
    }

    /// `checker`'s diagnostics already hold the parser's; an incremental
    /// result (files without syntax diagnostics) is combined the same way.
    static func combine(_ parsed: [ParseResult], checker: [Diagnostic]?) -> [Diagnostic] {
        checker ?? parsed.flatMap(\.diagnostics).sortedByPosition()
    }
}
