import Foundation
import Semantics
import Syntax

/// Why an expression stays with the evaluator instead of SQL.
struct ResidualReason: Error {
    let message: String
}

/// Compiles conditions to SQLite SQL over `fan_profiles f`.
///
/// Null semantics (LANGUAGE.md §6) are two-valued while SQL's are three-valued.
/// The compiler tracks polarity: in a *positive* position (under no `NOT`) an
/// unknown result already acts as false in a WHERE clause, so comparisons stay
/// plain, index-friendly SQL; only under `NOT` does it emit the *exact* form
/// (`coalesce(…, 0)`, `IS`), which pays for null handling.
final class SQLCompiler {
    enum Mode { case positive, exact }

    let program: CheckedProgram
    let scope: FanScope
    let dialect: SQLDialect
    private var fanDependence: [ExprID: Bool] = [:]
    private var aliasDepth = 0
    /// Compile collection reads over all fans as per-fan sub-queries (the
    /// correlated shape) instead of sets (`PlanShape`).
    private(set) var correlatedSets = false
    /// Read each collection per fan through its `<table>_by_fan` index,
    /// named (SQLite's `INDEXED BY`): set for an incremental refresh's
    /// candidate plans, whose per-fan reads SQLite's sampled statistics can
    /// send down a creator-wide index instead (docs/PLANS.md).
    var perFanIndexes = false

    init(program: CheckedProgram, scope: FanScope, dialect: SQLDialect = .sqlite) {
        self.program = program
        self.scope = scope
        self.dialect = dialect
    }

    // MARK: Conditions

    func condition(_ expr: Expr, _ mode: Mode) throws -> PlanSQL {
        if !dependsOnFan(expr) { return dialect.truthParameter(bind(.truth(expr))) }
        switch expr.kind {
        case .parenthesized(let inner):
            return try condition(inner, mode)
        case .binary(.and, let lhs, let rhs):
            return "(\(try condition(lhs, mode)) AND \(try condition(rhs, mode)))"
        case .binary(.or, let lhs, let rhs):
            return "(\(try condition(lhs, mode)) OR \(try condition(rhs, mode)))"
        case .unary(.not, let operand):
            return "NOT \(try condition(operand, .exact))"
        case .comparison(let op, let lhs, let rhs):
            return try comparison(op, lhs, rhs, mode)
        case .within(let operand, let duration):
            let value = try scalar(operand)
            let sql: PlanSQL = "(\(value) BETWEEN \(try windowStart(duration)) AND \(bind(.now)))"
            return exact(sql, mode)
        case .isNull(let operand, let negated):
            if let semi = try scoreNullTest(operand, negated: negated) { return semi }
            return "(\(try scalar(operand)) IS \(raw: negated ? "NOT " : "")NULL)"
        case .aggregate(let aggregate) where aggregate.function == .exists:
            return try existsCondition(aggregate)
        default:
            if scope == .allFans, case .fanField(let field)? = program.resolution(of: expr), field.storage == .hasActiveSubscription {
                return .fanIn("SELECT fan_id FROM fan_subscriptions WHERE user_id = \(PlanSQL.creator) AND status = \(bind(.value(.string("active"))))")
            }
            // A bool-typed value in a boolean position: null and 0 are false.
            return dialect.isTrue(try scalar(expr))
        }
    }

    /// `now − D` for a window. A duration computed from the fan's data
    /// (`within (fan.last_active_at - fan.created_at)`) differs from fan to
    /// fan, so it cannot be one bound value: it is computed in the query, by
    /// the same arithmetic the evaluator uses (overflow gives null, so false).
    func windowStart(_ duration: Expr) throws -> PlanSQL {
        guard dependsOnFan(duration) else { return bind(.windowStart(duration: duration)) }
        return dialect.arithmetic("-", "t", bind(.now), "d", try scalar(duration))
    }

    private func exact(_ sql: PlanSQL, _ mode: Mode) -> PlanSQL {
        mode == .exact ? dialect.definite(sql) : sql
    }

    private func comparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, _ mode: Mode) throws -> PlanSQL {
        if op == .in || op == .notIn, case .segment(let name)? = program.resolution(of: rhs) {
            guard let segment = program.segment(named: name) else { throw ResidualReason(message: "unknown segment \(name)") }
            let inner = try condition(segment.condition, op == .in ? mode : .exact)
            return op == .in ? inner : "NOT \(inner)"
        }
        if op == .in || op == .notIn, let list = fanList(rhs) {
            return try listMembership(lhs, list, negated: op == .notIn)
        }
        if op == .matches { throw ResidualReason(message: "regular expressions run in the evaluator (ICU semantics)") }
        if let exists = try thresholdCondition(op, lhs, rhs) { return exists }
        if let semi = try aggregateComparison(op, lhs, rhs) { return semi }
        if let semi = try scoreComparison(op, lhs, rhs) { return semi }
        if let average = try correlatedMoneyAverage(op, lhs, rhs) { return exact(average, mode) }
        if op == .notIn {
            // `x not in L` holds for a present x equal to no item. A null item
            // equals nothing, so unlike SQL's NOT IN it cannot make the answer
            // unknown; a null x makes it false. x is computed once, in a
            // one-row subquery, because its text may hold bound values.
            return dialect.notIn(try scalar(lhs), try listItems(rhs))
        }
        let left = try scalar(lhs)
        switch op {
        case .in:
            return exact(dialect.inList(left, try listItems(rhs)), mode)
        case .contains, .startsWith, .endsWith:
            let name = op == .contains ? "contains" : (op == .startsWith ? "starts" : "ends")
            return exact(dialect.stringTest(name, left, try scalar(rhs)), mode)
        default:
            return exact(dialect.compare(left, sqlOperator(op), try scalar(rhs), isString(lhs) && isString(rhs)), mode)
        }
    }

    /// Strings compare by Unicode scalars (byte order in PostgreSQL's "C").
    func isString(_ expr: Expr) -> Bool {
        switch program.type(of: expr) {
        case .string?, .enumeration?: true
        default: false
        }
    }

    func sqlOperator(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: "="
        case .notEqual: "<>"
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        default: op.rawValue
        }
    }

    /// The items of a fan-independent list: a list literal or a list constant.
    private func listItems(_ expr: Expr) throws -> [PlanSQL] {
        switch expr.kind {
        case .parenthesized(let inner): return try listItems(inner)
        case .list(let items):
            // The checker lets an item read the fan (`[fan.display_name]`):
            // such an item is a column, not a value bound once.
            return try items.map { dependsOnFan($0) ? try scalar($0) : bind(.expression($0)) }
        default:
            if case .constant(_, .list(let values))? = program.resolution(of: expr) {
                return try values.map(constantItem)
            }
            throw ResidualReason(message: "`in` needs a list")
        }
    }

    /// One item of a list constant. A `date("…")` is a wall-clock time that
    /// becomes an instant only in the creator's zone, known per execution
    /// (§6 Time), so it is converted in the query like the evaluator does.
    private func constantItem(_ value: LiteralValue) throws -> PlanSQL {
        guard case .date(let d) = value else { return bind(.value(Value(value, zone: .gmt))) }
        let text = String(format: "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, d.hour, d.minute)
        return try dialect.call("date", ["s"], [bind(.value(.string(text)))], bind(.now), bind(.zoneName))
    }

    // MARK: Bindings and fan dependence

    /// A parameter, placed where the returned fragment goes.
    func bind(_ binding: PlanBinding) -> PlanSQL {
        .parameter(binding)
    }

    /// Whether an expression reads anything about the fan; everything else is
    /// computed once per execution and bound.
    func dependsOnFan(_ expr: Expr) -> Bool {
        if let known = fanDependence[expr.id] { return known }
        let result: Bool
        switch program.resolution(of: expr) {
        case .fan?, .fanField?, .scoreNamespace?, .scoreDimension?, .collection?, .collectionField?, .elementField?, .segment?:
            result = true
        default:
            switch expr.kind {
            case .fan, .aggregate: result = true
            default: result = expr.children.contains { dependsOnFan($0) }
            }
        }
        fanDependence[expr.id] = result
        return result
    }

    /// `body` with collection reads compiled in the correlated shape.
    func withCorrelatedSets<T>(_ body: () throws -> T) rethrows -> T {
        let saved = correlatedSets
        correlatedSets = true
        defer { correlatedSets = saved }
        return try body()
    }

    /// Read a grouped set's rows in fan order, through the collection's
    /// `(user_id, fan_id, …)` index (`GroupedOrder.fanOrder`).
    private(set) var fanOrderSets = false

    /// `body` with grouped sets read in fan order.
    func withFanOrderSets<T>(_ body: () throws -> T) rethrows -> T {
        let saved = fanOrderSets
        fanOrderSets = true
        defer { fanOrderSets = saved }
        return try body()
    }

    /// Whether collection reads become sets of fan ids: over all fans, unless
    /// the correlated shape was chosen.
    var buildsSets: Bool { scope == .allFans && !correlatedSets }

    /// A fresh table alias for a nested aggregate's rows.
    func withElementAlias<T>(_ body: (String) throws -> T) rethrows -> T {
        aliasDepth += 1
        defer { aliasDepth -= 1 }
        return try body("c\(aliasDepth)")
    }

    var currentElementAlias: String? { aliasDepth == 0 ? nil : "c\(aliasDepth)" }
}
