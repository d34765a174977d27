import Semantics
import Syntax

/// `avg(C.money …) op K`, for a fixed amount K, as a test on the rows' sum and
/// count instead of the rounded average.
///
/// The language rounds an average of money half away from zero to whole
/// cents (`Evaluator.moneyAverage`). With s the sum and n > 0 the count,
/// round(s / n) ≥ K holds exactly when s / n ≥ K − ½ for K ≥ 1 (a positive
/// half rounds up) and when s / n > K − ½ for K ≤ 0 (a negative half rounds
/// down, away from zero). Times 2n, in integers: `2·(s − K·n) ≥ −n`, or `>`.
/// Every other operator is one or two of these: `> K` is `≥ K+1`, `< K` is
/// "not ≥ K", `== K` is "≥ K and not ≥ K+1".
///
/// On SQLite the rounded average costs a division, a remainder and three
/// sign tests per fan; the grouped `avg(amount) >= $20` over the
/// 1,000,000-fan seed took 0.69 s that way and 0.62–0.69 s this way, against
/// 0.52–0.58 s for the `round(avg(…)) >= 2000` a hand-written query uses: one
/// aggregate instead of two, but a double, exact only while every partial
/// sum stays under 2^53 cents (BENCHMARKS.md, "Segment shapes", 1,000,000 fans).
///
/// Overflow: `K·n` stays within 64 bits for |K| < 2^31 cents and fewer than
/// 2^32 rows per fan; beyond that bound the rounded average is compiled
/// instead. `s − K·n` and its double can leave 64 bits only when s is far
/// from K·n, where SQLite's fallback to floating point still has the right
/// sign; a sum that overflows fails as it does for `sum`.
extension SQLCompiler {
    static let averageThresholdBound: Int64 = 1 << 31

    /// The test for one alias of the aggregate's rows; nil when the
    /// comparison is not an average of money against a fixed amount within
    /// the bound above. `op` reads with the aggregate on the side given.
    func moneyAverageTest(_ aggregate: Aggregate, _ op: ComparisonOperator, aggregateOnLeft: Bool,
                          _ other: Expr) throws -> ((_ alias: String) -> PlanSQL)? {
        guard aggregate.function == .avg, Self.ordering.contains(op),
              let field = try resolve(aggregate).1, field.type == .money,
              case .money(let k)? = staticValue(other), k.magnitude < Self.averageThresholdBound else { return nil }
        let op = aggregateOnLeft ? op : op.mirrored
        return { alias in
            let column: PlanSQL = "\(raw: alias).\(raw: field.column)"
            // round(s / n) ≥ k, null over no rows (the sum is null).
            func atLeast(_ k: Int64) -> PlanSQL {
                "(2 * (sum(\(column)) - \(self.bind(.value(.money(k)))) * count(\(column))) \(raw: k >= 1 ? ">=" : ">") -count(\(column)))"
            }
            switch op {
            case .greaterOrEqual: return atLeast(k)
            case .greater: return atLeast(k + 1)
            case .less: return "(NOT \(atLeast(k)))"
            case .lessOrEqual: return "(NOT \(atLeast(k + 1)))"
            case .equal: return "(\(atLeast(k)) AND NOT \(atLeast(k + 1)))"
            default: return "(NOT \(atLeast(k)) OR \(atLeast(k + 1)))"
            }
        }
    }

    /// The same test for one fan, as a correlated sub-query.
    func correlatedMoneyAverage(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard let (aggregate, onLeft, other) = aggregateOperand(lhs, rhs),
              let test = try moneyAverageTest(aggregate, op, aggregateOnLeft: onLeft, other) else { return nil }
        return try rows(of: aggregate, correlated: true) { alias, from in "(SELECT \(test(alias)) \(from))" }
    }
}
