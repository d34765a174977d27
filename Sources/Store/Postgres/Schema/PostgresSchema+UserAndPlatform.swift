/// Migration 1 on PostgreSQL (SQLite: `Schema+UserAndPlatform.swift`), after
/// the trigger functions every later migration uses.
extension PostgresSchema {
    static let userAndPlatform = triggerFunctions + """
    CREATE TABLE creator_profiles (
        \(id),
        \(userID),
        display_name text COLLATE "C" NOT NULL DEFAULT '',
        timezone text COLLATE "C" NOT NULL DEFAULT 'UTC',
        currency text COLLATE "C" NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
        onboarding_state text COLLATE "C" NOT NULL DEFAULT 'started' \(StoreEnums.onboardingStates.sqlCheck("onboarding_state")),
        persona_json text COLLATE "C" NOT NULL DEFAULT '{}',
        plan_tier text COLLATE "C" NOT NULL DEFAULT 'free',
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id)
    );
    \(creatorOwned("creator_profiles"))
    -- Tokens are stored only as AES-256-GCM ciphertext with its 96-bit nonce and
    -- 128-bit tag; the key lives outside the database, so a copied database leaks no session.
    CREATE TABLE platform_connections (
        \(id),
        \(userID),
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        account_handle text COLLATE "C" NOT NULL DEFAULT '',
        status text COLLATE "C" NOT NULL DEFAULT 'pending' \(StoreEnums.connectionStatuses.sqlCheck("status")),
        health text COLLATE "C" NOT NULL DEFAULT 'unknown' \(StoreEnums.connectionHealth.sqlCheck("health")),
        token_ciphertext bytea,
        token_nonce bytea CHECK (token_nonce IS NULL OR octet_length(token_nonce) = 12),
        token_tag bytea CHECK (token_tag IS NULL OR octet_length(token_tag) = 16),
        token_key_id text COLLATE "C",
        session_state_json text COLLATE "C" NOT NULL DEFAULT '{}',
        follower_count bigint NOT NULL DEFAULT 0,
        subscriber_count bigint NOT NULL DEFAULT 0,
        last_synced_at bigint,
        expires_at bigint,
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, platform, account_handle)
    );
    \(creatorOwned("platform_connections"))
    CREATE TABLE platform_health_checks (
        \(id),
        \(userID),
        connection_id bigint,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        check_kind text COLLATE "C" NOT NULL DEFAULT 'scrape' \(StoreEnums.healthCheckKinds.sqlCheck("check_kind")),
        status text COLLATE "C" NOT NULL DEFAULT 'ok' \(StoreEnums.healthCheckStatuses.sqlCheck("status")),
        latency_ms bigint,
        error text COLLATE "C",
        checked_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, connection_id) REFERENCES platform_connections (user_id, id) ON DELETE CASCADE
    );
    CREATE INDEX platform_health_checks_by_platform ON platform_health_checks (user_id, platform, checked_at);
    \(creatorOwned("platform_health_checks"))
    -- The creator's own plan history (not fans' subscriptions: those are fan_subscription_events).
    CREATE TABLE subscription_events (
        \(id),
        \(userID),
        event_type text COLLATE "C" NOT NULL \(StoreEnums.creatorTierEvents.sqlCheck("event_type")),
        from_tier text COLLATE "C",
        to_tier text COLLATE "C",
        amount_cents bigint NOT NULL DEFAULT 0,
        occurred_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX subscription_events_by_user ON subscription_events (user_id, occurred_at);
    \(creatorOwned("subscription_events"))
    CREATE TABLE user_usage_counts (
        \(id),
        \(userID),
        operation text COLLATE "C" NOT NULL,
        count bigint NOT NULL DEFAULT 0 CHECK (count >= 0),
        period_start_at bigint NOT NULL,
        period_end_at bigint NOT NULL,
        updated_at bigint NOT NULL \(now),
        CHECK (period_end_at > period_start_at),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, operation, period_start_at)
    );
    \(creatorOwned("user_usage_counts"))
    """
}
