import Syntax

/// Options that change what the checker knows. The store-backed template check
/// is supplied by the caller as data, so Semantics never touches the store.
public struct CheckOptions: Sendable {
    /// The creator's message templates, name → body (`{{slot}}` marks a slot),
    /// when `rulec check` was given `--db/--user`; nil skips the template checks.
    public var templates: [String: String]?

    public init(templates: [String: String]? = nil) {
        self.templates = templates
    }
}

public struct CheckResult: Sendable {
    public var diagnostics: [Diagnostic]
    /// What the checker learned; complete only when `diagnostics` has no errors
    /// (parts that failed to check are left out or typed `.error`).
    public var program: CheckedProgram
    /// The passes that ran, in order, each with its wall time (for `--verbose` and benchmarks).
    public var passTimings: [(pass: CheckPass, seconds: Double)]
    /// The parsed files, when the result came from `Check.sources` or `Check.parsed`.
    public var syntax: [FileSyntax] = []

    public init(diagnostics: [Diagnostic], program: CheckedProgram = CheckedProgram(),
                passTimings: [(pass: CheckPass, seconds: Double)] = []) {
        self.diagnostics = diagnostics
        self.program = program
        self.passTimings = passTimings
    }
}

public enum Check {
    /// Names, constants, types and lints over all files of one program.
    public static func program(_ files: [FileSyntax], options: CheckOptions = CheckOptions()) -> CheckResult {
        var state = CheckState(files: files, options: options)
        var diagnostics: [Diagnostic] = []
        var timings: [(pass: CheckPass, seconds: Double)] = []
        for pass in CheckPass.pipeline {
            if pass == .lint && (diagnostics.hasErrors || state.hasBrokenDeclarations) { break }
            let start = ContinuousClock.now
            diagnostics += pass.run(&state)
            let elapsed = ContinuousClock.now - start
            timings.append((pass, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
            if state.stopBeforeTyping && pass.precedesTyping { break }
        }
        return CheckResult(diagnostics: diagnostics.sortedByPosition(), program: state.program, passTimings: timings)
    }
}

extension Check {
    /// The whole front end over source files, in one pass: parse each file,
    /// then check every declaration that parsed cleanly as one program. This
    /// is the entry point every caller uses (`check`, `deploy`, the REPL, the
    /// data commands), so they all report the same things.
    ///
    /// A syntax error in one file no longer hides the semantic errors of the
    /// others: a declaration holding a syntax error is skipped (its name still
    /// counts as declared, so `fan in that_segment` elsewhere is not an unknown
    /// segment), and lints wait for a program without syntax errors. When
    /// `diagnostics` has errors, `program` is incomplete and must not be run.
    public static func sources(_ files: [SourceFile], options: CheckOptions = CheckOptions()) -> CheckResult {
        parsed(files.map(Parse.file), options: options)
    }

    /// `sources` for files already parsed. `checker` stands in for
    /// `Check.program` in tests that need diagnostics of their choosing.
    public static func parsed(
        _ parsed: [ParseResult], options: CheckOptions = CheckOptions(),
        checker: ([FileSyntax], CheckOptions) -> CheckResult = Check.program
    ) -> CheckResult {
        let syntax = parsed.map(\.syntax)
        let checked = checker(syntax, options)
        var result = CheckResult(diagnostics: (parsed.flatMap(\.diagnostics) + checked.diagnostics).sortedByPosition(),
                                 program: checked.program, passTimings: checked.passTimings)
        result.syntax = syntax
        return result
    }
}
