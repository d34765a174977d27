/// One line of formatted output before comments are placed. Each line knows
/// the source bytes its code came from, so comments can be matched to lines by
/// position even after rule clauses have been reordered.
struct LayoutLine {
    /// Nesting depth; one level is `Format.indentUnit`.
    var indent: Int
    var text: String
    /// Offset of the first token printed on this line.
    var sourceStart: Int
    /// End offset of the last token printed on this line (as far as the tree
    /// knows: an opening `{` is not in the tree and may lie beyond it).
    var sourceEnd: Int
    /// A closing `}`: comments that precede it belong inside the block, one
    /// level deeper than the brace itself.
    var isCloser = false
    /// Separate this line from the previous one by a blank line.
    var blankBefore = false
}

/// How the formatter breaks long lines.
enum LineBreaking {
    static let maximumWidth = 100

    static func width(of text: String, indent: Int) -> Int {
        indent * Format.indentUnit.count + text.unicodeScalars.count
    }
}

extension ExprPrinter {
    /// The lines for an expression that follows `prefix` (`"when "`, `""`, …)
    /// on a line at `indent`. An expression that does not fit in
    /// `LineBreaking.maximumWidth` columns and is an `and`/`or` chain breaks
    /// before each operator of that chain, the operators one level deeper
    /// (`continuation`); an operand that still does not fit breaks its own
    /// chain one level deeper again, so nesting stays visible.
    func lines(_ expr: Expr, prefix: String, indent: Int, continuation: Int, sourceStart: Int) -> [LayoutLine] {
        let flat = prefix + print(expr)
        guard LineBreaking.width(of: flat, indent: indent) > LineBreaking.maximumWidth,
              case .binary(let op, _, _) = expr.kind, op == .and || op == .or else {
            return [LayoutLine(indent: indent, text: flat, sourceStart: sourceStart, sourceEnd: expr.range.end)]
        }
        let operands = Self.chain(of: expr, operator: op)
        var result = lines(operands[0], prefix: prefix, indent: indent,
                           continuation: continuation + 1, sourceStart: sourceStart)
        for operand in operands.dropFirst() {
            result += lines(operand, prefix: op.rawValue + " ", indent: continuation,
                            continuation: continuation + 1, sourceStart: operand.range.start)
        }
        return result
    }

    /// `a and b and c` as `[a, b, c]`, whatever the grouping (the parser
    /// balances long chains). A parenthesized operand is one operand: its
    /// parentheses stay and it is not broken.
    static func chain(of expr: Expr, operator op: BinaryOperator) -> [Expr] {
        var operands: [Expr] = []
        var pending = [expr]  // right to left, so the leftmost leaf comes out first
        while let current = pending.popLast() {
            if case .binary(let currentOp, let left, let right) = current.kind, currentOp == op {
                pending.append(right)
                pending.append(left)
            } else {
                operands.append(current)
            }
        }
        return operands
    }
}
