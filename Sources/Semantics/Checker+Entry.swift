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
            if pass == .lint && diagnostics.hasErrors { break }
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
    /// The whole front end over source files: parse each, then check them as
    /// one program — unless parsing found errors, in which case the checker
    /// does not run (STYLE.md: no cascade from a broken tree) and the result's
    /// program is empty.
    public static func sources(_ files: [SourceFile], options: CheckOptions = CheckOptions()) -> CheckResult {
        let parsed = files.map(Parse.file)
        let syntaxDiagnostics = parsed.flatMap(\.diagnostics)
        guard !syntaxDiagnostics.hasErrors else { return CheckResult(diagnostics: syntaxDiagnostics) }
        let checked = Check.program(parsed.map(\.syntax), options: options)
        return CheckResult(diagnostics: syntaxDiagnostics + checked.diagnostics, program: checked.program,
                           passTimings: checked.passTimings)
    }
}
