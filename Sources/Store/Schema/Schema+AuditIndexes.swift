/// Migration 12: the audit tables keep only the indexes something reads.
///
/// `run` writes several `automation_rule_runs` rows per event and an
/// `automation_rule_actions` row per fan per action; every secondary index is
/// one more B-tree insert per row, keyed by the `user_id` text. On the run
/// benchmark (20,000 fans) the three indexes dropped here were about a sixth
/// of `run`'s time, and no query in rulec used them:
/// - `automation_rule_runs_by_rule`, `automation_rule_runs_by_event`: nothing
///   reads run rows back (the engine only appends; ids come from the rowid).
/// - `automation_rule_actions_by_fan`: cooldowns and limits count
///   `automation_rule_firings`, not action rows. The one reader of action rows
///   (the demo's summary) counts them by type and outcome, so that index
///   replaces it, and answers those counts from the index alone.
/// The UNIQUE constraints stay (they are part of the contract), and a reader
/// that needs another order later adds its index in a migration of its own.
extension Schema {
    static let auditIndexes = """
    DROP INDEX automation_rule_runs_by_rule;
    DROP INDEX automation_rule_runs_by_event;
    DROP INDEX automation_rule_actions_by_fan;
    CREATE INDEX automation_rule_actions_by_outcome ON automation_rule_actions(user_id, action_type, outcome);
    """
}
