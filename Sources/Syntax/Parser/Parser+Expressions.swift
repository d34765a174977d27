/// Expressions by precedence climbing over `OperatorTable` (LANGUAGE.md §6).
///
/// Binary operators are handled in a loop, so a chain like `a or b or c …`
/// costs no recursion per term; recursion happens only for real nesting
/// (operands of tighter operators, parentheses, lists, calls), and each
/// level of it is one level of tree height, which the nesting limit bounds.
///
/// A flat `and`/`or` chain is not nesting: it is built as a balanced tree
/// (`and` and `or` are associative, and evaluating its leaves left to right
/// with short circuits gives the same answers in any grouping), so a chain of
/// any length is about log₂(terms) levels high and every later phase, which
/// recurses over trees, handles it. Chains of other operators are left-grouped
/// (`a - b - c` is `(a - b) - c`), and one too long for the limit is reported
/// as a long chain, not as nesting.
extension Parser {
    /// An expression and the height of its tree (a leaf is 1).
    struct Node {
        var expr: Expr
        var height: Int
    }

    mutating func parseExpression() -> Expr {
        parseExpression(.or).expr
    }

    mutating func parseExpression(_ minimum: Precedence) -> Node {
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        guard expressionDepth <= Parser.maximumNesting else {
            reportTooDeep(at: range(of: current))
            return Node(expr: makeExpr(.invalid, range(of: current)), height: 1)
        }
        var left = parsePrefix(minimum)
        var operationsInARow = 0
        var progress = LoopProgress()
        while let rule = matchInfix(), rule.precedence >= minimum, progress.advanced(self) {
            let operatorStart = current.start
            for _ in 0..<rule.tokenCount { advance() }
            let operatorRange = range(from: operatorStart)
            if case .binary(let op) = rule.op, op == .and || op == .or {
                left = parseLogicalChain(op, rule, first: left)
            } else {
                left = parseInfix(rule, left: left, operatorRange: operatorRange)
                operationsInARow += 1
            }
            if left.height > Parser.maximumNesting {
                // Mostly this loop's own left-grouped operations: a long chain, not deep nesting.
                if operationsInARow > Parser.maximumNesting / 2 {
                    reportChainTooLong(rule, at: operatorRange)
                } else {
                    reportTooDeep(at: operatorRange)
                }
                left = Node(expr: makeExpr(.invalid, left.expr.range), height: 1)
            }
            if rule.precedence == .comparison { reportChainedComparison(after: left) }
        }
        return left
    }

    /// The operator table row matching the tokens at the cursor, if any.
    /// `is` and `starts`/`ends` can only be operators, so a half-written one
    /// (`x is 5`, `s starts "a"`) is reported here.
    private mutating func matchInfix() -> InfixRule? {
        if let rule = matchInfixWithoutReporting() { return rule }
        switch current.kind {
        case .keyword(.is):
            advance()
            reportUnexpected(expected: "`null` or `not null` after `is`")
        case .keyword(.starts), .keyword(.ends):
            let word = text(of: advance())
            reportUnexpected(expected: "`with` after `\(word)`")
        default:
            break
        }
        return nil
    }

    private mutating func parseInfix(_ rule: InfixRule, left: Node, operatorRange: SourceRange) -> Node {
        switch rule.op {
        case .isNull(let negated):
            return build(.isNull(left.expr, negated: negated), left.expr.range.union(operatorRange), children: left)
        case .binary(let op):
            let right = parseExpression(rule.precedence.tighter)
            return build(.binary(op, left.expr, right.expr), left.expr.range.union(right.expr.range), children: left, right)
        case .comparison(let op):
            let right = parseExpression(.additive)
            return build(.comparison(op, left.expr, right.expr), left.expr.range.union(right.expr.range), children: left, right)
        case .within:
            let right = parseExpression(.additive)
            return build(.within(left.expr, duration: right.expr), left.expr.range.union(right.expr.range), children: left, right)
        case .assignmentTypo:
            diagnose(.assignmentInExpression, "`=` binds constants; to compare, use `==`", at: operatorRange,
                     fixIts: [FixIt(range: operatorRange, replacement: "==", message: "use `==`")])
            let right = parseExpression(.additive)
            return build(.comparison(.equal, left.expr, right.expr), left.expr.range.union(right.expr.range), children: left, right)
        }
    }

    /// `first and b and c …` (the first operator already consumed): every term
    /// of the chain, then a balanced tree over them. `and` and `&&` mix in one
    /// chain; a different operator ends it.
    private mutating func parseLogicalChain(_ op: BinaryOperator, _ rule: InfixRule, first: Node) -> Node {
        var operands = [first]
        var progress = LoopProgress()
        while true {
            operands.append(parseExpression(rule.precedence.tighter))
            guard let next = matchInfixWithoutReporting(), next.op == rule.op, progress.advanced(self) else { break }
            for _ in 0..<next.tokenCount { advance() }
        }
        return balanced(op, operands[...])
    }

    /// Halves, left half the larger: `a and b and c` is `(a and b) and c`, as
    /// left grouping would give; longer chains are about log₂(n) levels high.
    private mutating func balanced(_ op: BinaryOperator, _ operands: ArraySlice<Node>) -> Node {
        if operands.count == 1 { return operands[operands.startIndex] }
        let middle = operands.startIndex + (operands.count + 1) / 2
        let left = balanced(op, operands[..<middle])
        let right = balanced(op, operands[middle...])
        return build(.binary(op, left.expr, right.expr), left.expr.range.union(right.expr.range), children: left, right)
    }

    mutating func reportChainTooLong(_ rule: InfixRule, at range: SourceRange) {
        error(.nestingTooDeep, "this chain of `\(rule.spelling)` is too long: more than \(Parser.maximumNesting) operations in a row", at: range,
              notes: [DiagnosticNote("split it into parts held by `let` constants")])
    }

    /// `a < b < c`: comparisons do not chain. Suggest `a < b and b < c`.
    private mutating func reportChainedComparison(after comparison: Node) {
        guard let next = matchInfixWithoutReporting(), next.precedence == .comparison else { return }
        var fixIts: [FixIt] = []
        if case .comparison(_, _, let right) = comparison.expr.kind {
            let shared = file.text(in: right.range)
            let insertion = range(right.range.end, right.range.end)
            fixIts.append(FixIt(range: insertion, replacement: " and \(shared)", message: "compare `\(shared)` twice, joined by `and`"))
        }
        diagnose(.chainedComparison, "comparisons do not chain; combine them with `and`", at: range(of: current), fixIts: fixIts)
    }

    private mutating func matchInfixWithoutReporting() -> InfixRule? {
        guard let candidates = OperatorTable.rulesByFirstToken[current.kind] else { return nil }
        for rule in candidates {
            var matched = true
            for (offset, keyword) in rule.followedBy.enumerated() where peek(offset + 1).kind != .keyword(keyword) {
                matched = false
                break
            }
            if matched { return rule }
        }
        return nil
    }

    /// Prefix operators: `not`/`!` at their own level, below comparisons,
    /// and `-` at the unary level, where it folds into a numeric literal.
    private mutating func parsePrefix(_ minimum: Precedence) -> Node {
        let start = current.start
        switch current.kind {
        case .keyword(.not), .bang:
            let notToken = advance()
            let operand = parseExpression(.not)
            let node = build(.unary(.not, operand.expr), range(from: start), children: operand)
            if minimum > .not {
                // `a == not b` reads as `a == (not b)`; say so instead of guessing silently.
                let spelled = file.text(in: node.expr.range)
                diagnose(.misplacedNot, "`\(text(of: notToken))` binds more loosely than this operator; add parentheses",
                         at: node.expr.range,
                         fixIts: [FixIt(range: node.expr.range, replacement: "(\(spelled))", message: "wrap it in parentheses")])
            }
            return node
        case .minus:
            if let literal = foldNegativeLiteral() { return literal }
            advance()
            let operand = parseExpression(.unary)
            return build(.unary(.negate, operand.expr), range(from: start), children: operand)
        default:
            return parsePostfix()
        }
    }

    /// `-` directly before a numeric literal (and not before a postfix
    /// operator on it) is one negative literal, so `-9223372036854775808` fits.
    private mutating func foldNegativeLiteral() -> Node? {
        let literal = peek(1)
        switch literal.kind {
        case .intLiteral, .numberLiteral, .moneyLiteral, .durationLiteral:
            guard !OperatorTable.startsPostfix(peek(2).kind) else { return nil }
        default:
            return nil
        }
        let start = advance().start
        advance()
        return Node(expr: literalExpr(literal, negative: true, range: range(from: start)), height: 1)
    }

    func height(_ children: [Node]) -> Int { 1 + children.reduce(0) { max($0, $1.height) } }

    mutating func build(_ kind: ExprKind, _ range: SourceRange, children: Node...) -> Node {
        Node(expr: makeExpr(kind, range), height: height(children))
    }

    mutating func reportTooDeep(at range: SourceRange) {
        error(.nestingTooDeep, "expression nests more than \(Parser.maximumNesting) levels deep", at: range,
              notes: [DiagnosticNote("split it with `let` constants or segments, or use `in [...]` instead of long `or` chains")])
    }
}
