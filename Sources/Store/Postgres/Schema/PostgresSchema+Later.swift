/// Migrations 9–15 on PostgreSQL, each mirroring the SQLite migration of the
/// same number (`Schema+Runtime.swift` … `Schema+WindowIndexes.swift`).
extension PostgresSchema {
    static let runtime = """
    -- One row per deploy: the whole program text, so the runtime re-parses and
    -- re-checks exactly what was deployed (docs/RUNTIME.md).
    CREATE TABLE automation_programs (
        \(id),
        \(userID),
        files_json text COLLATE "C" NOT NULL,
        deployed_at bigint NOT NULL,
        PRIMARY KEY (user_id, id)
    );
    \(creatorOwned("automation_programs"))
    -- Firings per rule and person, for cooldown and limit windows. A firing
    -- with a gated action counts even while pending or after rejection.
    CREATE TABLE automation_rule_firings (
        \(id),
        \(userID),
        rule_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        run_id bigint NOT NULL,
        fired_at bigint NOT NULL,
        PRIMARY KEY (user_id, id),
        CONSTRAINT automation_rule_firings_once UNIQUE (user_id, rule_id, fan_id, run_id),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, run_id) REFERENCES automation_rule_runs (user_id, id)
    );
    CREATE INDEX automation_rule_firings_by_fan ON automation_rule_firings (user_id, rule_id, fan_id, fired_at);
    \(creatorOwned("automation_rule_firings"))
    -- Who paused a rule, so a redeploy knows whether to keep the pause:
    -- 'source' (the rule says `paused`), 'removed' (gone from the program),
    -- 'user' (`rulec pause`). NULL while active.
    ALTER TABLE automation_rules ADD COLUMN paused_by text COLLATE "C"
        CHECK (paused_by IS NULL OR paused_by IN ('source', 'removed', 'user'));

    -- The fan's memories attached to a draft written by `send`: [{kind,key,value}].
    ALTER TABLE fan_messages ADD COLUMN memories_json text COLLATE "C";
    """

    static let eventsAhead = """
    -- Events the engine handled before its cursor reached them (SQLite's migration 10 says why).
    CREATE TABLE automation_events_ahead (
        \(id),
        \(userID),
        source text COLLATE "C" NOT NULL \(StoreEnums.eventSources.sqlCheck("source")),
        event_id bigint NOT NULL,
        handled_at bigint NOT NULL,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, source, event_id)
    );
    \(creatorOwned("automation_events_ahead"))
    """

    /// A row about a fan belongs to that fan's creator. The composite foreign
    /// keys already refuse another creator's fan; these triggers refuse it
    /// first, with SQLite's message, so both stores fail the same way.
    static var creatorScope: String {
        """
        CREATE FUNCTION rulec_same_creator() RETURNS trigger LANGUAGE plpgsql AS $rulec$
        BEGIN
            IF NEW.fan_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM fan_profiles WHERE user_id = NEW.user_id AND id = NEW.fan_id) THEN
                RAISE EXCEPTION '%: the fan belongs to another creator', TG_TABLE_NAME
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END
        $rulec$;

        """ + Schema.fanOwnedTables.map { table in
            var ddl = "CREATE TRIGGER \(table)_same_creator BEFORE INSERT ON \(table) FOR EACH ROW EXECUTE FUNCTION rulec_same_creator();\n"
            if !Schema.appendOnlyFanTables.contains(table) {
                ddl += "CREATE TRIGGER \(table)_same_creator_on_update BEFORE UPDATE OF fan_id, user_id ON \(table) "
                    + "FOR EACH ROW EXECUTE FUNCTION rulec_same_creator();\n"
            }
            return ddl
        }.joined()
    }

    /// SQLite's migration 12 says which audit indexes nothing reads.
    static let auditIndexes = """
    DROP INDEX automation_rule_runs_by_rule;
    DROP INDEX automation_rule_runs_by_event;
    DROP INDEX automation_rule_actions_by_fan;
    CREATE INDEX automation_rule_actions_by_outcome ON automation_rule_actions (user_id, action_type, outcome);
    """

    /// Nothing to do: PostgreSQL evaluates a CHECK's `IN` list without SQLite's
    /// per-row temporary tree. The number is kept so both ledgers agree.
    static let checkLists = "SELECT 1;"

    /// The counting index is the uniqueness key (SQLite's migration 14 says
    /// why); PostgreSQL changes the key in place instead of copying the table.
    static let firingsByPerson = """
    ALTER TABLE automation_rule_firings DROP CONSTRAINT automation_rule_firings_once;
    DROP INDEX automation_rule_firings_by_fan;
    CREATE UNIQUE INDEX automation_rule_firings_by_fan
        ON automation_rule_firings (user_id, rule_id, fan_id, fired_at, run_id);
    """

    static let windowIndexes = """
    CREATE INDEX fan_messages_by_time ON fan_messages (user_id, sent_at);
    CREATE INDEX fan_subscription_events_by_time ON fan_subscription_events (user_id, occurred_at);
    """
}
