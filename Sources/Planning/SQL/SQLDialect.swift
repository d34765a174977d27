/// The spellings that differ between SQL engines, in one place. Plans are
/// built as `PlanSQL` fragments and rendered in a dialect; SQLite is the one
/// the store runs today (PostgreSQL is a later issue: `$n` placeholders,
/// `IS TRUE`, `double precision`, a creator parameter bound by position).
struct SQLDialect: Sendable {
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
    /// A condition with the share of rows it is expected to hold for, told
    /// to the engine's planner (`PlanBuilder`); nil where the engine has no
    /// such hint, and the condition stays as it is.
    var likelihood: (@Sendable (PlanSQL, Double) -> PlanSQL)? = nil
    /// After a table's alias: read it through the named index (a grouped
    /// set in fan order, `GroupedOrder.fanOrder`); nil where the engine
    /// takes no such instruction.
    var indexedBy: (@Sendable (String) -> PlanSQL)? = nil

    static let sqlite = SQLDialect(
        placeholder: { _ in "?" },
        creatorParameter: ":user",
        outerAlias: "f",
        isTrue: { "(\($0) IS 1)" },
        definite: { "coalesce(\($0), 0)" },
        toReal: { "CAST(\($0) AS REAL)" },
        likelihood: { "likelihood(\($0), \(raw: SQLDialect.probability($1)))" },
        indexedBy: { " INDEXED BY \(raw: $0)" })

    /// A probability as SQLite's `likelihood()` takes it: a floating-point
    /// literal in [0, 1] (an integer literal is refused), two significant digits.
    static func probability(_ p: Double) -> String {
        let text = String(format: "%.2g", min(1, max(p, 0.000001)))
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
