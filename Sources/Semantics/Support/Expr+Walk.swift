import Syntax

extension Expr {
    /// The direct children, in source order.
    var children: [Expr] {
        switch kind {
        case .literal, .name, .fan, .event, .now, .invalid: []
        case .member(let base, _): [base]
        case .call(_, let arguments): arguments
        case .aggregate(let a): [a.source] + [a.window, a.filter].compactMap { $0 }
        case .unary(_, let e), .ago(let e), .parenthesized(let e), .isNull(let e, _): [e]
        case .binary(_, let l, let r), .comparison(_, let l, let r): [l, r]
        case .within(let v, let d): [v, d]
        case .list(let items): items
        }
    }

    /// Visits this node and every descendant, parents first.
    func walk(_ visit: (Expr) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }

    /// The expression without enclosing parentheses.
    var unparenthesized: Expr {
        if case .parenthesized(let inner) = kind { return inner.unparenthesized }
        return self
    }
}

extension TriggerArgument {
    var range: SourceRange {
        switch self {
        case .name(let id): id.range
        case .string(let s): s.range
        }
    }
}

extension FileSyntax {
    /// The parser numbers a file's expressions densely and children before
    /// parents, so the largest id among the declarations' root expressions
    /// bounds the node count. Only a capacity hint: a wrong guess costs nothing else.
    var expressionCountEstimate: Int {
        var largest: UInt32 = 0
        for declaration in declarations {
            let roots: [Expr] = switch declaration {
            case .constant(let d): [d.value]
            case .segment(let d): [d.condition]
            case .rule(let d): d.clauseExpressions
            }
            for root in roots { largest = max(largest, root.id.index) }
        }
        return declarations.isEmpty ? 0 : Int(largest) + 1
    }
}
