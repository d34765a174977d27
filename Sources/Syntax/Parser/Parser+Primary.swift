/// Postfix operators and primary expressions: literals, names, `fan`,
/// `event`, `now`, parentheses, lists, calls and aggregates.
extension Parser {
    mutating func parsePostfix() -> Node {
        var node = parsePrimary()
        var progress = LoopProgress()
        while OperatorTable.startsPostfix(current.kind), !panicMode, progress.advanced(self) {
            let start = node.expr.range.start
            switch current.kind {
            case .dot:
                advance()
                guard current.kind.isWord else {
                    reportUnexpected(expected: "a field name after `.`")
                    return node
                }
                // After `.` any word is a name, keywords included (`event.description`).
                let field = identifier(advance())
                node = build(.member(base: node.expr, field: field), range(from: start), children: node)
            case .keyword(.ago):
                advance()
                node = build(.ago(node.expr), range(from: start), children: node)
                reportAgoOperand(node)
            default:  // `(` after something that is not a function name
                error(.expectedToken, "only functions can be called; this is not a function name", at: range(of: current))
                return node
            }
            if node.height > Parser.maximumNesting {
                reportTooDeep(at: node.expr.range)
                return Node(expr: makeExpr(.invalid, node.expr.range), height: 1)
            }
        }
        return node
    }

    /// `D ago` takes a duration literal, a constant or a parenthesized
    /// expression (LANGUAGE.md §6), so `x - 3d ago` cannot be misread.
    private mutating func reportAgoOperand(_ node: Node) {
        guard case .ago(let operand) = node.expr.kind else { return }
        switch operand.kind {
        case .literal, .name, .parenthesized, .invalid: return
        default:
            let spelled = file.text(in: operand.range)
            diagnose(.expectedToken, "`ago` follows a duration, a constant or a parenthesized expression", at: operand.range,
                     fixIts: [FixIt(range: operand.range, replacement: "(\(spelled))", message: "add parentheses")])
        }
    }

    private mutating func parsePrimary() -> Node {
        let token = current
        switch token.kind {
        case .intLiteral, .numberLiteral, .moneyLiteral, .durationLiteral:
            advance()
            return Node(expr: literalExpr(token, negative: false, range: range(of: token)), height: 1)
        case .stringLiteral:
            advance()
            guard case .string(let value) = token.value else { return leaf(.invalid, token) }
            return leaf(.literal(.string(value)), token)
        case .keyword(.true): advance(); return leaf(.literal(.bool(true)), token)
        case .keyword(.false): advance(); return leaf(.literal(.bool(false)), token)
        case .keyword(.null): advance(); return leaf(.literal(.null), token)
        case .keyword(.fan): advance(); return leaf(.fan, token)
        case .keyword(.event): advance(); return leaf(.event, token)
        case .keyword(.now): advance(); return leaf(.now, token)
        case .invalidLiteral:
            advance()  // the lexer explained what is wrong with it
            return leaf(.invalid, token)
        case .identifier:
            if peek().kind == .leftParen { return parseCall() }
            advance()
            return leaf(.name(text(of: token)), token)
        case .leftParen:
            return parseParenthesized()
        case .leftBracket:
            return parseList()
        default:
            reportMissingExpression()
            return Node(expr: makeExpr(.invalid, range(current.start, current.start)), height: 1)
        }
    }

    private mutating func leaf(_ kind: ExprKind, _ token: Token) -> Node {
        Node(expr: makeExpr(kind, range(of: token)), height: 1)
    }

    private mutating func reportMissingExpression() {
        var notes: [DiagnosticNote] = []
        if case .keyword(let keyword) = current.kind, !keyword.startsClause, !keyword.startsDeclaration, !keyword.startsAction {
            notes.append(DiagnosticNote("`\(keyword.rawValue)` is a reserved word; keywords are names only after `.` and as keys inside `with { }`"))
        }
        reportUnexpected(expected: "an expression", code: .expectedExpression, notes: notes)
    }

    /// A numeric literal's expression. Magnitudes arrive unsigned; the sign
    /// is applied here so the range check sees the literal as written.
    mutating func literalExpr(_ token: Token, negative: Bool, range: SourceRange) -> Expr {
        func signed(_ magnitude: UInt64?) -> Int64? {
            guard let magnitude else { return nil }
            if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
        let literal: Literal?
        switch token.value {
        case .int(let magnitude): literal = signed(magnitude).map(Literal.int)
        case .money(let magnitude): literal = signed(magnitude).map(Literal.money)
        case .duration(let magnitude): literal = signed(magnitude).map(Literal.duration)
        case .number(let value): literal = .number(negative ? -value : value)
        default: literal = nil
        }
        guard let literal else {
            let kind = token.kind == .intLiteral ? "integer" : token.kind == .moneyLiteral ? "money amount" : "duration"
            diagnose(.literalOverflow, "\(kind) literal `\(file.text(in: range))` is out of range (64-bit signed)", at: range)
            return makeExpr(.invalid, range)
        }
        return makeExpr(.literal(literal), range)
    }

    private mutating func parseParenthesized() -> Node {
        let opening = advance()
        let inner = parseExpression(.or)
        closeDelimiter(.rightParen, opening: opening)
        return build(.parenthesized(inner.expr), range(from: opening.start), children: inner)
    }

    /// `[a, b, c]`, possibly empty, a trailing comma allowed.
    private mutating func parseList() -> Node {
        let opening = advance()
        let elements = parseCommaSeparated(until: .rightBracket)
        closeDelimiter(.rightBracket, opening: opening)
        return Node(expr: makeExpr(.list(elements.map(\.expr)), range(from: opening.start)), height: height(elements))
    }

    /// Expressions separated by commas, up to (not including) `closer`.
    private mutating func parseCommaSeparated(until closer: TokenKind) -> [Node] {
        var elements: [Node] = []
        var progress = LoopProgress()
        while !at(closer), !atEnd, !panicMode, progress.advanced(self) {
            elements.append(parseExpression(.or))
            if eat(.comma) == nil { break }
        }
        return elements
    }

    /// `name(args)`, or an aggregate when the name is one.
    private mutating func parseCall() -> Node {
        let nameToken = advance()
        let function = identifier(nameToken)
        if let aggregate = AggregateFunction(rawValue: function.name) {
            return parseAggregate(aggregate, name: function)
        }
        let opening = advance()  // `(`
        let arguments = parseCommaSeparated(until: .rightParen)
        closeDelimiter(.rightParen, opening: opening)
        return Node(expr: makeExpr(.call(function: function, arguments: arguments.map(\.expr)), range(from: nameToken.start)),
                    height: height(arguments))
    }

    /// `count|exists|sum|avg|min|max ( PATH [within EXPR] [where EXPR] )`. The
    /// path is parsed at postfix level, so `within` and `where` end it.
    private mutating func parseAggregate(_ function: AggregateFunction, name: Identifier) -> Node {
        let opening = advance()  // `(`
        let source = parseExpression(.postfix)
        var children = [source]
        var window: Expr?
        var filter: Expr?
        if eat(.within) != nil {
            let node = parseExpression(.or)
            window = node.expr
            children.append(node)
        }
        if eat(.where) != nil {
            let node = parseExpression(.or)
            filter = node.expr
            children.append(node)
        }
        closeDelimiter(.rightParen, opening: opening)
        let aggregate = Aggregate(function: function, functionName: name, source: source.expr, window: window, filter: filter)
        return Node(expr: makeExpr(.aggregate(aggregate), range(from: name.range.start)), height: height(children))
    }
}
