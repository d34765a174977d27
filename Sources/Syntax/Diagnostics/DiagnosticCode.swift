/// A stable diagnostic identifier: `E0xxx` syntax, `E1xxx` names and types,
/// `W2xxx` lints, `N3xxx` notes. Each phase declares its own codes in an
/// extension and lists them in its `…Codes.all`; `DiagnosticCode.registry`
/// is how tools (DIAGNOSTICS.md test, `--explain`) see every code at once.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    /// A short name, stable like the id, used as the GitHub annotation title.
    public let name: String
    public let defaultSeverity: Severity

    public init(_ id: String, _ name: String, _ severity: Severity = .error) {
        self.id = id
        self.name = name
        self.defaultSeverity = severity
    }

    public var description: String { id }
}
