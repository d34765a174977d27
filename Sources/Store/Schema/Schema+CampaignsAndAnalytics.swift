/// Campaigns & analytics: bounded campaigns and their attribution, period
/// earnings rollups, goals, and account-level growth snapshots — three
/// granularities kept in separate tables, as the data model asks.
extension Schema {
    static let campaignsAndAnalytics = """
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        goal TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned' \(StoreEnums.campaignStatuses.sqlCheck("status")),
        starts_at INTEGER NOT NULL DEFAULT (unixepoch()),
        ends_at INTEGER,
        revenue_target_cents INTEGER NOT NULL DEFAULT 0,
        attribution_window_days INTEGER NOT NULL DEFAULT 7 CHECK (attribution_window_days > 0),
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        CHECK (ends_at IS NULL OR ends_at >= starts_at),
        UNIQUE (user_id, name)
    ) STRICT;

    CREATE TABLE campaign_platform_performance (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        impressions INTEGER NOT NULL DEFAULT 0,
        clicks INTEGER NOT NULL DEFAULT 0,
        conversions INTEGER NOT NULL DEFAULT 0,
        attributed_revenue_cents INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, campaign_id, platform)
    ) STRICT;

    CREATE TABLE creator_earnings (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        period_kind TEXT NOT NULL DEFAULT 'month' \(StoreEnums.earningPeriods.sqlCheck("period_kind")),
        period_start_at INTEGER NOT NULL,
        period_end_at INTEGER NOT NULL,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        content_type TEXT NOT NULL \(StoreEnums.transactionKinds.sqlCheck("content_type")),
        transaction_count INTEGER NOT NULL DEFAULT 0,
        gross_cents INTEGER NOT NULL DEFAULT 0,
        fees_cents INTEGER NOT NULL DEFAULT 0,
        net_cents INTEGER NOT NULL DEFAULT 0,
        computed_at INTEGER NOT NULL DEFAULT (unixepoch()),
        CHECK (period_end_at > period_start_at),
        UNIQUE (user_id, period_kind, period_start_at, platform, content_type)
    ) STRICT;

    CREATE TABLE creator_goals (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'revenue' \(StoreEnums.goalKinds.sqlCheck("kind")),
        title TEXT NOT NULL DEFAULT '',
        target_value REAL NOT NULL DEFAULT 0,
        current_value REAL NOT NULL DEFAULT 0,
        starts_at INTEGER NOT NULL DEFAULT (unixepoch()),
        due_at INTEGER,
        status TEXT NOT NULL DEFAULT 'active' \(StoreEnums.goalStatuses.sqlCheck("status")),
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;

    CREATE TABLE platform_stats_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        follower_count INTEGER NOT NULL DEFAULT 0,
        subscriber_count INTEGER NOT NULL DEFAULT 0,
        churn_rate REAL NOT NULL DEFAULT 0 CHECK (churn_rate BETWEEN 0 AND 1),
        captured_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX platform_stats_snapshots_by_platform ON platform_stats_snapshots(user_id, platform, captured_at);
    \(appendOnly("platform_stats_snapshots"))
    """
}
