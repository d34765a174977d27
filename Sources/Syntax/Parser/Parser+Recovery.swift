/// Panic-mode recovery (jlox's `synchronize()`, clox's `panicMode`): after an
/// error, skip tokens to a point where parsing can resume with confidence,
/// reporting nothing on the way, then leave panic mode.
extension Parser {
    /// Where a skip may stop. Every level also stops at a top-level
    /// declaration keyword, at the `}` that closes the enclosing block, and
    /// at the end of the file.
    enum SyncLevel {
        /// Between declarations: a stray `}` is skipped too.
        case declaration
        /// Inside `segment … { }` or any block: only its closing `}`.
        case block
        /// Inside a rule body: the next clause keyword.
        case clause
        /// Inside `then { }`: the next action (or clause) keyword.
        case action
        /// Inside `with { }`: the next `,`.
        case withArgument
    }

    mutating func synchronize(_ level: SyncLevel) {
        var braceDepth = 0
        var progress = LoopProgress()
        while !atEnd, progress.advanced(self) {
            if atDeclarationStart() { break }
            switch current.kind {
            case .leftBrace:
                braceDepth += 1
            case .rightBrace:
                if braceDepth == 0 {
                    if level != .declaration { panicMode = false; return }
                } else {
                    braceDepth -= 1
                }
            case .keyword(let keyword) where braceDepth == 0:
                if level == .clause, keyword.startsClause { panicMode = false; return }
                if level == .action, keyword.startsAction || keyword.startsClause { panicMode = false; return }
            case .comma where braceDepth == 0 && level == .withArgument:
                panicMode = false
                return
            default:
                break
            }
            if recordsSkippedNames, current.kind == .identifier { namesInSkippedText.insert(text(of: current)) }
            advance()
        }
        panicMode = false
    }

    /// At `let`, `rule` or `segment` (but not `segment.entered`, a trigger).
    mutating func atDeclarationStart() -> Bool {
        switch current.kind {
        case .keyword(.let), .keyword(.rule): return true
        case .keyword(.segment): return peek().kind != .dot
        case .identifier: return atTestStart() || atPolicyStart()
        default: return false
        }
    }

    /// Closes a `{ … }` block: consumes `}`, or reports it missing. When the
    /// next thing is a new declaration or the end of the file, the brace was
    /// simply forgotten: say so with a fix-it and carry on. Otherwise skip
    /// the junk up to the brace.
    mutating func closeBlock(opening: Token?, what: String) {
        if eat(.rightBrace) != nil { return }
        if atEnd || atDeclarationStart() {
            if reportMisplacedWithClose() { return }
            var notes: [DiagnosticNote] = []
            if let opening { notes.append(DiagnosticNote("the block opens here", at: range(of: opening))) }
            error(.unclosedDelimiter, "missing `}` to close \(what)", at: insertionPoint, notes: notes,
                  fixIts: [FixIt(range: insertionPoint, replacement: "\n}", message: "insert `}`")])
            panicMode = false
            return
        }
        reportUnexpected(expected: "`}` to close \(what)")
        synchronize(.block)
        _ = eat(.rightBrace)
    }

    /// Closes `(…)` or `[…]` in an expression, with a fix-it when the closer
    /// was plainly forgotten (the expression ended at a keyword or brace).
    mutating func closeDelimiter(_ closer: TokenKind, opening: Token) {
        if eat(closer) != nil { return }
        let spelling = closer.punctuationSpelling ?? "?"
        let forgotten: Bool
        switch current.kind {
        case .endOfFile, .rightBrace, .keyword: forgotten = true
        default: forgotten = false
        }
        let note = DiagnosticNote("to match this `\(text(of: opening))`", at: range(of: opening))
        if forgotten, current.kind != .unknown {
            error(.unclosedDelimiter, "missing `\(spelling)`", at: insertionPoint, notes: [note],
                  fixIts: [FixIt(range: insertionPoint, replacement: spelling, message: "insert `\(spelling)`")])
        } else {
            reportUnexpected(expected: "`\(spelling)`", notes: [note])
        }
    }
}
