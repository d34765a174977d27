extension Expr {
    /// The direct children, in source order.
    public var children: [Expr] {
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
    public func walk(_ visit: (Expr) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }

    /// The expression without enclosing parentheses.
    public var unparenthesized: Expr {
        if case .parenthesized(let inner) = kind { return inner.unparenthesized }
        return self
    }
}
