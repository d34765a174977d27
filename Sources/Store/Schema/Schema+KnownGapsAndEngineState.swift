/// The data model's Sprint 12 gaps, built now, and the engine's own state.
extension Schema {
    static let knownGaps = """
    CREATE TABLE fan_import_runs (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        platform TEXT \(StoreEnums.platforms.sqlCheck("platform", nullable: true)),
        source TEXT NOT NULL DEFAULT 'csv',
        status TEXT NOT NULL DEFAULT 'running' \(StoreEnums.importStatuses.sqlCheck("status")),
        rows_total INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_merged INTEGER NOT NULL DEFAULT 0,
        rows_failed INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        started_at INTEGER NOT NULL DEFAULT (unixepoch()),
        finished_at INTEGER
    ) STRICT;
    CREATE INDEX fan_import_runs_by_user ON fan_import_runs(user_id, started_at);

    CREATE TABLE creator_goal_snapshots (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        goal_id INTEGER NOT NULL REFERENCES creator_goals(id) ON DELETE CASCADE,
        value REAL NOT NULL DEFAULT 0,
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0),
        captured_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX creator_goal_snapshots_by_goal ON creator_goal_snapshots(user_id, goal_id, captured_at);

    CREATE TABLE campaign_content_performance (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        post_id INTEGER NOT NULL REFERENCES content_posts(id) ON DELETE CASCADE,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        impressions INTEGER NOT NULL DEFAULT 0,
        conversions INTEGER NOT NULL DEFAULT 0,
        attributed_revenue_cents INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, campaign_id, post_id, platform)
    ) STRICT;
    """

    static let engineState = """
    -- Per creator and event source: the last id the engine consumed.
    CREATE TABLE automation_cursors (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        source TEXT NOT NULL \(StoreEnums.eventSources.sqlCheck("source")),
        last_id INTEGER NOT NULL DEFAULT 0 CHECK (last_id >= 0),
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, source)
    ) STRICT;

    -- Materialization's history: a fan entered or left a segment. An event source.
    CREATE TABLE fan_segment_member_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        segment_id INTEGER NOT NULL REFERENCES fan_segments(id),
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        change TEXT NOT NULL \(StoreEnums.segmentChanges.sqlCheck("change")),
        occurred_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX fan_segment_member_events_by_user ON fan_segment_member_events(user_id, id);
    CREATE INDEX fan_segment_member_events_by_segment ON fan_segment_member_events(user_id, segment_id, fan_id, occurred_at);
    \(appendOnly("fan_segment_member_events"))

    -- Actions delayed by `after`: the runtime executes pending rows once due_at <= now.
    CREATE TABLE automation_scheduled_actions (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
        run_id INTEGER NOT NULL REFERENCES automation_rule_runs(id),
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        action_index INTEGER NOT NULL DEFAULT 0,
        action_type TEXT NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json TEXT NOT NULL DEFAULT '{}',
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' \(StoreEnums.scheduledActionStatuses.sqlCheck("status")),
        hitl_id INTEGER REFERENCES hitl_action_queue(id),
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (run_id, fan_id, action_index)
    ) STRICT;
    CREATE INDEX automation_scheduled_actions_due ON automation_scheduled_actions(user_id, status, due_at);

    -- The last schedule slot each scheduled rule fired for, so a late run fires
    -- only the latest missed slot (LANGUAGE.md §4).
    CREATE TABLE automation_schedule_state (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        rule_id INTEGER NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
        last_slot_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, rule_id)
    ) STRICT;
    """
}
