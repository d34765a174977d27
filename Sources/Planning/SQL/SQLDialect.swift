/// The spellings that differ between SQL engines, in one place. Plans are
/// built as `PlanSQL` fragments and rendered in a dialect: SQLite's here,
/// PostgreSQL's in `SQLDialect+Postgres.swift`. Both write parameters as `?`
/// and the creator as `:user`; the PostgreSQL connection numbers them.
struct SQLDialect: Sendable {
    /// Which engine, for plans and for `PlanBuilder.plan(…, dialect:)`.
    let name: PlanDialect
    /// The placeholder for the `index`th parameter (1-based).
    let placeholder: @Sendable (Int) -> String
    /// The creator every row is scoped to.
    let creatorParameter: String
    /// The alias of the outer `fan_profiles` row.
    let outerAlias: String
    /// `x` as a two-valued truth in a WHERE clause: null and 0 are false.
    let isTrue: @Sendable (PlanSQL) -> PlanSQL
    /// A possibly-unknown condition as a definite 0/1, for positions under `NOT`.
    let definite: @Sendable (PlanSQL) -> PlanSQL
    /// `x` converted to floating point.
    let toReal: @Sendable (PlanSQL) -> PlanSQL
    /// A bound 0/1 truth (a fan-independent condition) used as a condition.
    var truthParameter: @Sendable (PlanSQL) -> PlanSQL = { $0 }
    /// An SQL condition (`EXISTS …`, `count(*) > 0`) used as a 0/1 value.
    var conditionValue: @Sendable (PlanSQL) -> PlanSQL = { $0 }
    /// `a op b` with the language's arithmetic; the tags name the operands' types (`SQLEncoding.tag`).
    var arithmetic: @Sendable (_ op: String, _ tagA: String, _ a: PlanSQL, _ tagB: String, _ b: PlanSQL) -> PlanSQL = { op, ta, a, tb, b in
        "rulec_op('\(raw: op)', '\(raw: ta)', \(a), '\(raw: tb)', \(b))"
    }
    var negate: @Sendable (_ tag: String, _ a: PlanSQL) -> PlanSQL = { tag, a in "rulec_neg('\(raw: tag)', \(a))" }
    /// `contains` / `starts` / `ends` over Unicode scalars, as a condition (null is unknown).
    var stringTest: @Sendable (_ name: String, _ a: PlanSQL, _ b: PlanSQL) -> PlanSQL = { name, a, b in
        "(rulec_str('\(raw: name)', \(a), \(b)) = 1)"
    }
    /// A catalog function on fan data; throws `ResidualReason` when the
    /// dialect cannot compute it exactly (the evaluator then does).
    var call: @Sendable (_ name: String, _ tags: [String], _ arguments: [PlanSQL], _ now: PlanSQL, _ zone: PlanSQL) throws -> PlanSQL = { name, tags, arguments, now, zone in
        "rulec_call('\(raw: name)', '\(raw: tags.joined(separator: ","))', \(now), \(zone), \(PlanSQL.joined(arguments, separator: ", ")))"
    }
    /// `x not in (list)` with the language's nulls: false for a null `x`, and
    /// a null item equals nothing. `x` is computed once (its text may hold bound values).
    var notIn: @Sendable (_ x: PlanSQL, _ items: [PlanSQL]) -> PlanSQL = { x, items in
        "(SELECT rulec_x IS NOT NULL AND NOT coalesce(rulec_x IN (\(PlanSQL.joined(items, separator: ", "))), 0) FROM (SELECT \(x) AS rulec_x))"
    }
    /// `x in (items)`; an empty list holds nothing.
    var inList: @Sendable (_ x: PlanSQL, _ items: [PlanSQL]) -> PlanSQL = { x, items in
        "(\(x) IN (\(PlanSQL.joined(items, separator: ", "))))"
    }
    /// `a op b` for a comparison operator; `strings` when both sides are strings.
    var compare: @Sendable (_ a: PlanSQL, _ op: String, _ b: PlanSQL, _ strings: Bool) -> PlanSQL = { a, op, b, _ in
        "(\(a) \(raw: op) \(b))"
    }
    /// The sum of an integer-valued column (int, money, duration), 0 over no rows.
    var integerSum: @Sendable (PlanSQL) -> PlanSQL = { "coalesce(sum(\($0)), 0)" }
    /// The average of an int or duration column, as a number; `alias` is the rows' table alias.
    var integerAverage: @Sendable (_ column: PlanSQL, _ alias: String) -> PlanSQL = { column, _ in "avg(\(column))" }
    /// The average of a money column in minor units, half away from zero
    /// exactly (`Evaluator.moneyAverage`), null over no rows. On SQLite in
    /// integer arithmetic: `q = s / n` truncates, `s % n` keeps the sign of
    /// `s`, and `|r| >= n - |r|` is `2|r| >= n` without overflow. Before, a
    /// `rulec_money_avg(sum, count)` call into Swift per group or fan cost
    /// about a tenth of a grouped `avg` over the 100,000-fan seed's
    /// transactions (BENCHMARKS.md, "Segment shapes").
    var moneyAverage: @Sendable (_ column: PlanSQL) -> PlanSQL = { c in
        "(CASE WHEN count(\(c)) > 0 THEN sum(\(c)) / count(\(c)) + (CASE WHEN abs(sum(\(c)) % count(\(c))) >= count(\(c)) - abs(sum(\(c)) % count(\(c))) THEN (CASE WHEN sum(\(c)) < 0 THEN -1 ELSE 1 END) ELSE 0 END) END)"
    }
    /// A sub-query in FROM (PostgreSQL 15 wants it named).
    var derivedTable: @Sendable (PlanSQL) -> PlanSQL = { "(\($0))" }
    /// A condition with the share of rows it is expected to hold for, told
    /// to the engine's planner (`PlanBuilder`); nil where the engine has no
    /// such hint, and the condition stays as it is.
    var likelihood: (@Sendable (PlanSQL, Double) -> PlanSQL)? = nil
    /// After a table's alias: read it through the named index (a grouped
    /// set in fan order, `GroupedOrder.fanOrder`); nil where the engine
    /// takes no such instruction.
    var indexedBy: (@Sendable (String) -> PlanSQL)? = nil
    /// After a table's alias: use no index of it, only rowid lookups (the
    /// candidates of a refresh, the sample's id ranges drive); empty where
    /// the engine takes no such instruction.
    var notIndexed: PlanSQL = ""

    static let sqlite = SQLDialect(
        name: .sqlite,
        placeholder: { _ in "?" },
        creatorParameter: ":user",
        outerAlias: "f",
        isTrue: { "(\($0) IS 1)" },
        definite: { "coalesce(\($0), 0)" },
        toReal: { "CAST(\($0) AS REAL)" },
        likelihood: { "likelihood(\($0), \(raw: SQLDialect.probability($1)))" },
        indexedBy: { " INDEXED BY \(raw: $0)" },
        notIndexed: " NOT INDEXED")

    /// A probability as SQLite's `likelihood()` takes it: a floating-point
    /// literal in [0, 1] (an integer literal is refused), two significant digits.
    static func probability(_ p: Double) -> String {
        let text = String(format: "%.2g", min(1, max(p, 0.000001)))
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    static func named(_ name: PlanDialect) -> SQLDialect {
        switch name {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}

/// The SQL engine a plan is written for. A plan runs only on a store of its
/// dialect (`PlanExecutor` re-plans one written for the other).
public enum PlanDialect: String, Sendable, Hashable {
    case sqlite
    case postgres
}
