import Syntax

/// One `?` of a plan's SQL. Values that depend on the fan are columns and
/// never bindings; everything else is bound, never spliced into the text, and
/// computed per execution when it depends on the clock or the event.
public enum PlanBinding: Hashable, Sendable {
    /// Known when the plan was built (a literal, a folded constant, an enum value).
    case value(Value)
    /// A fan-independent expression, evaluated per execution.
    case expression(Expr)
    /// The truth of a fan-independent condition, as 0 or 1.
    case truth(Expr)
    /// `now − D` for `x within D`.
    case windowStart(duration: Expr)
    case now
    /// The creator's time zone name, for the registered time functions.
    case zoneName
    /// The fan a one-fan plan is evaluated for.
    case fanID
}

/// How a condition's SQL will be used: over every fan of the creator (segments,
/// schedules), where semi-joins let SQLite drive from the selective side, or
/// for one fan at a time (events), where correlated lookups are cheaper.
public enum FanScope: String, Hashable, Sendable {
    case allFans
    case oneFan
}
