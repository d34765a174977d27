import Syntax

/// Options that change what the checker knows; the store-backed template check
/// is supplied by the caller as data, so Semantics never touches the store.
public struct CheckOptions: Sendable {
    public init() {}
}

public struct CheckResult: Sendable {
    public var diagnostics: [Diagnostic]
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

public enum Check {
    /// STUB until the checker lands: names, types and lints over all files of a program.
    public static func program(_ files: [FileSyntax], options: CheckOptions = CheckOptions()) -> CheckResult {
        CheckResult(diagnostics: [])
    }
}
