/// Migration 9: what the runtime needs beyond the engine state of migration 8.
extension Schema {
    static let runtime = """
    -- One row per deploy: the whole program text, so the runtime re-parses and
    -- re-checks exactly what was deployed (docs/RUNTIME.md).
    CREATE TABLE automation_programs (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        files_json TEXT NOT NULL,
        deployed_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX automation_programs_by_user ON automation_programs(user_id, id);

    -- Firings per rule and person, for cooldown and limit windows. A firing
    -- with a gated action counts even while pending or after rejection.
    CREATE TABLE automation_rule_firings (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        run_id INTEGER NOT NULL REFERENCES automation_rule_runs(id),
        fired_at INTEGER NOT NULL,
        UNIQUE (rule_id, fan_id, run_id)
    ) STRICT;
    CREATE INDEX automation_rule_firings_by_fan ON automation_rule_firings(user_id, rule_id, fan_id, fired_at);

    -- Who paused a rule, so a redeploy knows whether to keep the pause:
    -- 'source' (the rule says `paused`), 'removed' (gone from the program),
    -- 'user' (`rulec pause`). NULL while active.
    ALTER TABLE automation_rules ADD COLUMN paused_by TEXT
        CHECK (paused_by IS NULL OR paused_by IN ('source', 'removed', 'user'));

    -- The fan's memories attached to a draft written by `send`: [{kind,key,value}].
    ALTER TABLE fan_messages ADD COLUMN memories_json TEXT;
    """
}
