/// Migrations 7 and 8 on PostgreSQL (SQLite: `Schema+KnownGapsAndEngineState.swift`).
extension PostgresSchema {
    static let knownGaps = """
    CREATE TABLE fan_import_runs (
        \(id),
        \(userID),
        platform text COLLATE "C" \(StoreEnums.platforms.sqlCheck("platform", nullable: true)),
        source text COLLATE "C" NOT NULL DEFAULT 'csv',
        status text COLLATE "C" NOT NULL DEFAULT 'running' \(StoreEnums.importStatuses.sqlCheck("status")),
        rows_total bigint NOT NULL DEFAULT 0,
        rows_imported bigint NOT NULL DEFAULT 0,
        rows_merged bigint NOT NULL DEFAULT 0,
        rows_failed bigint NOT NULL DEFAULT 0,
        error text COLLATE "C",
        started_at bigint NOT NULL \(now),
        finished_at bigint,
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX fan_import_runs_by_user ON fan_import_runs (user_id, started_at);
    \(creatorOwned("fan_import_runs"))
    ALTER TABLE fan_profiles ADD FOREIGN KEY (user_id, import_run_id)
        REFERENCES fan_import_runs (user_id, id) ON DELETE SET NULL (import_run_id);

    CREATE TABLE creator_goal_snapshots (
        \(id),
        \(userID),
        goal_id bigint NOT NULL,
        value double precision NOT NULL DEFAULT 0,
        progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0),
        captured_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, goal_id) REFERENCES creator_goals (user_id, id) ON DELETE CASCADE
    );
    CREATE INDEX creator_goal_snapshots_by_goal ON creator_goal_snapshots (user_id, goal_id, captured_at);
    \(creatorOwned("creator_goal_snapshots"))
    CREATE TABLE campaign_content_performance (
        \(id),
        \(userID),
        campaign_id bigint NOT NULL,
        post_id bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        impressions bigint NOT NULL DEFAULT 0,
        conversions bigint NOT NULL DEFAULT 0,
        attributed_revenue_cents bigint NOT NULL DEFAULT 0,
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, campaign_id, post_id, platform),
        FOREIGN KEY (user_id, campaign_id) REFERENCES campaigns (user_id, id) ON DELETE CASCADE,
        FOREIGN KEY (user_id, post_id) REFERENCES content_posts (user_id, id) ON DELETE CASCADE
    );
    \(creatorOwned("campaign_content_performance"))
    """

    static let engineState = """
    -- Per creator and event source: the last id the engine consumed.
    CREATE TABLE automation_cursors (
        \(id),
        \(userID),
        source text COLLATE "C" NOT NULL \(StoreEnums.eventSources.sqlCheck("source")),
        last_id bigint NOT NULL DEFAULT 0 CHECK (last_id >= 0),
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, source)
    );
    \(creatorOwned("automation_cursors"))
    -- Materialization's history: a fan entered or left a segment. An event source.
    CREATE TABLE fan_segment_member_events (
        \(id),
        \(userID),
        segment_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        change text COLLATE "C" NOT NULL \(StoreEnums.segmentChanges.sqlCheck("change")),
        occurred_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, segment_id) REFERENCES fan_segments (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_segment_member_events_by_segment ON fan_segment_member_events (user_id, segment_id, fan_id, occurred_at);
    \(creatorOwned("fan_segment_member_events"))
    -- Actions delayed by `after`: the runtime executes pending rows once due_at <= now.
    CREATE TABLE automation_scheduled_actions (
        \(id),
        \(userID),
        rule_id bigint NOT NULL,
        run_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        action_index bigint NOT NULL DEFAULT 0,
        action_type text COLLATE "C" NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json text COLLATE "C" NOT NULL DEFAULT '{}',
        due_at bigint NOT NULL,
        status text COLLATE "C" NOT NULL DEFAULT 'pending' \(StoreEnums.scheduledActionStatuses.sqlCheck("status")),
        hitl_id bigint,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, run_id, fan_id, action_index),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id),
        FOREIGN KEY (user_id, run_id) REFERENCES automation_rule_runs (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, hitl_id) REFERENCES hitl_action_queue (user_id, id)
    );
    CREATE INDEX automation_scheduled_actions_due ON automation_scheduled_actions (user_id, status, due_at);
    \(creatorOwned("automation_scheduled_actions"))
    -- The last schedule slot each scheduled rule fired for, so a late run fires
    -- only the latest missed slot (LANGUAGE.md §4).
    CREATE TABLE automation_schedule_state (
        \(id),
        \(userID),
        rule_id bigint NOT NULL,
        last_slot_at bigint NOT NULL,
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, rule_id),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id) ON DELETE CASCADE
    );
    \(creatorOwned("automation_schedule_state"))
    """
}
