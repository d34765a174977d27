/// Migration 2 on PostgreSQL (SQLite: `Schema+FanCRM.swift`). Foreign keys to
/// tables of later migrations (import runs, rules, templates, collections) are
/// added by those migrations. SQLite's `(user_id, id)` indexes are the primary
/// keys here, and its `fan_platform_accounts(fan_id)` index is covered by
/// `fan_platform_accounts_by_fan`, which the composite foreign key uses.
extension PostgresSchema {
    static let fanCRM = """
    CREATE TABLE fan_profiles (
        \(id),
        \(userID),
        display_name text COLLATE "C" NOT NULL DEFAULT '',
        timezone text COLLATE "C",
        lifecycle_stage text COLLATE "C" NOT NULL DEFAULT 'new' \(StoreEnums.lifecycleStages.sqlCheck("lifecycle_stage")),
        lifetime_spend_cents bigint NOT NULL DEFAULT 0,
        engagement_score double precision NOT NULL DEFAULT 0,
        avatar_url text COLLATE "C",
        import_run_id bigint,
        created_at bigint NOT NULL \(now),
        last_active_at bigint,
        updated_at bigint,
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX fan_profiles_by_stage ON fan_profiles (user_id, lifecycle_stage);
    CREATE INDEX fan_profiles_by_spend ON fan_profiles (user_id, lifetime_spend_cents);
    CREATE INDEX fan_profiles_by_activity ON fan_profiles (user_id, last_active_at);
    \(creatorOwned("fan_profiles"))
    CREATE TABLE fan_platform_accounts (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        platform_fan_id text COLLATE "C" NOT NULL,
        username text COLLATE "C",
        display_name text COLLATE "C",
        \(bool("is_primary", default: 0)),
        linked_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, platform, platform_fan_id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_platform_accounts_by_fan ON fan_platform_accounts (user_id, fan_id, platform);
    \(creatorOwned("fan_platform_accounts"))
    CREATE TABLE fan_subscriptions (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        account_id bigint,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        tier text COLLATE "C" NOT NULL DEFAULT 'standard',
        status text COLLATE "C" NOT NULL DEFAULT 'active' \(StoreEnums.subscriptionStatuses.sqlCheck("status")),
        \(bool("auto_renew", default: 1)),
        price_cents bigint NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
        started_at bigint NOT NULL \(now),
        renews_at bigint,
        cancelled_at bigint,
        ended_at bigint,
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id)
    );
    CREATE INDEX fan_subscriptions_by_fan ON fan_subscriptions (user_id, fan_id, status);
    CREATE INDEX fan_subscriptions_by_renewal ON fan_subscriptions (user_id, status, renews_at);
    \(creatorOwned("fan_subscriptions"))
    CREATE TABLE fan_subscription_events (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        account_id bigint,
        subscription_id bigint,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        event_type text COLLATE "C" NOT NULL \(StoreEnums.subscriptionEventTypes.sqlCheck("event_type")),
        tier text COLLATE "C" NOT NULL DEFAULT 'standard',
        price_cents bigint NOT NULL DEFAULT 0,
        occurred_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id),
        FOREIGN KEY (user_id, subscription_id) REFERENCES fan_subscriptions (user_id, id)
    );
    CREATE INDEX fan_subscription_events_by_fan ON fan_subscription_events (user_id, fan_id, event_type, occurred_at);
    \(creatorOwned("fan_subscription_events"))
    CREATE TABLE fan_identity_links (
        \(id),
        \(userID),
        account_a_id bigint NOT NULL,
        account_b_id bigint NOT NULL,
        method text COLLATE "C" NOT NULL DEFAULT 'manual' CHECK (method IN ('manual', 'automatic')),
        confidence double precision NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
        confirmed_at bigint,
        created_at bigint NOT NULL \(now),
        CHECK (account_a_id <> account_b_id),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, account_a_id, account_b_id),
        FOREIGN KEY (user_id, account_a_id) REFERENCES fan_platform_accounts (user_id, id),
        FOREIGN KEY (user_id, account_b_id) REFERENCES fan_platform_accounts (user_id, id)
    );
    CREATE INDEX fan_identity_links_by_b ON fan_identity_links (user_id, account_b_id);
    \(creatorOwned("fan_identity_links"))
    CREATE TABLE fan_memories (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        kind text COLLATE "C" NOT NULL \(StoreEnums.memoryKinds.sqlCheck("kind")),
        key text COLLATE "C" NOT NULL,
        value text COLLATE "C" NOT NULL DEFAULT '',
        source text COLLATE "C" NOT NULL DEFAULT 'creator' CHECK (source IN ('creator', 'conversation', 'import', 'ai')),
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_memories_by_fan ON fan_memories (user_id, fan_id, kind, key);
    \(creatorOwned("fan_memories"))
    CREATE TABLE fan_notes (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        body text COLLATE "C" NOT NULL,
        author text COLLATE "C" NOT NULL DEFAULT 'creator',
        rule_id bigint,
        \(bool("pinned", default: 0)),
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_notes_by_fan ON fan_notes (user_id, fan_id, created_at);
    \(creatorOwned("fan_notes"))
    CREATE TABLE fan_scores (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        dimension text COLLATE "C" NOT NULL \(StoreEnums.scoreDimensions.sqlCheck("dimension")),
        value double precision NOT NULL,
        model_version text COLLATE "C" NOT NULL DEFAULT 'v1',
        computed_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, fan_id, dimension),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_scores_by_value ON fan_scores (user_id, dimension, value);
    \(creatorOwned("fan_scores"))
    CREATE TABLE fan_segments (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        display_name text COLLATE "C",
        definition text COLLATE "C" NOT NULL DEFAULT '',
        plan_json text COLLATE "C",
        member_count bigint NOT NULL DEFAULT 0,
        evaluated_at bigint,
        created_at bigint NOT NULL \(now),
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    \(creatorOwned("fan_segments"))
    CREATE TABLE fan_segment_members (
        \(id),
        \(userID),
        segment_id bigint NOT NULL,
        fan_id bigint NOT NULL,
        added_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, segment_id, fan_id),
        FOREIGN KEY (user_id, segment_id) REFERENCES fan_segments (user_id, id) ON DELETE CASCADE,
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_segment_members_by_fan ON fan_segment_members (user_id, fan_id);
    \(creatorOwned("fan_segment_members"))
    CREATE TABLE fan_custom_requests (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        account_id bigint,
        platform text COLLATE "C" \(StoreEnums.platforms.sqlCheck("platform", nullable: true)),
        description text COLLATE "C" NOT NULL DEFAULT '',
        stage text COLLATE "C" NOT NULL DEFAULT 'requested' \(StoreEnums.customRequestStages.sqlCheck("stage")),
        status text COLLATE "C" NOT NULL DEFAULT 'pending' \(StoreEnums.customRequestStatuses.sqlCheck("status")),
        offered_price_cents bigint,
        agreed_price_cents bigint,
        payout_cents bigint,
        due_at bigint,
        delivered_at bigint,
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id)
    );
    CREATE INDEX fan_custom_requests_by_fan ON fan_custom_requests (user_id, fan_id, created_at);
    \(creatorOwned("fan_custom_requests"))
    CREATE TABLE fan_transactions (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        account_id bigint,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        kind text COLLATE "C" NOT NULL \(StoreEnums.transactionKinds.sqlCheck("kind")),
        amount_cents bigint NOT NULL,
        currency text COLLATE "C" NOT NULL DEFAULT 'USD',
        custom_request_id bigint,
        subscription_event_id bigint,
        media_collection_id bigint,
        external_id text COLLATE "C",
        occurred_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id),
        FOREIGN KEY (user_id, custom_request_id) REFERENCES fan_custom_requests (user_id, id),
        FOREIGN KEY (user_id, subscription_event_id) REFERENCES fan_subscription_events (user_id, id)
    );
    CREATE INDEX fan_transactions_by_fan ON fan_transactions (user_id, fan_id, kind, occurred_at);
    CREATE INDEX fan_transactions_by_time ON fan_transactions (user_id, occurred_at);
    \(creatorOwned("fan_transactions"))
    -- lifetime_spend_cents is the sum of the fan's transactions, kept by the store
    -- itself (STORE.md), so every writer (rulec, outside tools) agrees. It matches
    -- the fan by creator too (SQLite's migration 11), and runs as the writer, so
    -- under row-level security it can only touch the current creator's fan.
    CREATE FUNCTION rulec_fan_transactions_spend() RETURNS trigger LANGUAGE plpgsql AS $rulec$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents - OLD.amount_cents
            WHERE user_id = OLD.user_id AND id = OLD.fan_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE fan_profiles SET lifetime_spend_cents = lifetime_spend_cents + NEW.amount_cents
            WHERE user_id = NEW.user_id AND id = NEW.fan_id;
        END IF;
        RETURN NULL;
    END
    $rulec$;
    CREATE TRIGGER fan_transactions_add_spend AFTER INSERT ON fan_transactions
        FOR EACH ROW EXECUTE FUNCTION rulec_fan_transactions_spend();
    CREATE TRIGGER fan_transactions_move_spend AFTER UPDATE OF amount_cents, fan_id, user_id ON fan_transactions
        FOR EACH ROW EXECUTE FUNCTION rulec_fan_transactions_spend();
    CREATE TRIGGER fan_transactions_remove_spend AFTER DELETE ON fan_transactions
        FOR EACH ROW EXECUTE FUNCTION rulec_fan_transactions_spend();

    CREATE TABLE fan_tag_values (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        tag text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL DEFAULT 'creator' \(StoreEnums.tagSources.sqlCheck("source")),
        rule_id bigint,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, fan_id, tag),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id)
    );
    CREATE INDEX fan_tag_values_by_tag ON fan_tag_values (user_id, tag, fan_id);
    \(creatorOwned("fan_tag_values"))
    CREATE TABLE fan_messages (
        \(id),
        \(userID),
        fan_id bigint NOT NULL,
        account_id bigint,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        direction text COLLATE "C" NOT NULL \(StoreEnums.messageDirections.sqlCheck("direction")),
        body text COLLATE "C" NOT NULL DEFAULT '',
        sentiment double precision CHECK (sentiment IS NULL OR sentiment BETWEEN -1 AND 1),
        template_id bigint,
        rule_id bigint,
        in_reply_to_id bigint,
        status text COLLATE "C" NOT NULL DEFAULT 'draft' \(StoreEnums.messageStatuses.sqlCheck("status")),
        price_cents bigint NOT NULL DEFAULT 0,
        response_time_seconds bigint,
        scheduled_at bigint,
        sent_at bigint,
        read_at bigint,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, fan_id) REFERENCES fan_profiles (user_id, id),
        FOREIGN KEY (user_id, account_id) REFERENCES fan_platform_accounts (user_id, id),
        FOREIGN KEY (user_id, in_reply_to_id) REFERENCES fan_messages (user_id, id)
    );
    CREATE INDEX fan_messages_by_fan ON fan_messages (user_id, fan_id, direction, sent_at);
    \(creatorOwned("fan_messages"))
    """
}
