/// User & platform: the creator's own profile, platform connections and the
/// creator's tier ledger.
extension Schema {
    static let userAndPlatform = """
    CREATE TABLE creator_profiles (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL DEFAULT '',
        timezone TEXT NOT NULL DEFAULT 'UTC',
        currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
        onboarding_state TEXT NOT NULL DEFAULT 'started' \(StoreEnums.onboardingStates.sqlCheck("onboarding_state")),
        persona_json TEXT NOT NULL DEFAULT '{}',
        plan_tier TEXT NOT NULL DEFAULT 'free',
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;

    -- Tokens are stored only as AES-256-GCM ciphertext with its 96-bit nonce and
    -- 128-bit tag; the key lives outside the database, so a copied file leaks no session.
    CREATE TABLE platform_connections (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        account_handle TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending' \(StoreEnums.connectionStatuses.sqlCheck("status")),
        health TEXT NOT NULL DEFAULT 'unknown' \(StoreEnums.connectionHealth.sqlCheck("health")),
        token_ciphertext BLOB,
        token_nonce BLOB CHECK (token_nonce IS NULL OR length(token_nonce) = 12),
        token_tag BLOB CHECK (token_tag IS NULL OR length(token_tag) = 16),
        token_key_id TEXT,
        session_state_json TEXT NOT NULL DEFAULT '{}',
        follower_count INTEGER NOT NULL DEFAULT 0,
        subscriber_count INTEGER NOT NULL DEFAULT 0,
        last_synced_at INTEGER,
        expires_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER,
        UNIQUE (user_id, platform, account_handle)
    ) STRICT;

    CREATE TABLE platform_health_checks (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        connection_id INTEGER REFERENCES platform_connections(id) ON DELETE CASCADE,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        check_kind TEXT NOT NULL DEFAULT 'scrape' \(StoreEnums.healthCheckKinds.sqlCheck("check_kind")),
        status TEXT NOT NULL DEFAULT 'ok' \(StoreEnums.healthCheckStatuses.sqlCheck("status")),
        latency_ms INTEGER,
        error TEXT,
        checked_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX platform_health_checks_by_platform ON platform_health_checks(user_id, platform, checked_at);

    -- The creator's own plan history (not fans' subscriptions: those are fan_subscription_events).
    CREATE TABLE subscription_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        event_type TEXT NOT NULL \(StoreEnums.creatorTierEvents.sqlCheck("event_type")),
        from_tier TEXT,
        to_tier TEXT,
        amount_cents INTEGER NOT NULL DEFAULT 0,
        occurred_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX subscription_events_by_user ON subscription_events(user_id, occurred_at);
    \(appendOnly("subscription_events"))

    CREATE TABLE user_usage_counts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        period_start_at INTEGER NOT NULL,
        period_end_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        CHECK (period_end_at > period_start_at),
        UNIQUE (user_id, operation, period_start_at)
    ) STRICT;
    """
}
