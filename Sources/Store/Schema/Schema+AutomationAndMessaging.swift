/// Automation & messaging: rules, their append-only audit trail (runs, then
/// per-fan actions), templates, broadcasts, and the pre-execution HITL queue.
extension Schema {
    static let automationAndMessaging = """
    CREATE TABLE message_templates (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        platform_variants_json TEXT NOT NULL DEFAULT '{}',
        tone TEXT NOT NULL DEFAULT 'neutral',
        category TEXT,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER,
        UNIQUE (user_id, name)
    ) STRICT;

    CREATE TABLE automation_rules (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        source TEXT NOT NULL DEFAULT '',
        source_file TEXT,
        trigger TEXT NOT NULL DEFAULT '',
        priority INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'active' \(StoreEnums.ruleStatuses.sqlCheck("status")),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        plan_json TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, name)
    ) STRICT;
    CREATE INDEX automation_rules_by_trigger ON automation_rules(user_id, status, trigger);

    CREATE TABLE automation_rule_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
        rule_version INTEGER NOT NULL DEFAULT 1,
        trigger TEXT NOT NULL DEFAULT '',
        event_source TEXT \(StoreEnums.eventSources.sqlCheck("event_source", nullable: true)),
        event_id INTEGER,
        triggered_at INTEGER NOT NULL DEFAULT (unixepoch()),
        matched_fan_count INTEGER NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL DEFAULT 'matched' \(StoreEnums.ruleRunOutcomes.sqlCheck("outcome")),
        error TEXT,
        duration_ms INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX automation_rule_runs_by_rule ON automation_rule_runs(user_id, rule_id, triggered_at);
    CREATE INDEX automation_rule_runs_by_event ON automation_rule_runs(user_id, event_source, event_id);
    \(appendOnly("automation_rule_runs"))

    CREATE TABLE hitl_action_queue (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        rule_id INTEGER REFERENCES automation_rules(id),
        run_id INTEGER REFERENCES automation_rule_runs(id),
        fan_id INTEGER REFERENCES fan_profiles(id),
        action_index INTEGER NOT NULL DEFAULT 0,
        action_type TEXT NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json TEXT NOT NULL DEFAULT '{}',
        preview TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending' \(StoreEnums.hitlStatuses.sqlCheck("status")),
        reason TEXT,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        expires_at INTEGER,
        decided_at INTEGER,
        decided_by TEXT
    ) STRICT;
    CREATE INDEX hitl_action_queue_by_status ON hitl_action_queue(user_id, status, created_at);
    CREATE INDEX hitl_action_queue_by_fan ON hitl_action_queue(user_id, rule_id, fan_id);

    CREATE TABLE automation_rule_actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES automation_rule_runs(id),
        rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        action_index INTEGER NOT NULL DEFAULT 0,
        action_type TEXT NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json TEXT NOT NULL DEFAULT '{}',
        outcome TEXT NOT NULL \(StoreEnums.actionOutcomes.sqlCheck("outcome")),
        reason TEXT,
        hitl_id INTEGER REFERENCES hitl_action_queue(id),
        executed_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (run_id, fan_id, action_index)
    ) STRICT;
    CREATE INDEX automation_rule_actions_by_fan ON automation_rule_actions(user_id, rule_id, fan_id, executed_at);
    \(appendOnly("automation_rule_actions"))

    CREATE TABLE message_broadcasts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        template_id INTEGER REFERENCES message_templates(id) ON DELETE SET NULL,
        segment_id INTEGER REFERENCES fan_segments(id) ON DELETE SET NULL,
        segment_snapshot_json TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'draft' \(StoreEnums.broadcastStatuses.sqlCheck("status")),
        scheduled_at INTEGER,
        sent_at INTEGER,
        recipient_count INTEGER NOT NULL DEFAULT 0,
        delivered_count INTEGER NOT NULL DEFAULT 0,
        read_count INTEGER NOT NULL DEFAULT 0,
        conversion_count INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;

    CREATE TABLE message_broadcast_deliveries (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        broadcast_id INTEGER NOT NULL REFERENCES message_broadcasts(id) ON DELETE CASCADE,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        status TEXT NOT NULL DEFAULT 'queued' \(StoreEnums.deliveryStatuses.sqlCheck("status")),
        delivered_at INTEGER,
        read_at INTEGER,
        converted_at INTEGER,
        conversion_transaction_id INTEGER REFERENCES fan_transactions(id),
        UNIQUE (broadcast_id, fan_id)
    ) STRICT;
    CREATE INDEX message_broadcast_deliveries_by_fan ON message_broadcast_deliveries(user_id, fan_id);
    """
}
