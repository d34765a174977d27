import Testing
@testable import Syntax

/// Parses `text` as file 0.
func parse(_ text: String) -> ParseResult {
    Parse.file(SourceFile(id: FileID(0), path: "test.rules", text: text))
}

func parse(bytes: [UInt8]) -> ParseResult {
    Parse.file(SourceFile(id: FileID(0), path: "test.rules", bytes: bytes))
}

/// The S-expression of `let x = <text>`'s value, checking there were no diagnostics.
func dumpExpression(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let result = parse("let x = \(text)")
    #expect(result.diagnostics.isEmpty, "unexpected diagnostics: \(describe(result.diagnostics))", sourceLocation: sourceLocation)
    guard case .constant(let constant)? = result.syntax.declarations.first else {
        Issue.record("no constant parsed", sourceLocation: sourceLocation)
        return ""
    }
    return TreeDump.expr(constant.value)
}

/// The codes of the diagnostics of parsing `text`, in position order.
func codes(_ text: String) -> [String] {
    parse(text).diagnostics.map(\.code.id)
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.code.id)@\($0.range.start)-\($0.range.end): \($0.message)" }.joined(separator: "\n")
}

/// Lexes `text` and returns the token kinds, without the end-of-file token.
func tokenKinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(id: FileID(0), path: "t", text: text)).tokens.map(\.kind).dropLast()
}

func lexDiagnostics(_ text: String) -> [Diagnostic] {
    Lexer.tokenize(SourceFile(id: FileID(0), path: "t", text: text)).diagnostics
}

/// The body of the first rule in `text` as S-expressions.
func dumpFile(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let result = parse(text)
    #expect(result.diagnostics.isEmpty, "unexpected diagnostics: \(describe(result.diagnostics))", sourceLocation: sourceLocation)
    return TreeDump.file(result.syntax)
}
