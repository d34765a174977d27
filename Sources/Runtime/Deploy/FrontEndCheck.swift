import Semantics
import Syntax

/// Parse every file, then check them as one program, stopping after parsing
/// when it found errors (STYLE.md: no cascade from a broken tree). The same
/// sequence as the CLI's `FrontEnd`, which the runtime cannot import.
enum FrontEndCheck {
    struct Result {
        var diagnostics: [Diagnostic]
        var program: CheckedProgram
    }

    static func run(_ files: [SourceFile], options: CheckOptions) -> Result {
        let parsed = files.map(Parse.file)
        let syntaxDiagnostics = parsed.flatMap(\.diagnostics)
        guard !syntaxDiagnostics.hasErrors else { return Result(diagnostics: syntaxDiagnostics, program: CheckedProgram()) }
        let checked = Check.program(parsed.map(\.syntax), options: options)
        return Result(diagnostics: syntaxDiagnostics + checked.diagnostics, program: checked.program)
    }
}
