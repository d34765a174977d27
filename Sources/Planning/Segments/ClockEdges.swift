import Semantics
import Store
import Syntax

/// Which fans a move of the clock from `last` to `now` can move in or out of
/// a condition, with the data unchanged (docs/PLANS.md, "Incremental refresh").
///
/// A condition's truth for a fan depends on the clock only through the nodes
/// that read it (`now`, `X ago`, `within`, an aggregate's window,
/// `days_since`). If every such node has the same value for the fan at both
/// clocks, so does the condition. The nodes are judged at the two clocks only
/// (what the value did in between does not matter):
///
/// - a fan-independent value (`now + 3d`, `month_day(now)`) equal at both
///   clocks changes nothing;
/// - `C within D` and a collection's window (`fan.messages within 30d`) over a
///   column C differ only for C in [start(last), start(now)] (rows that left)
///   or [last, now] (rows that arrived);
/// - `C op E` for a column C and a fan-independent E differs only for C
///   between E(last) and E(now), or equal to one of them for a string;
/// - `min`/`max` of a collection's column is one of its rows' values, so a
///   row's value in those ranges is the only way for it to cross.
///
/// Each such node gives a range query on the column's table (`Edge`); the
/// fans it returns are candidates. An edge also says which way it can move
/// the condition (`Edge.effect`), when the clock moves forward: rows leaving a
/// window can only lower a `count` (and rows arriving only raise it), and
/// `count(…) >= 3` under an `and` can then only go from true to false, so
/// only the segment's members on that edge can change (docs/PLANS.md,
/// "Edges by direction"). Anything else that reads the clock for a
/// fan (`days_since(fan.created_at)`, `(fan.created_at + 1d) within 7d`, a
/// window whose length depends on the fan, a fan-independent value that
/// changed and meets no column) makes the analysis fail: the refresh is then
/// a full one. Over-inclusion is harmless (a candidate is re-evaluated, its
/// membership unchanged); the ranges are closed for that reason.
struct ClockEdges {
    /// A range query naming the fans with a row whose column may have crossed.
    struct Edge: Hashable {
        var table: String
        var column: String
        /// `fan_id`, or `id` on fan_profiles.
        var fanColumn: String
        /// The alias of the table's rows in `query`.
        var alias = "e"
        enum Test: Hashable {
            case between(Value, Value)
            case among([Value])
        }
        var test: Test
        /// The `where` of the `count`/`exists` whose window this edge is, when
        /// it reads no clock: a row failing it counts at neither clock.
        var filter: PlanSQL?
        /// How a fan whose only changes are rows on this edge can move: `.up`,
        /// only into the condition; `.down`, only out of it.
        var effect: Direction

        /// `SELECT e.fan_id FROM table e WHERE e.user_id = :user AND e.column BETWEEN ? AND ? [AND filter]`
        var query: PlanSQL {
            let head: PlanSQL = "SELECT \(raw: alias).\(raw: fanColumn) FROM \(raw: table) \(raw: alias) WHERE \(raw: alias).user_id = \(PlanSQL.creator) AND \(raw: alias).\(raw: column) "
            let range: PlanSQL = switch test {
            case .between(let low, let high): "BETWEEN \(PlanSQL.parameter(.value(low))) AND \(PlanSQL.parameter(.value(high)))"
            case .among(let values):
                "IN (" + values.dropFirst().reduce(PlanSQL.parameter(.value(values[0]))) { $0 + ", " + .parameter(.value($1)) } + ")"
            }
            return head + range + (filter.map { " AND (\($0))" } ?? "")
        }
    }

    struct Unsupported: Error {
        let reason: String
    }

    let program: CheckedProgram
    let last: EvaluationContext
    let now: EvaluationContext
    private let compiler: SQLCompiler
    private(set) var edges: [Edge] = []

    /// The edges of `condition` between the two clocks, or `Unsupported`. The
    /// same range found with two effects is one edge of either.
    static func edges(of condition: Expr, program: CheckedProgram, from last: EvaluationContext,
                      to now: EvaluationContext, dialect: PlanDialect = .sqlite) throws -> [Edge] {
        var analysis = ClockEdges(program: program, last: last, now: now, dialect: dialect)
        try analysis.visit(condition, .up)
        var merged: [Edge] = []
        for edge in analysis.edges {
            var range = edge
            range.effect = .either
            if let index = merged.firstIndex(where: { var other = $0; other.effect = .either; return other == range }) {
                merged[index].effect = merged[index].effect.merged(with: edge.effect)
            } else {
                merged.append(edge)
            }
        }
        return merged
    }

    private init(program: CheckedProgram, last: EvaluationContext, now: EvaluationContext, dialect: PlanDialect) {
        self.program = program
        self.last = last
        self.now = now
        self.compiler = SQLCompiler(program: program, scope: .allFans, dialect: .named(dialect))
    }

    // MARK: The walk

    /// Visits `expr`, whose rise (false to true, or a larger number) raises
    /// the whole condition when `polarity` is `.up`, lowers it when `.down`.
    /// The language's logic is two-valued (a null in a boolean position is
    /// false), so `and`, `or` and `fan in` keep the polarity and `not` turns
    /// it; anything not known to be monotone gives `.either` below it.
    private mutating func visit(_ expr: Expr, _ polarity: Direction) throws {
        guard readsClock(expr) else { return }
        if !compiler.dependsOnFan(expr) {
            if try value(expr, last) == value(expr, now) { return }
            throw Unsupported(reason: "\(Format.expression(expr)) changes with the clock for every fan")
        }
        switch expr.kind {
        case .parenthesized(let inner):
            try visit(inner, polarity)
        case .binary(.and, let lhs, let rhs), .binary(.or, let lhs, let rhs):
            try visit(lhs, polarity)
            try visit(rhs, polarity)
        case .unary(.not, let operand):
            try visit(operand, polarity.turned)
        case .within(let operand, let duration):
            guard !compiler.dependsOnFan(duration), let column = columnRead(operand) else {
                throw Unsupported(reason: "\(Format.expression(expr)) reads the clock through an expression, not a column")
            }
            try window(column, duration: duration, polarity)
            try visitParts(of: column)
        case .comparison(let op, let lhs, let rhs) where SQLCompiler.ordering.contains(op):
            if let column = columnRead(lhs), !compiler.dependsOnFan(rhs) {
                try compare(column, op, rhs, polarity)
                try visitParts(of: column)
            } else if let column = columnRead(rhs), !compiler.dependsOnFan(lhs) {
                try compare(column, op.mirrored, lhs, polarity)
                try visitParts(of: column)
            } else {
                try visit(lhs, polarity.times(monotonicity(of: lhs, op, rhs)))
                try visit(rhs, polarity.times(monotonicity(of: rhs, op.mirrored, lhs)))
            }
        case .comparison(let op, let lhs, let rhs) where op == .in || op == .notIn:
            try visit(lhs, .either)
            if case .segment(let name)? = program.resolution(of: rhs), let segment = program.segment(named: name) {
                try visit(segment.condition, op == .in ? polarity : polarity.turned)
            } else {
                try visit(rhs, .either)
            }
        case .aggregate(let aggregate):
            try visitAggregate(aggregate, polarity)
        case .call(let function, _) where function.name == "days_since":
            throw Unsupported(reason: "\(Format.expression(expr)) reads the clock for each fan")
        case .ago:
            throw Unsupported(reason: "\(Format.expression(expr)) reads the clock for each fan")
        default:
            for child in expr.children { try visit(child, .either) }
        }
    }

    /// An aggregate whose rise moves the condition as `polarity` says. A
    /// `count` (and `exists`, a count above zero) rises with each row that
    /// enters its window or starts to pass its filter, so both keep the
    /// polarity; a sum, average, minimum or maximum can move either way.
    private mutating func visitAggregate(_ aggregate: Aggregate, _ polarity: Direction) throws {
        let counts = aggregate.function == .count || aggregate.function == .exists
        let polarity = counts ? polarity : .either
        if let duration = aggregate.window {
            guard !compiler.dependsOnFan(duration), let collection = collection(of: aggregate) else {
                throw Unsupported(reason: "a window whose length depends on the fan")
            }
            // A count's window edges carry its filter when it reads neither the
            // clock nor the fan (`amount > fan.lifetime_spend`): a row failing it
            // counts at neither clock. Other aggregates keep the plain range.
            var rows = ColumnRead(table: collection.table, column: collection.timeField.column, fanColumn: collection.fanColumn,
                                  type: collection.timeField.type, aggregate: nil)
            if counts, let filter = aggregate.filter, !readsClock(filter),
               let predicates = try? compiler.rowPredicates(of: aggregate), let sql = predicates.filter, !sql.readsOuterFan {
                rows.alias = predicates.alias
                rows.filter = sql
            }
            try window(rows, duration: duration, polarity)
        }
        if let filter = aggregate.filter { try visit(filter, polarity) }
    }

    /// The window and filter of a `min`/`max` read as a column.
    private mutating func visitParts(of column: ColumnRead) throws {
        if let aggregate = column.aggregate { try visitAggregate(aggregate, .either) }
    }

    /// How `side op other` moves as `side` rises, for a fan-independent
    /// `other` that is the same at both clocks: `>` and `>=` rise with it,
    /// `<` and `<=` fall. A count is never below zero, so `count(…) == 0` is
    /// `count(…) <= 0` and `!= 0` is `> 0`. Anything else: `.either`.
    private func monotonicity(of side: Expr, _ op: ComparisonOperator, _ other: Expr) -> Direction {
        guard !compiler.dependsOnFan(other), !readsClock(other) else { return .either }
        switch op {
        case .greater, .greaterOrEqual: return .up
        case .less, .lessOrEqual: return .down
        case .equal, .notEqual:
            guard case .aggregate(let aggregate) = side.unparenthesized.kind, aggregate.function == .count,
                  (try? value(other, now)) == .int(0) else { return .either }
            return op == .equal ? .down : .up
        default: return .either
        }
    }

    // MARK: Edges

    /// `C within D` (or a collection's window on C): C in [start(last), start(now)] ∪ [last, now].
    ///
    /// With the clock moving forward and the same length D ≥ 0 at both clocks,
    /// a row in the first range and not the second was in the window and may
    /// have left it (the window is `now - D <= C <= now`, closed); a row in
    /// the second range may have arrived and cannot have left. A row in
    /// neither is in or out at both clocks. So the first edge can only lower
    /// what the window feeds, the second only raise it. The two ends the
    /// window keeps, start(now) and `last`, are left out: a row there is in
    /// the window at both clocks unless it is on the other edge.
    private mutating func window(_ column: ColumnRead, duration: Expr, _ polarity: Direction) throws {
        let lengths = try [last, now].map { try value(duration, $0) }
        let starts = try zip([last, now], lengths).map { context, length -> Int64 in
            guard case .timestamp(let t) = Arithmetic.subtract(.timestamp(context.now), length) else {
                throw Unsupported(reason: "a window with no start (overflow or null)")
            }
            return t
        }
        guard case .duration(let length) = lengths[1], lengths[0] == lengths[1], length >= 0, last.now <= now.now else {
            if starts[0] != starts[1] {
                add(column, .between(.timestamp(min(starts[0], starts[1])), .timestamp(max(starts[0], starts[1]))), .either)
            }
            if last.now != now.now {
                add(column, .between(.timestamp(min(last.now, now.now)), .timestamp(max(last.now, now.now))), .either)
            }
            return
        }
        // Times are whole seconds: a row at start(now) is in at both clocks
        // (or on the second edge), and so is a row at `last`.
        if starts[0] < starts[1] {
            add(column, .between(.timestamp(starts[0]), .timestamp(starts[1] - 1)), polarity.turned)
        }
        if last.now < now.now {
            add(column, .between(.timestamp(last.now + 1), .timestamp(now.now)), polarity)
        }
    }

    /// `C op E`: C between E(last) and E(now) (for a string, equal to either).
    /// As E rises, `C < E` and `C <= E` can only turn true for such a row, and
    /// `C > E`, `C >= E` only false.
    private mutating func compare(_ column: ColumnRead, _ op: ComparisonOperator, _ other: Expr, _ polarity: Direction) throws {
        let before = try value(other, last), after = try value(other, now)
        if before == after { return }
        guard !before.isNull, !after.isNull else {
            throw Unsupported(reason: "\(Format.expression(other)) is null at one of the two clocks")
        }
        let values = [before, after]
        switch (before, after) {
        case (.int, .int), (.number, .number), (.int, .number), (.number, .int),
             (.money, .money), (.timestamp, .timestamp), (.duration, .duration):
            let order = Comparison.order(before, after)
            let rises: Direction
            switch (order, op) {
            case (let order?, .less), (let order?, .lessOrEqual): rises = order < 0 ? .up : .down
            case (let order?, .greater), (let order?, .greaterOrEqual): rises = order < 0 ? .down : .up
            default: rises = .either
            }
            if let range = Self.wholeRange(op, column.type, before, after) {
                add(column, .between(range.low, range.high), polarity.times(rises))
            } else {
                let ordered = order.map { $0 <= 0 } ?? true
                add(column, .between(ordered ? values[0] : values[1], ordered ? values[1] : values[0]), polarity.times(rises))
            }
        default:
            guard op == .equal || op == .notEqual else {
                throw Unsupported(reason: "an ordering of \(Format.expression(other)) that is not a number or a time")
            }
            add(column, .among(values), .either)
        }
    }

    /// The values of a whole-number column for which `C op E` differs at
    /// E(last) and E(now), when both are whole numbers of the column's kind:
    /// `C < E` and `C >= E` only for low <= C < high, `C <= E` and `C > E`
    /// only for low < C <= high. Nil otherwise (the closed range is used).
    static func wholeRange(_ op: ComparisonOperator, _ type: ExprType, _ before: Value, _ after: Value) -> (low: Value, high: Value)? {
        let x: Int64, y: Int64, kind: (Int64) -> Value
        switch (type, before, after) {
        case (.int, .int(let a), .int(let b)): (x, y, kind) = (a, b, Value.int)
        case (.money, .money(let a), .money(let b)): (x, y, kind) = (a, b, Value.money)
        case (.timestamp, .timestamp(let a), .timestamp(let b)): (x, y, kind) = (a, b, Value.timestamp)
        case (.duration, .duration(let a), .duration(let b)): (x, y, kind) = (a, b, Value.duration)
        default: return nil
        }
        let low = min(x, y), high = max(x, y)
        switch op {
        case .less, .greaterOrEqual: return (kind(low), kind(high - 1))
        case .lessOrEqual, .greater: return (kind(low + 1), kind(high))
        default: return nil
        }
    }

    private mutating func add(_ column: ColumnRead, _ test: Edge.Test, _ effect: Direction) {
        edges.append(Edge(table: column.table, column: column.column, fanColumn: column.fanColumn, alias: column.alias,
                          test: test, filter: column.filter, effect: effect))
    }

    // MARK: Reading the program

    /// A column read directly: a fan_profiles column, an element's field, or
    /// the `min`/`max` of a collection's field.
    struct ColumnRead {
        var table: String
        var column: String
        var fanColumn: String
        var type: ExprType
        var aggregate: Aggregate?
        /// For a count's window: its rows' alias and filter (`Edge.filter`).
        var alias = "e"
        var filter: PlanSQL? = nil
    }

    private func columnRead(_ expr: Expr) -> ColumnRead? {
        let expr = expr.unparenthesized
        switch program.resolution(of: expr) {
        case .fanField(let field)?:
            guard case .column(let column) = field.storage else { return nil }
            return ColumnRead(table: Catalog.fanTable, column: column, fanColumn: "id", type: field.type, aggregate: nil)
        case .elementField(let collection, let field)?:
            return ColumnRead(table: collection.table, column: field.column, fanColumn: collection.fanColumn, type: field.type, aggregate: nil)
        default:
            break
        }
        if case .aggregate(let aggregate) = expr.kind, aggregate.function == .min || aggregate.function == .max,
           case .collectionField(let collection, let field)? = program.resolution(of: aggregate.source) {
            return ColumnRead(table: collection.table, column: field.column, fanColumn: collection.fanColumn, type: field.type, aggregate: aggregate)
        }
        return nil
    }

    private func collection(of aggregate: Aggregate) -> CollectionSpec? {
        switch program.resolution(of: aggregate.source) {
        case .collection(let c)?, .collectionField(let c, _)?: c
        default: nil
        }
    }

    /// Whether the expression's value can depend on the clock.
    private func readsClock(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .now, .ago, .within: return true
        case .aggregate(let aggregate) where aggregate.window != nil: return true
        case .call(let function, _) where function.name == "days_since": return true
        case .comparison(.in, _, let rhs), .comparison(.notIn, _, let rhs):
            if case .segment(let name)? = program.resolution(of: rhs), let segment = program.segment(named: name) {
                return readsClock(segment.condition) || expr.children.contains { readsClock($0) }
            }
            return expr.children.contains { readsClock($0) }
        default:
            if case .now? = program.resolution(of: expr) { return true }
            return expr.children.contains { readsClock($0) }
        }
    }

    /// A fan-independent expression's value at one clock.
    private func value(_ expr: Expr, _ context: EvaluationContext) throws -> Value {
        do {
            return try Evaluator(program: program, context: context, facts: nil).evaluate(expr)
        } catch {
            throw Unsupported(reason: "\(Format.expression(expr)) could not be evaluated: \(error)")
        }
    }
}
