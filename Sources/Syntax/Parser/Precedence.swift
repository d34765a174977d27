/// Binding strength of expression operators, loosest first (LANGUAGE.md §6).
enum Precedence: Int, Comparable {
    case or = 1
    case and
    case not
    case comparison
    case additive
    case multiplicative
    case unary
    case postfix

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// The next tighter level: the right operand of a left-associative
    /// operator is parsed at this level, so `a - b - c` groups as `(a - b) - c`.
    var tighter: Precedence { Precedence(rawValue: rawValue + 1) ?? .postfix }
}

/// What an infix (or trailing) operator builds.
enum InfixOperator: Equatable {
    case binary(BinaryOperator)
    case comparison(ComparisonOperator)
    case within
    case isNull(negated: Bool)
    /// `=` where `==` was meant: reported with a fix-it, then parsed as `==`.
    case assignmentTypo
}

/// One row of the operator table: the token that starts the operator, the
/// keywords that must follow it (`not in`, `starts with`, `is not null`),
/// its precedence and what it builds.
struct InfixRule {
    let first: TokenKind
    let followedBy: [Keyword]
    let precedence: Precedence
    let op: InfixOperator

    var tokenCount: Int { 1 + followedBy.count }
    var spelling: String {
        ([first.punctuationSpelling ?? keywordSpelling(first)] + followedBy.map(\.rawValue)).joined(separator: " ")
    }

    private func keywordSpelling(_ kind: TokenKind) -> String {
        if case .keyword(let k) = kind { return k.rawValue }
        return "?"
    }
}

/// The operator table as data (clox's `rules[]`). Multi-word rows come before
/// their prefixes (`is not null` before `is null`) so the longest one matches.
enum OperatorTable {
    static let infixRules: [InfixRule] = [
        InfixRule(first: .keyword(.or), followedBy: [], precedence: .or, op: .binary(.or)),
        InfixRule(first: .pipePipe, followedBy: [], precedence: .or, op: .binary(.or)),
        InfixRule(first: .keyword(.and), followedBy: [], precedence: .and, op: .binary(.and)),
        InfixRule(first: .ampersandAmpersand, followedBy: [], precedence: .and, op: .binary(.and)),

        InfixRule(first: .equalEqual, followedBy: [], precedence: .comparison, op: .comparison(.equal)),
        InfixRule(first: .bangEqual, followedBy: [], precedence: .comparison, op: .comparison(.notEqual)),
        InfixRule(first: .less, followedBy: [], precedence: .comparison, op: .comparison(.less)),
        InfixRule(first: .lessEqual, followedBy: [], precedence: .comparison, op: .comparison(.lessOrEqual)),
        InfixRule(first: .greater, followedBy: [], precedence: .comparison, op: .comparison(.greater)),
        InfixRule(first: .greaterEqual, followedBy: [], precedence: .comparison, op: .comparison(.greaterOrEqual)),
        InfixRule(first: .keyword(.in), followedBy: [], precedence: .comparison, op: .comparison(.in)),
        InfixRule(first: .keyword(.not), followedBy: [.in], precedence: .comparison, op: .comparison(.notIn)),
        InfixRule(first: .keyword(.contains), followedBy: [], precedence: .comparison, op: .comparison(.contains)),
        InfixRule(first: .keyword(.starts), followedBy: [.with], precedence: .comparison, op: .comparison(.startsWith)),
        InfixRule(first: .keyword(.ends), followedBy: [.with], precedence: .comparison, op: .comparison(.endsWith)),
        InfixRule(first: .keyword(.matches), followedBy: [], precedence: .comparison, op: .comparison(.matches)),
        InfixRule(first: .keyword(.within), followedBy: [], precedence: .comparison, op: .within),
        InfixRule(first: .keyword(.is), followedBy: [.not, .null], precedence: .comparison, op: .isNull(negated: true)),
        InfixRule(first: .keyword(.is), followedBy: [.null], precedence: .comparison, op: .isNull(negated: false)),
        InfixRule(first: .equal, followedBy: [], precedence: .comparison, op: .assignmentTypo),

        InfixRule(first: .plus, followedBy: [], precedence: .additive, op: .binary(.add)),
        InfixRule(first: .minus, followedBy: [], precedence: .additive, op: .binary(.subtract)),
        InfixRule(first: .star, followedBy: [], precedence: .multiplicative, op: .binary(.multiply)),
        InfixRule(first: .slash, followedBy: [], precedence: .multiplicative, op: .binary(.divide)),
        InfixRule(first: .percent, followedBy: [], precedence: .multiplicative, op: .binary(.remainder)),
    ]

    /// The rows grouped by their first token, derived once from the table:
    /// the parser asks "is this an operator?" after every operand.
    static let rulesByFirstToken: [TokenKind: [InfixRule]] = Dictionary(grouping: infixRules, by: \.first)

    /// Tokens that start a postfix operator: `.field`, a call, `ago`.
    static func startsPostfix(_ kind: TokenKind) -> Bool {
        kind == .dot || kind == .leftParen || kind == .keyword(.ago)
    }
}
