/// Migration 5 on PostgreSQL (SQLite: `Schema+CampaignsAndAnalytics.swift`),
/// and the key from content_posts to its campaign.
extension PostgresSchema {
    static let campaignsAndAnalytics = """
    CREATE TABLE campaigns (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        goal text COLLATE "C" NOT NULL DEFAULT '',
        status text COLLATE "C" NOT NULL DEFAULT 'planned' \(StoreEnums.campaignStatuses.sqlCheck("status")),
        starts_at bigint NOT NULL \(now),
        ends_at bigint,
        revenue_target_cents bigint NOT NULL DEFAULT 0,
        attribution_window_days bigint NOT NULL DEFAULT 7 CHECK (attribution_window_days > 0),
        created_at bigint NOT NULL \(now),
        CHECK (ends_at IS NULL OR ends_at >= starts_at),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    \(creatorOwned("campaigns"))
    ALTER TABLE content_posts ADD FOREIGN KEY (user_id, campaign_id)
        REFERENCES campaigns (user_id, id) ON DELETE SET NULL (campaign_id);

    CREATE TABLE campaign_platform_performance (
        \(id),
        \(userID),
        campaign_id bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        impressions bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        conversions bigint NOT NULL DEFAULT 0,
        attributed_revenue_cents bigint NOT NULL DEFAULT 0,
        updated_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, campaign_id, platform),
        FOREIGN KEY (user_id, campaign_id) REFERENCES campaigns (user_id, id) ON DELETE CASCADE
    );
    \(creatorOwned("campaign_platform_performance"))
    CREATE TABLE creator_earnings (
        \(id),
        \(userID),
        period_kind text COLLATE "C" NOT NULL DEFAULT 'month' \(StoreEnums.earningPeriods.sqlCheck("period_kind")),
        period_start_at bigint NOT NULL,
        period_end_at bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        content_type text COLLATE "C" NOT NULL \(StoreEnums.transactionKinds.sqlCheck("content_type")),
        transaction_count bigint NOT NULL DEFAULT 0,
        gross_cents bigint NOT NULL DEFAULT 0,
        fees_cents bigint NOT NULL DEFAULT 0,
        net_cents bigint NOT NULL DEFAULT 0,
        computed_at bigint NOT NULL \(now),
        CHECK (period_end_at > period_start_at),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, period_kind, period_start_at, platform, content_type)
    );
    \(creatorOwned("creator_earnings"))
    CREATE TABLE creator_goals (
        \(id),
        \(userID),
        kind text COLLATE "C" NOT NULL DEFAULT 'revenue' \(StoreEnums.goalKinds.sqlCheck("kind")),
        title text COLLATE "C" NOT NULL DEFAULT '',
        target_value double precision NOT NULL DEFAULT 0,
        current_value double precision NOT NULL DEFAULT 0,
        starts_at bigint NOT NULL \(now),
        due_at bigint,
        status text COLLATE "C" NOT NULL DEFAULT 'active' \(StoreEnums.goalStatuses.sqlCheck("status")),
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id)
    );
    \(creatorOwned("creator_goals"))
    CREATE TABLE platform_stats_snapshots (
        \(id),
        \(userID),
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        follower_count bigint NOT NULL DEFAULT 0,
        subscriber_count bigint NOT NULL DEFAULT 0,
        churn_rate double precision NOT NULL DEFAULT 0 CHECK (churn_rate BETWEEN 0 AND 1),
        captured_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX platform_stats_snapshots_by_platform ON platform_stats_snapshots (user_id, platform, captured_at);
    \(creatorOwned("platform_stats_snapshots"))
    """
}
