import Syntax

/// Arithmetic on folded values, with the semantics of LANGUAGE.md §6: int
/// division truncates, money rounds half away from zero, `/` or `%` by zero is
/// null, and overflow is reported (a constant cannot be null by accident).
enum ConstantArithmetic {
    enum Outcome { case value(LiteralValue), overflow }

    static func apply(_ op: BinaryOperator, _ l: LiteralValue, _ r: LiteralValue) -> Outcome {
        switch (l, r) {
        case (.int(let a), .int(let b)): return outcome(integer(op, a, b), LiteralValue.int)
        case (.money(let a), .money(let b)): return outcome(integer(op, a, b), LiteralValue.money)
        case (.duration(let a), .duration(let b)): return outcome(integer(op, a, b), LiteralValue.duration)
        case (.money(let cents), .int(let n)), (.int(let n), .money(let cents)):
            if op == .divide { return divideRounded(cents, by: n) }
            let (product, overflow) = cents.multipliedReportingOverflow(by: n)
            return overflow ? .overflow : .value(.money(product))
        case (.money(let cents), .number(let n)), (.number(let n), .money(let cents)):
            if op == .divide && n == 0 { return .value(.null) }
            let exact = op == .divide ? Double(cents) / n : Double(cents) * n
            let rounded = exact.rounded(FloatingPointRoundingRule.toNearestOrAwayFromZero)
            guard rounded.isFinite, rounded >= -9.2e18, rounded <= 9.2e18 else { return .overflow }
            return .value(.money(Int64(rounded)))
        default:
            guard let a = l.asDouble, let b = r.asDouble else { return .value(.null) }
            switch op {
            case .add: return .value(.number(a + b))
            case .subtract: return .value(.number(a - b))
            case .multiply: return .value(.number(a * b))
            case .divide: return .value(b == 0 ? .null : .number(a / b))
            default: return .value(.null)
            }
        }
    }

    private static func outcome(_ result: Int64??, _ make: (Int64) -> LiteralValue) -> Outcome {
        switch result {
        case nil: .overflow
        case .some(nil): .value(.null)
        case .some(.some(let v)): .value(make(v))
        }
    }

    /// nil on overflow; division by zero gives null through the caller's `Outcome`.
    private static func integer(_ op: BinaryOperator, _ a: Int64, _ b: Int64) -> Int64?? {
        let result: (Int64, Bool)
        switch op {
        case .add: result = a.addingReportingOverflow(b)
        case .subtract: result = a.subtractingReportingOverflow(b)
        case .multiply: result = a.multipliedReportingOverflow(by: b)
        case .divide:
            if b == 0 { return .some(nil) }
            result = a.dividedReportingOverflow(by: b)
        case .remainder:
            if b == 0 { return .some(nil) }
            result = a.remainderReportingOverflow(dividingBy: b)
        case .and, .or: return .some(nil)
        }
        return result.1 ? nil : .some(result.0)
    }

    /// Money divided by an int, rounded half away from zero without floating point.
    private static func divideRounded(_ cents: Int64, by n: Int64) -> Outcome {
        if n == 0 { return .value(.null) }
        let (quotient, overflow) = cents.dividedReportingOverflow(by: n)
        if overflow { return .overflow }
        let remainder = cents % n
        let roundsAway = remainder.magnitude * 2 >= n.magnitude
        let sign: Int64 = (cents < 0) != (n < 0) ? -1 : 1
        return .value(.money(remainder != 0 && roundsAway ? quotient + sign : quotient))
    }
}

extension LiteralValue {
    var asDouble: Double? {
        switch self {
        case .int(let v): Double(v)
        case .number(let v): v
        default: nil
        }
    }
}
