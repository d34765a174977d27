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
/// fans it returns are candidates. Anything else that reads the clock for a
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
        enum Test: Hashable {
            case between(SQLValue, SQLValue)
            case among([SQLValue])
        }
        var test: Test

        /// `SELECT fan_id FROM table WHERE user_id = :user AND column BETWEEN ? AND ?`
        var query: (sql: String, bindings: [SQLValue]) {
            let head = "SELECT \(fanColumn) FROM \(table) WHERE user_id = :user AND \(column) "
            switch test {
            case .between(let low, let high): return (head + "BETWEEN ? AND ?", [low, high])
            case .among(let values): return (head + "IN (" + values.map { _ in "?" }.joined(separator: ", ") + ")", values)
            }
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

    /// The edges of `condition` between the two clocks, or `Unsupported`.
    static func edges(of condition: Expr, program: CheckedProgram, from last: EvaluationContext,
                      to now: EvaluationContext) throws -> [Edge] {
        var analysis = ClockEdges(program: program, last: last, now: now)
        try analysis.visit(condition)
        var seen = Set<Edge>()
        return analysis.edges.filter { seen.insert($0).inserted }
    }

    private init(program: CheckedProgram, last: EvaluationContext, now: EvaluationContext) {
        self.program = program
        self.last = last
        self.now = now
        self.compiler = SQLCompiler(program: program, scope: .allFans)
    }

    // MARK: The walk

    private mutating func visit(_ expr: Expr) throws {
        guard readsClock(expr) else { return }
        if !compiler.dependsOnFan(expr) {
            if try value(expr, last) == value(expr, now) { return }
            throw Unsupported(reason: "\(Format.expression(expr)) changes with the clock for every fan")
        }
        switch expr.kind {
        case .parenthesized(let inner):
            try visit(inner)
        case .within(let operand, let duration):
            guard !compiler.dependsOnFan(duration), let column = columnRead(operand) else {
                throw Unsupported(reason: "\(Format.expression(expr)) reads the clock through an expression, not a column")
            }
            try window(column, duration: duration)
            try visitParts(of: column)
        case .comparison(let op, let lhs, let rhs) where SQLCompiler.ordering.contains(op):
            if let column = columnRead(lhs), !compiler.dependsOnFan(rhs) {
                try compare(column, op, rhs)
                try visitParts(of: column)
            } else if let column = columnRead(rhs), !compiler.dependsOnFan(lhs) {
                try compare(column, op, lhs)
                try visitParts(of: column)
            } else {
                for child in expr.children { try visit(child) }
            }
        case .comparison(let op, let lhs, let rhs) where op == .in || op == .notIn:
            try visit(lhs)
            if case .segment(let name)? = program.resolution(of: rhs), let segment = program.segment(named: name) {
                try visit(segment.condition)
            } else {
                try visit(rhs)
            }
        case .aggregate(let aggregate):
            try visitAggregate(aggregate)
        case .call(let function, _) where function.name == "days_since":
            throw Unsupported(reason: "\(Format.expression(expr)) reads the clock for each fan")
        case .ago:
            throw Unsupported(reason: "\(Format.expression(expr)) reads the clock for each fan")
        default:
            for child in expr.children { try visit(child) }
        }
    }

    private mutating func visitAggregate(_ aggregate: Aggregate) throws {
        if let duration = aggregate.window {
            guard !compiler.dependsOnFan(duration), let collection = collection(of: aggregate) else {
                throw Unsupported(reason: "a window whose length depends on the fan")
            }
            try window(ColumnRead(table: collection.table, column: collection.timeField.column, fanColumn: collection.fanColumn,
                                  type: collection.timeField.type, aggregate: nil), duration: duration)
        }
        if let filter = aggregate.filter { try visit(filter) }
    }

    /// The window and filter of a `min`/`max` read as a column.
    private mutating func visitParts(of column: ColumnRead) throws {
        if let aggregate = column.aggregate { try visitAggregate(aggregate) }
    }

    // MARK: Edges

    /// `C within D` (or a collection's window on C): C in [start(last), start(now)] ∪ [last, now].
    private mutating func window(_ column: ColumnRead, duration: Expr) throws {
        let starts = try [last, now].map { context -> Int64 in
            let start = Arithmetic.subtract(.timestamp(context.now), try value(duration, context))
            guard case .timestamp(let t) = start else { throw Unsupported(reason: "a window with no start (overflow or null)") }
            return t
        }
        if starts[0] != starts[1] {
            add(column, .between(.integer(min(starts[0], starts[1])), .integer(max(starts[0], starts[1]))))
        }
        if last.now != now.now {
            add(column, .between(.integer(min(last.now, now.now)), .integer(max(last.now, now.now))))
        }
    }

    /// `C op E`: C between E(last) and E(now) (for a string, equal to either).
    private mutating func compare(_ column: ColumnRead, _ op: ComparisonOperator, _ other: Expr) throws {
        let before = try value(other, last), after = try value(other, now)
        if before == after { return }
        guard !before.isNull, !after.isNull else {
            throw Unsupported(reason: "\(Format.expression(other)) is null at one of the two clocks")
        }
        let values = [SQLEncoding.encode(before), SQLEncoding.encode(after)]
        switch (before, after) {
        case (.int, .int), (.number, .number), (.int, .number), (.number, .int),
             (.money, .money), (.timestamp, .timestamp), (.duration, .duration):
            let ordered = Comparison.order(before, after).map { $0 <= 0 } ?? true
            add(column, .between(ordered ? values[0] : values[1], ordered ? values[1] : values[0]))
        default:
            guard op == .equal || op == .notEqual else {
                throw Unsupported(reason: "an ordering of \(Format.expression(other)) that is not a number or a time")
            }
            add(column, .among(values))
        }
    }

    private mutating func add(_ column: ColumnRead, _ test: Edge.Test) {
        edges.append(Edge(table: column.table, column: column.column, fanColumn: column.fanColumn, test: test))
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
