/// Identifies one expression node in a program. Later phases keep what they
/// learn about a node (its type, what a name resolved to) in tables keyed by
/// this id, so the tree itself stays a plain value.
public struct ExprID: Hashable, Sendable {
    public let file: FileID
    public let index: UInt32
    public init(file: FileID, index: UInt32) { self.file = file; self.index = index }
}

public struct Expr: Hashable, Sendable {
    public var id: ExprID
    public var kind: ExprKind
    public var range: SourceRange

    public init(id: ExprID, kind: ExprKind, range: SourceRange) {
        self.id = id
        self.kind = kind
        self.range = range
    }
}

public indirect enum ExprKind: Hashable, Sendable {
    case literal(Literal)
    /// A bare identifier: a constant, a segment (right of `fan in`), or an
    /// element field inside an aggregate's `where`. The checker decides which.
    case name(String)
    /// The keywords `fan`, `event`, `now`.
    case fan
    case event
    case now
    /// `base.field` (field names may be keywords).
    case member(base: Expr, field: Identifier)
    /// `name(args)` for ordinary functions (`lower`, `days_since`, …).
    case call(function: Identifier, arguments: [Expr])
    /// `count(C [within D] [where E])`, `sum(C.field …)` and friends. `source`
    /// is the path as written (`fan.transactions` or `fan.transactions.amount`);
    /// the checker splits collection and field.
    case aggregate(Aggregate)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// A non-chaining comparison: `== != < <= > >= in, not in, contains,
    /// starts with, ends with, matches`.
    case comparison(ComparisonOperator, Expr, Expr)
    /// `x within D`: `now - D <= x <= now`.
    case within(Expr, duration: Expr)
    /// `x is null` / `x is not null`.
    case isNull(Expr, negated: Bool)
    /// `D ago`: `now - D`.
    case ago(Expr)
    case list([Expr])
    /// Parentheses are kept so the formatter can reproduce the author's grouping.
    case parenthesized(Expr)
    /// Stands where the parser could not build an expression; it has already
    /// reported why, so later phases stay quiet about it.
    case invalid
}

public struct Aggregate: Hashable, Sendable {
    public var function: AggregateFunction
    public var functionName: Identifier
    public var source: Expr
    public var window: Expr?
    public var filter: Expr?

    public init(function: AggregateFunction, functionName: Identifier, source: Expr, window: Expr?, filter: Expr?) {
        self.function = function
        self.functionName = functionName
        self.source = source
        self.window = window
        self.filter = filter
    }
}

public enum AggregateFunction: String, Hashable, Sendable, CaseIterable {
    case count, exists, sum, avg, min, max
}

public enum UnaryOperator: String, Hashable, Sendable {
    /// `not` or `!`.
    case not
    /// Arithmetic negation of a non-literal (`-x`); a literal operand folds into the literal.
    case negate
}

public enum BinaryOperator: String, Hashable, Sendable {
    case and, or
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

public enum ComparisonOperator: String, Hashable, Sendable {
    case equal = "==", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in", notIn = "not in"
    case contains = "contains", startsWith = "starts with", endsWith = "ends with"
    case matches = "matches"
}

public struct Identifier: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public init(name: String, range: SourceRange) { self.name = name; self.range = range }
}
