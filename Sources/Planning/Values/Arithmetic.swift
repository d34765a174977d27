/// Arithmetic of LANGUAGE.md §6. Every function here is total: anything the
/// language leaves undefined (overflow, division by zero, a null operand)
/// gives `.null`. The SQL path calls these same functions through registered
/// SQLite functions, which is what makes both paths agree to the bit.
public enum Arithmetic {
    public static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.addingReportingOverflow(y), Value.int)
        case (.money(let x), .money(let y)): return checked(x.addingReportingOverflow(y), Value.money)
        case (.duration(let x), .duration(let y)): return checked(x.addingReportingOverflow(y), Value.duration)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return checked(t.addingReportingOverflow(d), Value.timestamp)
        default:
            guard let (x, y) = doubles(a, b) else { return .null }
            return number(x + y)
        }
    }

    public static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.subtractingReportingOverflow(y), Value.int)
        case (.money(let x), .money(let y)): return checked(x.subtractingReportingOverflow(y), Value.money)
        case (.duration(let x), .duration(let y)): return checked(x.subtractingReportingOverflow(y), Value.duration)
        case (.timestamp(let t), .duration(let d)): return checked(t.subtractingReportingOverflow(d), Value.timestamp)
        case (.timestamp(let x), .timestamp(let y)): return checked(x.subtractingReportingOverflow(y), Value.duration)
        default:
            guard let (x, y) = doubles(a, b) else { return .null }
            return number(x - y)
        }
    }

    public static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.multipliedReportingOverflow(by: y), Value.int)
        case (.money(let m), .int(let k)), (.int(let k), .money(let m)):
            return checked(m.multipliedReportingOverflow(by: k), Value.money)
        case (.money(let m), .number(let x)), (.number(let x), .money(let m)):
            return roundedMoney(Double(m) * x)
        default:
            guard let (x, y) = doubles(a, b) else { return .null }
            return number(x * y)
        }
    }

    public static func divide(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            guard y != 0 else { return .null }
            return checked(x.dividedReportingOverflow(by: y), Value.int)
        case (.money(let m), .int(let k)):
            guard k != 0 else { return .null }
            return divideRoundingHalfAwayFromZero(m, k).map(Value.money) ?? .null
        case (.money(let m), .number(let x)):
            guard x != 0 else { return .null }
            return roundedMoney(Double(m) / x)
        default:
            guard let (x, y) = doubles(a, b), y != 0 else { return .null }
            return number(x / y)
        }
    }

    /// `%` takes ints only; the result has the dividend's sign (Swift's `%` already does).
    public static func remainder(_ a: Value, _ b: Value) -> Value {
        guard case .int(let x) = a, case .int(let y) = b, y != 0 else { return .null }
        return checked(x.remainderReportingOverflow(dividingBy: y), Value.int)
    }

    public static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x): return checked(Int64(0).subtractingReportingOverflow(x), Value.int)
        case .money(let x): return checked(Int64(0).subtractingReportingOverflow(x), Value.money)
        case .duration(let x): return checked(Int64(0).subtractingReportingOverflow(x), Value.duration)
        case .number(let x): return number(-x)
        default: return .null
        }
    }

    /// A number result. IEEE 754 gives NaN for `inf - inf` and `0 * inf`;
    /// the language has no such value, so like every other undefined result
    /// it is null (SQLite, too, turns a NaN into NULL).
    static func number(_ x: Double) -> Value {
        x.isNaN ? .null : .number(x)
    }

    /// Round half away from zero to a whole number of minor units; out of
    /// Int64's range is an overflow, hence null.
    public static func roundedMoney(_ cents: Double) -> Value {
        roundHalfAwayFromZero(cents).map(Value.money) ?? .null
    }

    public static func roundHalfAwayFromZero(_ x: Double) -> Int64? {
        let r = x.rounded(.toNearestOrAwayFromZero)
        guard r.isFinite, r >= -9_223_372_036_854_775_808.0, r < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(r)
    }

    /// Exact integer division with half-away-from-zero rounding (no floating point).
    static func divideRoundingHalfAwayFromZero(_ a: Int64, _ b: Int64) -> Int64? {
        let (q, overflow) = a.dividedReportingOverflow(by: b)
        if overflow { return nil }
        let r = a - q * b
        // |2r| >= |b| ⇔ |r| >= |b| - |r|, written to avoid overflowing 2r.
        guard r != 0, r.magnitude >= b.magnitude - r.magnitude else { return q }
        let awayFromZero: Int64 = (a < 0) != (b < 0) ? -1 : 1
        let (rounded, o) = q.addingReportingOverflow(awayFromZero)
        return o ? nil : rounded
    }

    private static func checked(_ result: (partialValue: Int64, overflow: Bool), _ wrap: (Int64) -> Value) -> Value {
        result.overflow ? .null : wrap(result.partialValue)
    }

    /// Both operands as doubles when each is an int or a number (int mixes with number).
    static func doubles(_ a: Value, _ b: Value) -> (Double, Double)? {
        guard let x = a.asDouble, let y = b.asDouble else { return nil }
        return (x, y)
    }
}

extension Value {
    /// An int or a number as a double; anything else is not numeric here.
    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}
