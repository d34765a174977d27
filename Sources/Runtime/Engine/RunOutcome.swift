/// `automation_rule_runs.outcome`: what one rule evaluation came to. The raw
/// values are the schema's CHECK list (StoreEnums.ruleRunOutcomes); RUNTIME.md
/// calls `matched` "fired" and `failed` "error".
enum RunOutcome: String, Sendable {
    /// The condition held for at least one fan (who may still be held back by cooldown or limit).
    case matched
    case noMatch = "no_match"
    /// The event was older than the stale age when consumed: nothing fires.
    case stale
    /// Evaluating the condition failed; `error` says why.
    case failed
    /// A rule-raised event past the cascade depth limit: nothing fires.
    case cascadeLimit = "cascade_limit"
}

/// Why a matching fan did not fire: the `reason` of its skipped action rows.
enum HoldBack: String, Sendable {
    case cooldown
    case limit
}
