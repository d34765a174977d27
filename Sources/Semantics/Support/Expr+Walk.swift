import Syntax

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
            case .test(let d): d.expressions
            case .policy: []
            }
            for root in roots { largest = max(largest, root.id.index) }
        }
        return declarations.isEmpty ? 0 : Int(largest) + 1
    }
}
