import Foundation
import Semantics
import Syntax

extension SQLCompiler {
    func resolve(_ aggregate: Aggregate) throws -> (CollectionSpec, FieldSpec?) {
        switch program.resolution(of: aggregate.source) {
        case .collection(let c)?: return (c, nil)
        case .collectionField(let c, let f)?: return (c, f)
        default: throw ResidualReason(message: "unresolved aggregate source")
        }
    }

    /// `FROM table cN WHERE cN.user_id = :user [AND cN.fan_id = f.id] [window] [filter]`,
    /// with `body` building the select list and tail inside the alias's scope.
    func rows(of aggregate: Aggregate, correlated: Bool,
              _ body: (_ alias: String, _ from: PlanSQL) throws -> PlanSQL) throws -> PlanSQL {
        let (collection, _) = try resolve(aggregate)
        // The window belongs to the enclosing scope, not to this aggregate's
        // rows, so it is compiled before the element alias changes.
        let windowStart = try aggregate.window.map { try self.windowStart($0) }
        return try withElementAlias { alias in
            // The per-fan index (every collection table has `<table>_by_fan`,
            // migration 1) instead of the time index or a filter column's: a
            // correlated read for a few candidate fans (an incremental refresh's),
            // or a grouped set in fan order, whose rows then arrive grouped,
            // with the window and most filters checked on the index entry.
            let perFan = correlated ? perFanIndexes : fanOrderSets
            let index = perFan ? dialect.indexedBy?(collection.table + "_by_fan") ?? "" : ""
            var from: PlanSQL = "FROM \(raw: collection.table) \(raw: alias)\(index) WHERE \(raw: alias).user_id = \(PlanSQL.creator)"
            if correlated { from = from + " AND \(raw: alias).fan_id = \(PlanSQL.outer("id"))" }
            if let windowStart {
                from = from + " AND \(raw: alias).\(raw: collection.timeField.column) BETWEEN \(windowStart) AND \(bind(.now))"
            }
            if let filter = aggregate.filter {
                from = from + " AND \(try condition(filter, .positive))"
            }
            return try body(alias, from)
        }
    }

    /// The aggregate over the rows in scope, as SQL (`count(*)`, `sum(c1.amount_cents)`…).
    /// Sums over nothing, or only nulls, are 0 of their type.
    private func reduction(_ aggregate: Aggregate, alias: String) throws -> PlanSQL {
        let (_, field) = try resolve(aggregate)
        let column: PlanSQL = field.map { "\(raw: alias).\(raw: $0.column)" } ?? "*"
        if field?.type == .number, aggregate.function == .sum || aggregate.function == .avg {
            // A floating-point sum depends on the order of its terms, and SQL
            // adds rows in whatever order its plan reads them.
            throw ResidualReason(message: "sums and averages of numbers run in the evaluator (floating-point addition depends on row order)")
        }
        switch aggregate.function {
        case .count: return "count(*)"
        case .exists: return dialect.conditionValue("count(*) > 0")
        case .sum: return dialect.integerSum(column)
        case .avg: return field?.type == .money ? dialect.moneyAverage(column) : dialect.integerAverage(column, alias)
        case .min: return "min(\(column))"
        case .max: return "max(\(column))"
        }
    }

    /// For estimating (`PlanEstimator.sampledRows`): the aggregate's collection
    /// table, an alias for its rows, and its window and `where` filter as
    /// predicates on them, each nil when there is none; `passes`, a
    /// threshold's row test (`SQLCompiler.Threshold`), nil without one. Throws
    /// when a part cannot be compiled (a filter reading the fan, say).
    func rowPredicates(of aggregate: Aggregate, threshold: Threshold? = nil) throws
        -> (alias: String, window: PlanSQL?, filter: PlanSQL?, passes: PlanSQL?) {
        let (collection, _) = try resolve(aggregate)
        let windowStart = try aggregate.window.map { try self.windowStart($0) }
        return try withElementAlias { alias in
            let window = windowStart.map { start -> PlanSQL in
                "\(raw: alias).\(raw: collection.timeField.column) BETWEEN \(start) AND \(bind(.now))"
            }
            return (alias, window, try aggregate.filter.map { try condition($0, .positive) },
                    threshold.flatMap { thresholdPredicate($0, alias: alias) })
        }
    }

    /// An aggregate used as a value, for one fan: a correlated scalar subquery.
    func aggregateScalar(_ aggregate: Aggregate) throws -> PlanSQL {
        try rows(of: aggregate, correlated: true) { alias, from in
            "(SELECT \(try reduction(aggregate, alias: alias)) \(from))"
        }
    }

    /// `exists(C …)` as a condition: a semi-join over all fans, EXISTS for one.
    /// `passing` adds a test on each row (a threshold's, `SQLCompiler+Threshold.swift`).
    func existsCondition(_ aggregate: Aggregate, passing: (_ alias: String) -> PlanSQL? = { _ in nil }) throws -> PlanSQL {
        try rows(of: aggregate, correlated: !buildsSets) { alias, from in
            let rows = passing(alias).map { from + " AND " + $0 } ?? from
            return buildsSets ? .fanIn("SELECT \(raw: alias).fan_id \(rows)") : "EXISTS (SELECT 1 \(rows))"
        }
    }

    /// `AGG op X` over all fans, with X independent of the fan, as one grouped
    /// semi-join instead of a subquery per fan. Fans with no rows are not in
    /// any group, so when the comparison holds for the empty aggregate (count 0,
    /// sum 0) the set is built from the fans for whom it fails: `NOT IN`.
    func aggregateComparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard buildsSets, Self.ordering.contains(op), let (aggregate, aggregateOnLeft, other) = aggregateOperand(lhs, rhs) else { return nil }
        var holdsWhenEmpty = false
        var holdsOnlyWhenEmpty = false
        if aggregate.function == .count || aggregate.function == .sum {
            // Whether the empty aggregate satisfies the comparison must be known now.
            guard let otherValue = staticValue(other) else { return nil }
            let (_, field) = try resolve(aggregate)
            let zero = Self.emptyValue(aggregate.function, field?.type)
            holdsWhenEmpty = Comparison.orderedHolds(op, aggregateOnLeft ? zero : otherValue, aggregateOnLeft ? otherValue : zero)
            // `count(…) == 0`, `< 1`, `<= 0`: fans with any row fail, whatever their count,
            // so the failing set needs no grouping (an anti-join, as NOT EXISTS would be).
            if aggregate.function == .count, holdsWhenEmpty {
                let one = Value.int(1)
                // Only for "at most" comparisons is failing at 1 failing at every count above.
                let atMost: Set<ComparisonOperator> = aggregateOnLeft ? [.equal, .less, .lessOrEqual] : [.equal, .greater, .greaterOrEqual]
                holdsOnlyWhenEmpty = atMost.contains(op)
                    && !Comparison.orderedHolds(op, aggregateOnLeft ? one : otherValue, aggregateOnLeft ? otherValue : one)
            }
        } else if aggregate.function == .exists {
            return nil
        }
        if holdsOnlyWhenEmpty {
            return try rows(of: aggregate, correlated: false) { alias, from in
                "\(PlanSQL.outer("id")) NOT IN (SELECT \(raw: alias).fan_id \(from))"
            }
        }
        let average = try moneyAverageTest(aggregate, op, aggregateOnLeft: aggregateOnLeft, other)
        return try rows(of: aggregate, correlated: false) { alias, from in
            let test: PlanSQL
            if let average {
                test = average(alias)
            } else {
                let reduced = try reduction(aggregate, alias: alias)
                let otherSQL = bind(.expression(other))
                test = aggregateOnLeft ? "\(reduced) \(raw: sqlOperator(op)) \(otherSQL)" : "\(otherSQL) \(raw: sqlOperator(op)) \(reduced)"
            }
            if holdsWhenEmpty {
                return "\(PlanSQL.outer("id")) NOT IN (SELECT \(raw: alias).fan_id \(from) GROUP BY \(raw: alias).fan_id HAVING NOT \(dialect.definite(test)))"
            }
            return .fanIn("SELECT \(raw: alias).fan_id \(from) GROUP BY \(raw: alias).fan_id HAVING \(test)")
        }
    }

    /// The aggregate of `lhs op rhs` compared with something independent of
    /// the fan: the aggregate, whether it is on the left, and the other side.
    func aggregateOperand(_ lhs: Expr, _ rhs: Expr) -> (aggregate: Aggregate, onLeft: Bool, other: Expr)? {
        if case .aggregate(let a) = lhs.unparenthesized.kind, !dependsOnFan(rhs) { return (a, true, rhs) }
        if case .aggregate(let a) = rhs.unparenthesized.kind, !dependsOnFan(lhs) { return (a, false, lhs) }
        return nil
    }

    /// `fan.score.D op X` over all fans: a range scan of `(user_id, dimension, value)`.
    /// A fan without a score has a null score, for which every comparison is
    /// false, which is exactly "not in the set".
    func scoreComparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr) throws -> PlanSQL? {
        guard scope == .allFans, Self.ordering.contains(op) else { return nil }
        let dimension = Self.scoreDimension(lhs, program) ?? Self.scoreDimension(rhs, program)
        guard let dimension else { return nil }
        let scoreOnLeft = Self.scoreDimension(lhs, program) != nil
        let other = scoreOnLeft ? rhs : lhs
        guard !dependsOnFan(other) else { return nil }
        let dimensionSQL = bind(.value(.string(dimension.dimension)))
        let otherSQL = bind(.expression(other))
        let value = Self.scoreValue(dimension)
        let test: PlanSQL = scoreOnLeft ? "\(value) \(raw: sqlOperator(op)) \(otherSQL)" : "\(otherSQL) \(raw: sqlOperator(op)) \(value)"
        return .fanIn("SELECT fan_id FROM fan_scores WHERE user_id = \(PlanSQL.creator) AND dimension = \(dimensionSQL) AND \(test)")
    }

    /// `fan.score.D is [not] null` over all fans.
    func scoreNullTest(_ operand: Expr, negated: Bool) throws -> PlanSQL? {
        guard scope == .allFans, let dimension = Self.scoreDimension(operand, program) else { return nil }
        let set: PlanSQL = "SELECT fan_id FROM fan_scores WHERE user_id = \(PlanSQL.creator) AND dimension = \(bind(.value(.string(dimension.dimension)))) AND \(Self.scoreValue(dimension)) IS NOT NULL"
        return negated ? .fanIn(set) : "\(PlanSQL.outer("id")) NOT IN (\(set))"
    }

    /// fan_scores.value as the language reads it. Number scores are the
    /// REAL itself (so a comparison is a range scan of the index); a money
    /// score rounds to whole minor units, as the evaluator's reading does.
    static func scoreValue(_ dimension: ScoreDimension) -> PlanSQL {
        dimension.type == .money ? "rulec_money(value)" : "value"
    }

    static let ordering: Set<ComparisonOperator> = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]

    static func scoreDimension(_ expr: Expr, _ program: CheckedProgram) -> ScoreDimension? {
        if case .scoreDimension(let d)? = program.resolution(of: expr.unparenthesized) { return d }
        return nil
    }

    static func emptyValue(_ function: AggregateFunction, _ type: ExprType?) -> Value {
        switch (function, type) {
        case (.count, _): .int(0)
        case (.sum, .money?): .money(0)
        case (.sum, .number?): .number(0)
        case (.sum, .duration?): .duration(0)
        case (.sum, _): .int(0)
        default: .null
        }
    }

    /// The value of an expression that depends on nothing that changes between
    /// executions (no clock, event or fan); nil otherwise.
    func staticValue(_ expr: Expr) -> Value? {
        guard !dependsOnClockOrEvent(expr), !dependsOnFan(expr) else { return nil }
        let evaluator = Evaluator(program: program, context: EvaluationContext(now: 0, zone: .gmt), facts: nil)
        return try? evaluator.evaluate(expr)
    }

    private func dependsOnClockOrEvent(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .now, .event, .ago, .within: return true
        case .call(let f, _) where ["days_since", "date", "hour_of_day", "day_of_week", "month_day"].contains(f.name): return true
        default:
            if case .eventField? = program.resolution(of: expr) { return true }
            return expr.children.contains { dependsOnClockOrEvent($0) }
        }
    }
}

extension Comparison {
    /// `a op b` for the ordering operators, with the language's null rule.
    static func orderedHolds(_ op: ComparisonOperator, _ a: Value, _ b: Value) -> Bool {
        guard let order = order(a, b) else { return false }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return false
        }
    }
}
