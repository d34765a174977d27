/// Prints expressions on one line, operators spaced. Parentheses appear
/// exactly where the tree has `.parenthesized` nodes: the tree came from a
/// parse, so the author's parentheses are all the grouping it needs, and
/// adding or dropping any would change the tree.
struct ExprPrinter {
    /// The file the tree was parsed from, used only to keep the unit an
    /// author wrote on a duration literal.
    let file: SourceFile?

    func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .literal(let literal):
            return LiteralPrinter.literal(literal, sourceText: sourceText(of: expr))
        case .name(let name):
            return name
        case .fan:
            return "fan"
        case .event:
            return "event"
        case .now:
            return "now"
        case .member(let base, let field):
            return print(base) + "." + field.name
        case .call(let function, let arguments):
            return function.name + "(" + arguments.map(print).joined(separator: ", ") + ")"
        case .aggregate(let aggregate):
            return print(aggregate)
        case .unary(.not, let operand):
            return "not " + print(operand)
        case .unary(.negate, let operand):
            return "-" + print(operand)
        case .binary(let op, let left, let right):
            return print(left) + " " + op.rawValue + " " + print(right)
        case .comparison(let op, let left, let right):
            return print(left) + " " + op.rawValue + " " + print(right)
        case .within(let value, let duration):
            return print(value) + " within " + print(duration)
        case .isNull(let value, let negated):
            return print(value) + (negated ? " is not null" : " is null")
        case .ago(let duration):
            return print(duration) + " ago"
        case .list(let elements):
            return "[" + elements.map(print).joined(separator: ", ") + "]"
        case .parenthesized(let inner):
            return "(" + print(inner) + ")"
        case .invalid:
            // Only a tree with syntax errors holds one, and such a file is
            // never rewritten; print something that cannot parse by accident.
            return "<invalid>"
        }
    }

    func print(_ aggregate: Aggregate) -> String {
        var text = aggregate.functionName.name + "(" + print(aggregate.source)
        if let window = aggregate.window { text += " within " + print(window) }
        if let filter = aggregate.filter { text += " where " + print(filter) }
        return text + ")"
    }

    private func sourceText(of expr: Expr) -> String? {
        guard let file, expr.range.file == file.id, !expr.range.isEmpty,
              expr.range.end <= file.bytes.count else { return nil }
        return file.text(in: expr.range)
    }
}
