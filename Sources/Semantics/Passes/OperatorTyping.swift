import Syntax

/// The mixing rules of LANGUAGE.md §6, as one table both the type checker and
/// the constant folder consult, so a constant and a condition agree.
enum OperatorTyping {
    /// The result of `lhs op rhs` for arithmetic operators; nil when the types do not mix.
    static func arithmetic(_ op: BinaryOperator, _ lhs: ExprType, _ rhs: ExprType) -> ExprType? {
        switch (op, lhs, rhs) {
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int), (.divide, .int, .int), (.remainder, .int, .int):
            return .int
        case (.remainder, _, _):
            return nil
        case (_, let l, let r) where l.isNumeric && r.isNumeric:
            return .number
        case (.add, .money, .money), (.subtract, .money, .money):
            return .money
        case (.multiply, .money, let n) where n.isNumeric, (.multiply, let n, .money) where n.isNumeric,
             (.divide, .money, let n) where n.isNumeric:
            return .money
        case (.add, .duration, .duration), (.subtract, .duration, .duration):
            return .duration
        case (.add, .timestamp, .duration), (.add, .duration, .timestamp), (.subtract, .timestamp, .duration):
            return .timestamp
        case (.subtract, .timestamp, .timestamp):
            return .duration
        default:
            return nil
        }
    }

    /// Whether `==`/`!=` (and `in`, element-wise) can compare the two types.
    static func equatable(_ lhs: ExprType, _ rhs: ExprType) -> Bool {
        switch (lhs, rhs) {
        case (let l, let r) where l.isNumeric && r.isNumeric: true
        case (let l, let r) where l.isStringLike && r.isStringLike:
            // Two enums of different domains never hold the same value.
            l.enumDomain == nil || r.enumDomain == nil || l.enumDomain == r.enumDomain
        case (.money, .money), (.duration, .duration), (.timestamp, .timestamp), (.bool, .bool): true
        default: false
        }
    }

    /// Whether `< <= > >=` can order the two types (enums excluded; see `isOrderable`).
    static func orderable(_ lhs: ExprType, _ rhs: ExprType) -> Bool {
        guard lhs.isOrderable, rhs.isOrderable else { return false }
        return (lhs.isNumeric && rhs.isNumeric) || lhs == rhs
    }

    /// The type two branches share (`coalesce`, list items): int and number widen to number.
    static func common(_ a: ExprType, _ b: ExprType) -> ExprType? {
        if a == b { return a }
        if a == .error || b == .error { return .error }
        if a == .null { return b }
        if b == .null { return a }
        if a.isNumeric && b.isNumeric { return .number }
        if a.isStringLike && b.isStringLike { return .string }
        return nil
    }
}
