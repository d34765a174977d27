/// A hand-written recursive-descent parser over the lexer's token stream.
///
/// The grammar is spread over one `extension Parser` per area (Declarations,
/// Clauses, Triggers, Actions, Expressions, Primary, Recovery). This file holds
/// the machinery they share: the token cursor with a few tokens of lookahead,
/// diagnostics with panic mode, and expression ids.
struct Parser {
    /// Expressions nest at most this deep (LANGUAGE.md §3). The limit is on the
    /// height of the tree, so later phases may recurse over any tree the parser
    /// returns; it also bounds the parser's own recursion.
    static let maximumNesting = 200

    let file: SourceFile
    let bytes: [UInt8]
    private(set) var lexer: Lexer
    /// The token under the cursor.
    private(set) var current: Token
    /// Tokens lexed ahead of `current` for `peek`; rarely more than two.
    private var lookahead: [Token] = []
    /// End of the last consumed token: where "missing `}`" fix-its insert.
    private(set) var previousEnd = 0

    private(set) var diagnostics: [Diagnostic] = []
    /// Set by an error that leaves the parser unsure where it is; while set,
    /// further errors are dropped. Recovery clears it at a synchronization
    /// point (a declaration or clause keyword, a closing brace), so one
    /// mistake gives one diagnostic rather than a cascade.
    var panicMode = false

    /// Indices (in `parseFile`'s result) of the declarations in which an
    /// error was reported, lexical or grammatical: the checker skips them.
    var declarationsWithErrors: Set<Int> = []
    /// Identifiers in text skipped where a declaration should have started.
    var namesInSkippedText: Set<String> = []
    var recordsSkippedNames = false
    /// A `with { }` in the current declaration whose `}` was indented like an
    /// outer block's: where to put the `}` if the declaration turns out to lack one.
    var misplacedWithClose: (insertion: SourceRange, opening: SourceRange)?
    /// Syntax errors so far, to tell which declaration they fell in.
    var errorCount: Int { diagnostics.count + lexer.diagnostics.count }

    private var nextExpressionIndex: UInt32 = 0
    /// How many `parseExpression` calls are active: bounded by the nesting limit.
    var expressionDepth = 0

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        var lexer = Lexer(file: file)
        self.current = lexer.next()
        self.lexer = lexer
    }

    // MARK: Cursor

    /// Consumes the current token and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let consumed = current
        previousEnd = consumed.end
        current = lookahead.isEmpty ? lexer.next() : lookahead.removeFirst()
        return consumed
    }

    /// The token `distance` places after the current one (`peek(1)` is the next).
    mutating func peek(_ distance: Int = 1) -> Token {
        while lookahead.count < distance { lookahead.append(lexer.next()) }
        return lookahead[distance - 1]
    }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }
    func at(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }
    var atEnd: Bool { current.kind == .endOfFile }

    /// Consumes the current token if it is of `kind`.
    mutating func eat(_ kind: TokenKind) -> Token? {
        at(kind) ? advance() : nil
    }

    mutating func eat(_ keyword: Keyword) -> Token? { eat(.keyword(keyword)) }

    /// Consumes a token of `kind` or reports "expected …" (entering panic mode).
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String? = nil) -> Token? {
        if let token = eat(kind) { return token }
        reportUnexpected(expected: what ?? kind.displayName)
        return nil
    }

    func text(of token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    func identifier(_ token: Token) -> Identifier {
        Identifier(name: text(of: token), range: range(of: token))
    }

    // MARK: Ranges

    func range(of token: Token) -> SourceRange { SourceRange(file: file.id, start: token.start, end: token.end) }
    func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(file: file.id, start: start, end: end) }
    /// From `start` to the end of the last consumed token.
    func range(from start: Int) -> SourceRange { range(start, max(start, previousEnd)) }
    /// An empty range just after the last consumed token: where something is missing.
    var insertionPoint: SourceRange { range(previousEnd, previousEnd) }

    // MARK: Diagnostics

    /// Reports an error after which the parser does not trust its position.
    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange,
                        notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        if !panicMode {
            diagnostics.append(Diagnostic(code, message, at: range, notes: notes, fixIts: fixIts))
        }
        panicMode = true
    }

    /// Reports a mistake the parser understood and stepped over (a duplicate
    /// clause, `=` for `==`): the tree is sound, so parsing goes on normally.
    mutating func diagnose(_ code: DiagnosticCode, _ message: String, at range: SourceRange,
                           notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        guard !panicMode else { return }
        diagnostics.append(Diagnostic(code, message, at: range, notes: notes, fixIts: fixIts))
    }

    /// "expected X, found Y" at the current token. Bytes the lexer could not
    /// tokenize were reported by the lexer already: panic quietly instead.
    mutating func reportUnexpected(expected: String, code: DiagnosticCode = .expectedToken, notes: [DiagnosticNote] = []) {
        if current.kind == .unknown {
            panicMode = true
            return
        }
        error(code, "expected \(expected), found \(describe(current))", at: range(of: current), notes: notes)
    }

    /// How a token is shown in messages: its text when short, else its kind.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier, .keyword, .intLiteral, .numberLiteral, .moneyLiteral, .durationLiteral, .clockLiteral:
            let spelled = text(of: token)
            return spelled.utf8.count <= 32 ? "`\(spelled)`" : token.kind.displayName
        case .stringLiteral:
            return "a string"
        default:
            return token.kind.displayName
        }
    }

    // MARK: Expression nodes

    mutating func makeExpr(_ kind: ExprKind, _ range: SourceRange) -> Expr {
        let id = ExprID(file: file.id, index: nextExpressionIndex)
        nextExpressionIndex &+= 1
        return Expr(id: id, kind: kind, range: range)
    }
}
