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
    /// Lexes and parses one file. Diagnostics (lexical and grammatical) come
    /// sorted by position; the tree is complete where the source was sound
    /// and holds `.invalid` expressions where it was not.
    public static func file(_ file: SourceFile) -> ParseResult {
        var parser = Parser(file: file)
        let declarations = parser.parseFile()
        let diagnostics = (parser.lexer.diagnostics + parser.diagnostics).sortedByPosition()
        return ParseResult(
            syntax: FileSyntax(file: file, declarations: declarations, comments: parser.lexer.comments,
                               declarationsWithErrors: parser.declarationsWithErrors,
                               namesInSkippedText: parser.namesInSkippedText),
            diagnostics: diagnostics
        )
    }
}
