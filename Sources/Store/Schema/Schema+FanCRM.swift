/// Fan CRM: a fan is a person (fan_profiles); platform identities, money,
/// messages and memory hang off that person by `fan_id`.
extension Schema {
    static let fanCRM = """
    CREATE TABLE fan_profiles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        timezone TEXT,
        lifecycle_stage TEXT NOT NULL DEFAULT 'new' \(StoreEnums.lifecycleStages.sqlCheck("lifecycle_stage")),
        lifetime_spend_cents INTEGER NOT NULL DEFAULT 0,
        engagement_score REAL NOT NULL DEFAULT 0,
        avatar_url TEXT,
        import_run_id INTEGER REFERENCES fan_import_runs(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        last_active_at INTEGER,
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX fan_profiles_by_user ON fan_profiles(user_id, id);
    CREATE INDEX fan_profiles_by_stage ON fan_profiles(user_id, lifecycle_stage);
    CREATE INDEX fan_profiles_by_spend ON fan_profiles(user_id, lifetime_spend_cents);
    CREATE INDEX fan_profiles_by_activity ON fan_profiles(user_id, last_active_at);

    CREATE TABLE fan_platform_accounts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        platform_fan_id TEXT NOT NULL,
        username TEXT,
        display_name TEXT,
        \(bool("is_primary", default: 0)),
        linked_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, platform, platform_fan_id)
    ) STRICT;
    CREATE INDEX fan_platform_accounts_by_fan ON fan_platform_accounts(user_id, fan_id, platform);
    CREATE INDEX fan_platform_accounts_fk_fan ON fan_platform_accounts(fan_id);

    CREATE TABLE fan_subscriptions (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        tier TEXT NOT NULL DEFAULT 'standard',
        status TEXT NOT NULL DEFAULT 'active' \(StoreEnums.subscriptionStatuses.sqlCheck("status")),
        \(bool("auto_renew", default: 1)),
        price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
        started_at INTEGER NOT NULL DEFAULT (unixepoch()),
        renews_at INTEGER,
        cancelled_at INTEGER,
        ended_at INTEGER,
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX fan_subscriptions_by_fan ON fan_subscriptions(user_id, fan_id, status);
    CREATE INDEX fan_subscriptions_by_renewal ON fan_subscriptions(user_id, status, renews_at);

    CREATE TABLE fan_subscription_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        subscription_id INTEGER REFERENCES fan_subscriptions(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        event_type TEXT NOT NULL \(StoreEnums.subscriptionEventTypes.sqlCheck("event_type")),
        tier TEXT NOT NULL DEFAULT 'standard',
        price_cents INTEGER NOT NULL DEFAULT 0,
        occurred_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX fan_subscription_events_by_user ON fan_subscription_events(user_id, id);
    CREATE INDEX fan_subscription_events_by_fan ON fan_subscription_events(user_id, fan_id, event_type, occurred_at);
    \(appendOnly("fan_subscription_events"))

    CREATE TABLE fan_identity_links (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        account_a_id INTEGER NOT NULL REFERENCES fan_platform_accounts(id),
        account_b_id INTEGER NOT NULL REFERENCES fan_platform_accounts(id),
        method TEXT NOT NULL DEFAULT 'manual' CHECK (method IN ('manual', 'automatic')),
        confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
        confirmed_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        CHECK (account_a_id <> account_b_id),
        UNIQUE (user_id, account_a_id, account_b_id)
    ) STRICT;
    CREATE INDEX fan_identity_links_by_b ON fan_identity_links(user_id, account_b_id);

    CREATE TABLE fan_memories (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        kind TEXT NOT NULL \(StoreEnums.memoryKinds.sqlCheck("kind")),
        key TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'creator' CHECK (source IN ('creator', 'conversation', 'import', 'ai')),
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX fan_memories_by_fan ON fan_memories(user_id, fan_id, kind, key);

    CREATE TABLE fan_notes (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        body TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT 'creator',
        rule_id INTEGER REFERENCES automation_rules(id) ON DELETE SET NULL,
        \(bool("pinned", default: 0)),
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX fan_notes_by_fan ON fan_notes(user_id, fan_id, created_at);

    CREATE TABLE fan_scores (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        dimension TEXT NOT NULL \(StoreEnums.scoreDimensions.sqlCheck("dimension")),
        value REAL NOT NULL,
        model_version TEXT NOT NULL DEFAULT 'v1',
        computed_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, fan_id, dimension)
    ) STRICT;
    CREATE INDEX fan_scores_by_value ON fan_scores(user_id, dimension, value);

    CREATE TABLE fan_segments (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        display_name TEXT,
        definition TEXT NOT NULL DEFAULT '',
        plan_json TEXT,
        member_count INTEGER NOT NULL DEFAULT 0,
        evaluated_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, name)
    ) STRICT;

    CREATE TABLE fan_segment_members (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        segment_id INTEGER NOT NULL REFERENCES fan_segments(id) ON DELETE CASCADE,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        added_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, segment_id, fan_id)
    ) STRICT;
    CREATE INDEX fan_segment_members_by_fan ON fan_segment_members(user_id, fan_id);

    CREATE TABLE fan_transactions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        kind TEXT NOT NULL \(StoreEnums.transactionKinds.sqlCheck("kind")),
        amount_cents INTEGER NOT NULL,
        currency TEXT NOT NULL DEFAULT 'USD',
        custom_request_id INTEGER REFERENCES fan_custom_requests(id),
        subscription_event_id INTEGER REFERENCES fan_subscription_events(id),
        media_collection_id INTEGER REFERENCES media_collections(id),
        external_id TEXT,
        occurred_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX fan_transactions_by_user ON fan_transactions(user_id, id);
    CREATE INDEX fan_transactions_by_fan ON fan_transactions(user_id, fan_id, kind, occurred_at);
    CREATE INDEX fan_transactions_by_time ON fan_transactions(user_id, occurred_at);

    -- lifetime_spend_cents is the sum of the fan's transactions, kept by the store
    -- itself (STORE.md), so every writer (rulec, outside tools) agrees.
    CREATE TRIGGER fan_transactions_add_spend AFTER INSERT ON fan_transactions
    BEGIN
        UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + NEW.amount_cents
        WHERE id = NEW.fan_id;
    END;
    CREATE TRIGGER fan_transactions_move_spend AFTER UPDATE OF amount_cents, fan_id ON fan_transactions
    BEGIN
        UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - OLD.amount_cents WHERE id = OLD.fan_id;
        UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + NEW.amount_cents WHERE id = NEW.fan_id;
    END;
    CREATE TRIGGER fan_transactions_remove_spend AFTER DELETE ON fan_transactions
    BEGIN
        UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - OLD.amount_cents
        WHERE id = OLD.fan_id;
    END;

    CREATE TABLE fan_custom_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        platform TEXT \(StoreEnums.platforms.sqlCheck("platform", nullable: true)),
        description TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT 'requested' \(StoreEnums.customRequestStages.sqlCheck("stage")),
        status TEXT NOT NULL DEFAULT 'pending' \(StoreEnums.customRequestStatuses.sqlCheck("status")),
        offered_price_cents INTEGER,
        agreed_price_cents INTEGER,
        payout_cents INTEGER,
        due_at INTEGER,
        delivered_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX fan_custom_requests_by_user ON fan_custom_requests(user_id, id);
    CREATE INDEX fan_custom_requests_by_fan ON fan_custom_requests(user_id, fan_id, created_at);

    CREATE TABLE fan_tag_values (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        tag TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'creator' \(StoreEnums.tagSources.sqlCheck("source")),
        rule_id INTEGER REFERENCES automation_rules(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, fan_id, tag)
    ) STRICT;
    CREATE INDEX fan_tag_values_by_user ON fan_tag_values(user_id, id);
    CREATE INDEX fan_tag_values_by_tag ON fan_tag_values(user_id, tag, fan_id);

    CREATE TABLE fan_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
        account_id INTEGER REFERENCES fan_platform_accounts(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        direction TEXT NOT NULL \(StoreEnums.messageDirections.sqlCheck("direction")),
        body TEXT NOT NULL DEFAULT '',
        sentiment REAL CHECK (sentiment IS NULL OR sentiment BETWEEN -1 AND 1),
        template_id INTEGER REFERENCES message_templates(id) ON DELETE SET NULL,
        rule_id INTEGER REFERENCES automation_rules(id) ON DELETE SET NULL,
        in_reply_to_id INTEGER REFERENCES fan_messages(id),
        status TEXT NOT NULL DEFAULT 'draft' \(StoreEnums.messageStatuses.sqlCheck("status")),
        price_cents INTEGER NOT NULL DEFAULT 0,
        response_time_seconds INTEGER,
        scheduled_at INTEGER,
        sent_at INTEGER,
        read_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX fan_messages_by_user ON fan_messages(user_id, id);
    CREATE INDEX fan_messages_by_fan ON fan_messages(user_id, fan_id, direction, sent_at);
    """
}
