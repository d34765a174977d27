/// Comparison of LANGUAGE.md §6: two-valued, so every comparison with a null
/// operand is false (including `!=`). Ints and numbers compare exactly, as
/// SQLite does; strings compare by Unicode scalars, never normalized.
public enum Comparison {
    /// The order of two non-null values of comparable types; nil when they do
    /// not compare (a null, or types the checker would have rejected).
    public static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)), (.money(let x), .money(let y)),
             (.duration(let x), .duration(let y)), (.timestamp(let x), .timestamp(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.number(let x), .number(let y)):
            // A NaN is unordered (it cannot arise from the language's arithmetic).
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .number(let y)):
            return compareExactly(x, y)
        case (.number(let x), .int(let y)):
            return compareExactly(y, x).map { -$0 }
        case (.string(let x), .string(let y)):
            return Strings.compare(x, y)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        default:
            return nil
        }
    }

    public static func equal(_ a: Value, _ b: Value) -> Bool { order(a, b) == 0 }

    /// `!=` is false when either side is null, not the negation of `==`.
    public static func notEqual(_ a: Value, _ b: Value) -> Bool {
        guard let o = order(a, b) else { return false }
        return o != 0
    }

    /// `x in list`: compares like `==`, so a null `x` is never in anything.
    public static func contained(_ x: Value, in list: Value) -> Bool {
        guard !x.isNull, case .list(let items) = list else { return false }
        return items.contains { equal(x, $0) }
    }

    /// `x not in list`: false for a null `x` (every comparison with null is false).
    public static func notContained(_ x: Value, in list: Value) -> Bool {
        guard !x.isNull, case .list(let items) = list else { return false }
        return !items.contains { equal(x, $0) }
    }

    /// Compares an Int64 with a Double without the rounding that converting
    /// either to the other's type would introduce.
    static func compareExactly(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        // 2^63 is exactly representable; every double at or above it exceeds any Int64.
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let truncated = d.rounded(.towardZero)
        let whole = Int64(truncated)
        if i != whole { return i < whole ? -1 : 1 }
        let fraction = d - truncated
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }
}
