/// Migration 14: `automation_rule_firings` is stored in the order cooldowns
/// and limits read it.
///
/// Every firing was three B-tree inserts (the rowid table, the UNIQUE
/// `(rule_id, fan_id, run_id)` key, and `automation_rule_firings_by_fan`,
/// which the cooldown and limit counts read), two of them at random places in
/// large trees. As a `WITHOUT ROWID` table whose key is the counting order,
/// `(rule_id, fan_id, fired_at, run_id)`, a firing is one insert and a count is
/// a range of that one tree. On the run benchmark (100,000 fans) this was about
/// 6–8% of `run`'s time.
///
/// The key is exactly as unique as the old constraint: a run has one time
/// (`fired_at` is the run's `triggered_at`), so `(rule, fan, run)` repeated
/// would repeat the whole key. The rowid `id` nothing referred to is gone;
/// firings are ordered by `run_id`. `user_id` stays a column (queries bind it,
/// the creator-scope trigger checks it) but not a key part: a rule belongs to
/// one creator, so it would only lengthen every key.
extension Schema {
    static var firingsByPerson: String {
        """
        CREATE TABLE automation_rule_firings_by_person (
            rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
            fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
            fired_at INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES automation_rule_runs(id),
            user_id TEXT NOT NULL,
            PRIMARY KEY (rule_id, fan_id, fired_at, run_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO automation_rule_firings_by_person (rule_id, fan_id, fired_at, run_id, user_id)
            SELECT rule_id, fan_id, fired_at, run_id, user_id FROM automation_rule_firings;
        DROP TABLE automation_rule_firings;
        ALTER TABLE automation_rule_firings_by_person RENAME TO automation_rule_firings;

        """ + creatorGuards(for: "automation_rule_firings")
    }
}
