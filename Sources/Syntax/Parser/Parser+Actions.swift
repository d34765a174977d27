/// `then { ACTION... }` (LANGUAGE.md §7): `send`, `tag`, `untag`, `note`,
/// each followed by the modifiers `after DURATION` and `requires approval`
/// in either order.
extension Parser {
    mutating func parseActionBlock() -> [ActionSyntax] {
        let blockStart = current.start
        guard let opening = expect(.leftBrace, "`{` after `then`") else { return [] }
        var actions: [ActionSyntax] = []
        var sawNonAction = false  // then "no actions" would only repeat that error
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            guard case .keyword(let keyword) = current.kind, keyword.startsAction else {
                if case .keyword(let keyword) = current.kind, keyword.startsClause { break }  // `}` forgotten
                sawNonAction = true
                reportUnexpected(expected: "an action (`send`, `tag`, `untag` or `note`)", code: .unknownAction)
                synchronize(.action)
                continue
            }
            actions.append(parseAction(keyword))
            if panicMode { synchronize(.action) }
        }
        if case .keyword(let keyword) = current.kind, keyword.startsClause {
            if reportMisplacedWithClose() { return actions }
            error(.unclosedDelimiter, "missing `}` to close the `then` block", at: insertionPoint,
                  notes: [DiagnosticNote("the block opens here", at: range(of: opening))],
                  fixIts: [FixIt(range: insertionPoint, replacement: "\n}", message: "insert `}`")])
            panicMode = false
        } else {
            closeBlock(opening: opening, what: "the `then` block")
        }
        if actions.isEmpty, !sawNonAction {
            diagnose(.emptyActionBlock, "`then` block has no actions: add `send`, `tag`, `untag` or `note`",
                     at: range(from: blockStart))
        }
        return actions
    }

    private mutating func parseAction(_ keyword: Keyword) -> ActionSyntax {
        let start = advance().start
        let kind: ActionKind
        switch keyword {
        case .send:
            let template = expectStringLiteral("a template name") ?? StringLiteral(value: "", range: insertionPoint)
            let arguments = at(.with) ? parseWithArguments() : []
            var via: Expr?
            if eat(.via) != nil { via = parseExpression() }
            kind = .send(template: template, with: arguments, via: via)
        case .tag, .untag:
            let tag = expectStringLiteral("a tag") ?? StringLiteral(value: "", range: insertionPoint)
            kind = keyword == .tag ? .tag(tag) : .untag(tag)
        case .note:
            kind = .note(expectStringLiteral("the note's text") ?? StringLiteral(value: "", range: insertionPoint))
        default:
            preconditionFailure("parseAction called with `\(keyword.rawValue)`, which starts no action")
        }
        var after: Expr?
        var afterRange: SourceRange?
        var approvalRange: SourceRange?
        var progress = LoopProgress()
        while !panicMode, at(.after) || at(.requires), progress.advanced(self) {
            let modifierStart = current.start
            if eat(.after) != nil {
                let value = parseExpression()
                reportDuplicateModifier("after", first: afterRange, range(from: modifierStart))
                if after == nil { after = value; afterRange = range(from: modifierStart) }
            } else {
                advance()
                _ = expect(.keyword(.approval), "`approval` after `requires`")
                reportDuplicateModifier("requires approval", first: approvalRange, range(from: modifierStart))
                approvalRange = approvalRange ?? range(from: modifierStart)
            }
        }
        return ActionSyntax(kind: kind, after: after, requiresApproval: approvalRange != nil, range: range(from: start))
    }

    private mutating func reportDuplicateModifier(_ spelling: String, first: SourceRange?, _ second: SourceRange) {
        guard let first else { return }
        diagnose(.duplicateModifier, "duplicate `\(spelling)` on one action", at: second,
                 notes: [DiagnosticNote("first given here", at: first)])
    }

    /// After a `with` argument: the next token starts an action, a clause or a
    /// modifier of this action, and is not itself a key (`tag: …` would be).
    private mutating func forgotWithBrace() -> Bool {
        guard case .keyword(let keyword) = current.kind, peek().kind != .colon else { return false }
        return keyword.startsAction || keyword.startsClause || keyword == .after || keyword == .requires || keyword == .via
    }

    /// `with { key: EXPR, ... }`; any word may be a key (`{ note: … }`).
    private mutating func parseWithArguments() -> [WithArgument] {
        advance()  // `with`
        guard let opening = expect(.leftBrace, "`{` after `with`") else { return [] }
        var arguments: [WithArgument] = []
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            guard current.kind.isWord else {
                reportUnexpected(expected: "a key such as `amount: …`")
                synchronize(.withArgument)
                _ = eat(.comma)
                continue
            }
            let key = identifier(advance())
            if expect(.colon, "`:` after the key `\(key.name)`") != nil {
                arguments.append(WithArgument(key: key, value: parseExpression()))
            }
            if panicMode {
                synchronize(.withArgument)
                _ = eat(.comma)
                continue
            }
            if eat(.comma) != nil || at(.rightBrace) { continue }
            if forgotWithBrace() {
                // `with { a: 1` then the next action or clause: the `}` belongs right
                // after the last argument, not wherever the enclosing block ends.
                reportForgottenWithBrace(opening: opening)
                return arguments
            }
            if current.kind.isWord, peek().kind == .colon {
                // `{ a: 1 b: 2 }`: the separator was forgotten.
                diagnose(.expectedToken, "expected `,` between `with` arguments", at: insertionPoint,
                         fixIts: [FixIt(range: insertionPoint, replacement: ",", message: "insert `,`")])
                continue
            }
            reportUnexpected(expected: "`,` or `}` after the argument")
            synchronize(.withArgument)
            _ = eat(.comma)
        }
        if !arguments.isEmpty, at(.rightBrace), closesAnOuterBlock(opening: opening) {
            // Parsed as written (layout never changes the tree), but if the rule
            // then lacks a `}`, this is where it was forgotten.
            misplacedWithClose = (insertion: insertionPoint, opening: range(of: opening))
        }
        closeBlock(opening: opening, what: "the `with` arguments")
        return arguments
    }

    private mutating func reportForgottenWithBrace(opening: Token) {
        reportForgottenWithBrace(at: insertionPoint, opening: range(of: opening))
    }

    mutating func reportForgottenWithBrace(at insertion: SourceRange, opening: SourceRange) {
        error(.unclosedDelimiter, "missing `}` to close the `with` arguments", at: insertion,
              notes: [DiagnosticNote("the arguments open here", at: opening)],
              fixIts: [FixIt(range: insertion, replacement: " }", message: "insert `}`")])
        panicMode = false
    }

    /// A block ends without its `}` (at the end of the file, or at the next
    /// declaration or clause): if a `with { }` earlier in this declaration was
    /// closed by a `}` indented like an outer block's, that is where the `}`
    /// was forgotten; say so there. True when reported.
    mutating func reportMisplacedWithClose() -> Bool {
        guard let misplaced = misplacedWithClose else { return false }
        misplacedWithClose = nil
        reportForgottenWithBrace(at: misplaced.insertion, opening: misplaced.opening)
        return true
    }

    /// The `}` at the cursor starts its own line, left of where the line with
    /// `with {` starts: by its indentation it closes the enclosing `then` block,
    /// and the `with` arguments were never closed. (A `}` lined up with the
    /// `send`, as `fmt` writes long sends, does close them.)
    private func closesAnOuterBlock(opening: Token) -> Bool {
        let brace = current.start
        var lineStart = brace
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") {
            guard bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t") else { return false }
            lineStart -= 1
        }
        guard lineStart > opening.start else { return false }  // same line as the `{`
        return brace - lineStart < indentation(ofLineAt: opening.start)
    }

    private func indentation(ofLineAt offset: Int) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = start
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return end - start
    }
}
