import Semantics
import Syntax

/// `max(C.f …) >= K` or `> K`, and `min(C.f …) <= K` or `< K`, for a K that
/// does not depend on the fan, as "some row passes": an `exists` over the
/// aggregate's rows with `f op K` as one more row filter. `count(C …) >= 1`
/// (or `> 0`) is "some row" alone: the `exists` itself.
///
/// Exact: the extreme of the non-null values passes when one of them does
/// (the evaluator and SQL both skip null values, and order numbers, money,
/// durations and times alike); over no value the extreme is null, for which
/// every comparison is false, as `exists` over no row is; a null K passes no
/// row and no extreme. The other operators need every row (`max < K`) or a
/// row at all (`max == K`), so they keep the aggregate, as does a count
/// compared with anything else. Strings and enums keep it too: their order in
/// SQL is the collation's, which only the aggregate's own comparison is known
/// to follow.
///
/// Why: the `exists` stops at a fan's first passing row and never computes the
/// extreme or the count, and its grouped set is the passing rows' fans, with no grouping.
/// On the 100,000-fan seed, `max(fan.transactions.amount within 365d) >= $50`
/// behind a spend filter matching 10% of the fans took 35 ms as a correlated
/// `max` and 25 ms as this `EXISTS` (sqlite3 shell); over the other 90%, as a
/// grouped set, 0.92 s against 0.74 s (BENCHMARKS.md, "Segment shapes").
extension SQLCompiler {
    struct Threshold {
        var aggregate: Aggregate
        var collection: CollectionSpec
        /// The comparison each row may pass; nil for a count (any row passes).
        var rowTest: RowTest?
    }

    /// `column op other`, with the aggregate's side on the left.
    struct RowTest {
        var column: String
        var op: ComparisonOperator
        var other: Expr
    }

    /// The conjunct `lhs op rhs` as a threshold on an extreme or a count, or nil.
    func threshold(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) -> Threshold? {
        guard let (aggregate, onLeft, other) = aggregateOperand(lhs, rhs) else { return nil }
        let op = onLeft ? op : op.mirrored
        switch (program.resolution(of: aggregate.source), aggregate.function, op) {
        case (.collectionField(let collection, let field)?, .max, .greaterOrEqual), (.collectionField(let collection, let field)?, .max, .greater),
             (.collectionField(let collection, let field)?, .min, .lessOrEqual), (.collectionField(let collection, let field)?, .min, .less):
            guard Self.thresholdTypes.contains(field.type) else { return nil }
            return Threshold(aggregate: aggregate, collection: collection, rowTest: RowTest(column: field.column, op: op, other: other))
        case (.collection(let collection)?, .count, .greaterOrEqual), (.collection(let collection)?, .count, .greater):
            // Some row: `>= 1` or `> 0`, known before the query runs.
            guard case .int(let k)? = staticValue(other), k == (op == .greater ? 0 : 1) else { return nil }
            return Threshold(aggregate: aggregate, collection: collection, rowTest: nil)
        default:
            return nil
        }
    }

    static let thresholdTypes: Set<ExprType> = [.int, .number, .money, .duration, .timestamp]

    /// `c.f op K` for the rows under `alias`; nil when any row passes.
    func thresholdPredicate(_ threshold: Threshold, alias: String) -> PlanSQL? {
        threshold.rowTest.map { "\(raw: alias).\(raw: $0.column) \(raw: sqlOperator($0.op)) \(bind(.expression($0.other)))" }
    }

    /// The threshold as a condition: `exists` over its rows that pass.
    func thresholdCondition(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard let threshold = threshold(op, lhs, rhs) else { return nil }
        return try existsCondition(threshold.aggregate) { alias in thresholdPredicate(threshold, alias: alias) }
    }
}
