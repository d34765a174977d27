import Semantics
import Syntax

/// `max(C.f …) >= K` or `> K`, and `min(C.f …) <= K` or `< K`, for a K that
/// does not depend on the fan, as "some row passes": an `exists` over the
/// aggregate's rows with `f op K` as one more row filter.
///
/// Exact: the extreme of the non-null values passes when one of them does
/// (the evaluator and SQL both skip null values, and order numbers, money,
/// durations and times alike); over no value the extreme is null, for which
/// every comparison is false, as `exists` over no row is; a null K passes no
/// row and no extreme. The other operators need every row (`max < K`) or a
/// row at all (`max == K`), so they keep the aggregate. Strings and enums keep
/// it too: their order in SQL is the collation's, which only the aggregate's
/// own comparison is known to follow.
///
/// Why: the `exists` stops at a fan's first passing row and never computes the
/// extreme, and its grouped set is the passing rows' fans, with no grouping.
/// On the 100,000-fan seed, `max(fan.transactions.amount within 365d) >= $50`
/// behind a spend filter matching 10% of the fans took 35 ms as a correlated
/// `max` and 25 ms as this `EXISTS` (sqlite3 shell); over the other 90%, as a
/// grouped set, 0.92 s against 0.74 s (BENCHMARKS.md, "Segment shapes").
extension SQLCompiler {
    struct Threshold {
        var aggregate: Aggregate
        var collection: CollectionSpec
        var column: String
        /// With the aggregate on the left.
        var op: ComparisonOperator
        var other: Expr
    }

    /// The conjunct `lhs op rhs` as a threshold on an extreme, or nil.
    func threshold(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) -> Threshold? {
        guard let (aggregate, onLeft, other) = aggregateOperand(lhs, rhs),
              case .collectionField(let collection, let field)? = program.resolution(of: aggregate.source),
              Self.thresholdTypes.contains(field.type) else { return nil }
        let op = onLeft ? op : op.mirrored
        switch (aggregate.function, op) {
        case (.max, .greaterOrEqual), (.max, .greater), (.min, .lessOrEqual), (.min, .less):
            return Threshold(aggregate: aggregate, collection: collection, column: field.column, op: op, other: other)
        default:
            return nil
        }
    }

    static let thresholdTypes: Set<ExprType> = [.int, .number, .money, .duration, .timestamp]

    /// `c.f op K` for the rows under `alias`.
    func thresholdPredicate(_ threshold: Threshold, alias: String) -> PlanSQL {
        "\(raw: alias).\(raw: threshold.column) \(raw: sqlOperator(threshold.op)) \(bind(.expression(threshold.other)))"
    }

    /// The threshold's rows: `from` (`FROM … WHERE …` of the aggregate's rows)
    /// with the comparison added, for `body` to select from.
    func thresholdRows(_ threshold: Threshold, correlated: Bool, _ body: (_ alias: String, _ from: PlanSQL) -> PlanSQL) throws -> PlanSQL {
        try rows(of: threshold.aggregate, correlated: correlated) { alias, from in
            body(alias, from + " AND " + thresholdPredicate(threshold, alias: alias))
        }
    }

    /// For one fan: `EXISTS (SELECT 1 FROM … AND c.f op K)`.
    func correlatedThreshold(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard let threshold = threshold(op, lhs, rhs) else { return nil }
        return try thresholdRows(threshold, correlated: true) { _, from in "EXISTS (SELECT 1 \(from))" }
    }

    /// Over all fans: the fans with a passing row.
    func groupedThreshold(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard buildsSets, let threshold = threshold(op, lhs, rhs) else { return nil }
        return try thresholdRows(threshold, correlated: false) { alias, from in .fanIn("SELECT \(raw: alias).fan_id \(from)") }
    }
}
