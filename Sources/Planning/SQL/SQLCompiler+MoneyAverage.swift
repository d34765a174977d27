import Semantics
import Syntax

/// `avg(C.money …) op K`, for a fixed amount K, as a test on the rows' sum and
/// count instead of the rounded average.
///
/// The language rounds an average of money half away from zero to whole
/// cents (`Evaluator.moneyAverage`). With s the sum and n > 0 the count,
/// round(s / n) ≥ K holds exactly when s / n ≥ K − ½ for K ≥ 1 (a positive
/// half rounds up) and when s / n > K − ½ for K ≤ 0 (a negative half rounds
/// down, away from zero). Times 2n, in integers: `2·(s − K·n) ≥ −n`, or `>`;
/// that is `Σ (2·x − (2K − 1)) ≥ 0` (or `> 0`) over the rows' amounts x: one
/// sum of a per-row integer, no count. Every other operator is one or two of
/// these: `> K` is `≥ K+1`, `< K` is "not ≥ K", `== K` is "≥ K and not ≥ K+1".
///
/// On SQLite the grouped `avg(amount) >= $20` over the 1,000,000-fan seed
/// took 0.69 s as a rounded average (a division, a remainder and three sign
/// tests per fan), 0.61–0.63 s of CPU as `2·(sum − K·count) ≥ −count` (two
/// aggregates), and 0.51–0.57 s as this one sum, about the time of the
/// `round(avg(…)) >= 2000` a hand-written query uses (0.50–0.53 s), whose
/// double is exact only while every partial sum stays under 2^53 cents
/// (BENCHMARKS.md, "Segment shapes", 1,000,000 fans).
///
/// Overflow: 2K − 1 fits in 64 bits for |K| < 2^31 cents; beyond that bound
/// the rounded average is compiled instead. The per-row `2·x` leaves 64 bits
/// only for an amount of 2^62 cents or more; the sum raises the engine's
/// integer overflow error (SQLite) or is exact (PostgreSQL's `numeric`) when
/// a fan's doubled total leaves 64 bits, about 2^62 cents, where the
/// language's own sum is still exact: such a plan fails instead of answering.
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
                "(sum(2 * \(column) - \(self.bind(.value(.money(2 * k - 1))))) \(raw: k >= 1 ? ">=" : ">") 0)"
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
