/// The front end's entry point: one file in, its tree and every syntax
/// diagnostic out (the parser recovers, so one pass reports them all).
public struct ParseResult: Sendable {
    public var syntax: FileSyntax
    public var diagnostics: [Diagnostic]
    public init(syntax: FileSyntax, diagnostics: [Diagnostic]) {
        self.syntax = syntax
        self.diagnostics = diagnostics
    }
}

public enum Parse {
    /// STUB until the parser lands: returns an empty tree.
    public static func file(_ file: SourceFile) -> ParseResult {
        ParseResult(syntax: FileSyntax(file: file, declarations: [], comments: []), diagnostics: [])
    }
}
