/// Migration 6 on PostgreSQL (SQLite: `Schema+AutomationAndMessaging.swift`),
/// and the keys from fan CRM rows to the rule or template that wrote them.
/// SQLite's UNIQUE `(run_id, fan_id, action_index)` and `(broadcast_id,
/// fan_id)` start with `user_id` here, as every key must for sharding.
extension PostgresSchema {
    static let automationAndMessaging = """
    CREATE TABLE message_templates (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL DEFAULT '',
        platform_variants_json text COLLATE "C" NOT NULL DEFAULT '{}',
        tone text COLLATE "C" NOT NULL DEFAULT 'neutral',
        category text COLLATE "C",
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    \(creatorOwned("message_templates"))
    CREATE TABLE automation_rules (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        description text COLLATE "C",
        source text COLLATE "C" NOT NULL DEFAULT '',
        source_file text COLLATE "C",
        trigger text COLLATE "C" NOT NULL DEFAULT '',
        priority bigint NOT NULL DEFAULT 0,
        status text COLLATE "C" NOT NULL DEFAULT 'active' \(StoreEnums.ruleStatuses.sqlCheck("status")),
        version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
        plan_json text COLLATE "C" NOT NULL DEFAULT '{}',
        created_at bigint NOT NULL \(now),
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    CREATE INDEX automation_rules_by_trigger ON automation_rules (user_id, status, trigger);
    \(creatorOwned("automation_rules"))
    ALTER TABLE fan_notes ADD FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id) ON DELETE SET NULL (rule_id);
    ALTER TABLE fan_tag_values ADD FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id) ON DELETE SET NULL (rule_id);
    ALTER TABLE fan_messages ADD FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id) ON DELETE SET NULL (rule_id);
    ALTER TABLE fan_messages ADD FOREIGN KEY (user_id, template_id) REFERENCES message_templates (user_id, id) ON DELETE SET NULL (template_id);

    CREATE TABLE automation_rule_runs (
        \(id),
        \(userID),
        rule_id bigint NOT NULL,
        rule_version bigint NOT NULL DEFAULT 1,
        trigger text COLLATE "C" NOT NULL DEFAULT '',
        event_source text COLLATE "C" \(StoreEnums.eventSources.sqlCheck("event_source", nullable: true)),
        event_id bigint,
        triggered_at bigint NOT NULL \(now),
        matched_fan_count bigint NOT NULL DEFAULT 0,
        outcome text COLLATE "C" NOT NULL DEFAULT 'matched' \(StoreEnums.ruleRunOutcomes.sqlCheck("outcome")),
        error text COLLATE "C",
        duration_ms bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id)
    );
    CREATE INDEX automation_rule_runs_by_rule ON automation_rule_runs (user_id, rule_id, triggered_at);
    CREATE INDEX automation_rule_runs_by_event ON automation_rule_runs (user_id, event_source, event_id);
    \(creatorOwned("automation_rule_runs"))
    CREATE TABLE hitl_action_queue (
        \(id),
        \(userID),
        rule_id bigint,
        run_id bigint,
        fan_id bigint,
        action_index bigint NOT NULL DEFAULT 0,
        action_type text COLLATE "C" NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json text COLLATE "C" NOT NULL DEFAULT '{}',
        preview text COLLATE "C" NOT NULL DEFAULT '',
        status text COLLATE "C" NOT NULL DEFAULT 'pending' \(StoreEnums.hitlStatuses.sqlCheck("status")),
        reason text COLLATE "C",
        created_at bigint NOT NULL \(now),
        expires_at bigint,
        decided_at bigint,
        decided_by text COLLATE "C",
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id),
        FOREIGN KEY (user_id, run_id) REFERENCES automation_rule_runs (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX hitl_action_queue_by_status ON hitl_action_queue (user_id, status, created_at);
    CREATE INDEX hitl_action_queue_by_fan ON hitl_action_queue (user_id, rule_id, fan_id);
    \(creatorOwned("hitl_action_queue"))
    CREATE TABLE automation_rule_actions (
        \(id),
        \(userID),
        run_id bigint NOT NULL,
        rule_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        action_index bigint NOT NULL DEFAULT 0,
        action_type text COLLATE "C" NOT NULL \(StoreEnums.actionTypes.sqlCheck("action_type")),
        params_json text COLLATE "C" NOT NULL DEFAULT '{}',
        outcome text COLLATE "C" NOT NULL \(StoreEnums.actionOutcomes.sqlCheck("outcome")),
        reason text COLLATE "C",
        hitl_id bigint,
        executed_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, run_id, fan_id, action_index),
        FOREIGN KEY (user_id, run_id) REFERENCES automation_rule_runs (user_id, id),
        FOREIGN KEY (user_id, rule_id) REFERENCES automation_rules (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, hitl_id) REFERENCES hitl_action_queue (user_id, id)
    );
    CREATE INDEX automation_rule_actions_by_fan ON automation_rule_actions (user_id, rule_id, fan_id, executed_at);
    \(creatorOwned("automation_rule_actions"))
    CREATE TABLE message_broadcasts (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL DEFAULT '',
        template_id bigint,
        segment_id bigint,
        segment_snapshot_json text COLLATE "C" NOT NULL DEFAULT '[]',
        status text COLLATE "C" NOT NULL DEFAULT 'draft' \(StoreEnums.broadcastStatuses.sqlCheck("status")),
        scheduled_at bigint,
        sent_at bigint,
        recipient_count bigint NOT NULL DEFAULT 0,
        delivered_count bigint NOT NULL DEFAULT 0,
        read_count bigint NOT NULL DEFAULT 0,
        conversion_count bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, template_id) REFERENCES message_templates (user_id, id) ON DELETE SET NULL (template_id),
        FOREIGN KEY (user_id, segment_id) REFERENCES fan_segments (user_id, id) ON DELETE SET NULL (segment_id)
    );
    \(creatorOwned("message_broadcasts"))
    CREATE TABLE message_broadcast_deliveries (
        \(id),
        \(userID),
        broadcast_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        account_id bigint,
        status text COLLATE "C" NOT NULL DEFAULT 'queued' \(StoreEnums.deliveryStatuses.sqlCheck("status")),
        delivered_at bigint,
        read_at bigint,
        converted_at bigint,
        conversion_transaction_id bigint,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, broadcast_id, fan_id),
        FOREIGN KEY (user_id, broadcast_id) REFERENCES message_broadcasts (user_id, id) ON DELETE CASCADE,
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id),
        FOREIGN KEY (user_id, conversion_transaction_id) REFERENCES fan_transactions (user_id, id)
    );
    CREATE INDEX message_broadcast_deliveries_by_fan ON message_broadcast_deliveries (user_id, fan_id);
    \(creatorOwned("message_broadcast_deliveries"))
    """
}
