/// Migration 3 on PostgreSQL (SQLite: `Schema+Publishing.swift`). The post's
/// campaign key is added by migration 5, which creates campaigns.
extension PostgresSchema {
    static let publishing = """
    CREATE TABLE content_series (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        description text COLLATE "C" NOT NULL DEFAULT '',
        cadence text COLLATE "C" NOT NULL DEFAULT 'weekly' \(StoreEnums.seriesCadences.sqlCheck("cadence")),
        status text COLLATE "C" NOT NULL DEFAULT 'active' \(StoreEnums.seriesStatuses.sqlCheck("status")),
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    \(creatorOwned("content_series"))
    CREATE TABLE content_ideas (
        \(id),
        \(userID),
        title text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL DEFAULT '',
        source text COLLATE "C" NOT NULL DEFAULT 'creator' \(StoreEnums.ideaSources.sqlCheck("source")),
        ai_score double precision CHECK (ai_score IS NULL OR ai_score BETWEEN 0 AND 1),
        taxonomy_tags_json text COLLATE "C" NOT NULL DEFAULT '[]',
        status text COLLATE "C" NOT NULL DEFAULT 'new' \(StoreEnums.ideaStatuses.sqlCheck("status")),
        promoted_post_id bigint,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX content_ideas_by_status ON content_ideas (user_id, status);
    \(creatorOwned("content_ideas"))
    CREATE TABLE content_posts (
        \(id),
        \(userID),
        series_id bigint,
        campaign_id bigint,
        idea_id bigint,
        caption text COLLATE "C" NOT NULL DEFAULT '',
        hashtags_json text COLLATE "C" NOT NULL DEFAULT '[]',
        cta_links_json text COLLATE "C" NOT NULL DEFAULT '[]',
        audience_json text COLLATE "C" NOT NULL DEFAULT '{}',
        platform_targets_json text COLLATE "C" NOT NULL DEFAULT '[]',
        ab_variant_of_id bigint,
        status text COLLATE "C" NOT NULL DEFAULT 'draft' \(StoreEnums.postStatuses.sqlCheck("status")),
        published_at bigint,
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, series_id) REFERENCES content_series (user_id, id) ON DELETE SET NULL (series_id),
        FOREIGN KEY (user_id, idea_id) REFERENCES content_ideas (user_id, id) ON DELETE SET NULL (idea_id),
        FOREIGN KEY (user_id, ab_variant_of_id) REFERENCES content_posts (user_id, id) ON DELETE SET NULL (ab_variant_of_id)
    );
    CREATE INDEX content_posts_by_status ON content_posts (user_id, status, published_at);
    \(creatorOwned("content_posts"))
    ALTER TABLE content_ideas ADD FOREIGN KEY (user_id, promoted_post_id)
        REFERENCES content_posts (user_id, id) ON DELETE SET NULL (promoted_post_id);

    -- The publish queue polled by post_scheduler; queue_job_id is the BullMQ job it enqueued.
    CREATE TABLE scheduled_posts (
        \(id),
        \(userID),
        post_id bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        publish_at bigint NOT NULL,
        status text COLLATE "C" NOT NULL DEFAULT 'pending' \(StoreEnums.scheduledPostStatuses.sqlCheck("status")),
        queue_job_id text COLLATE "C",
        attempts bigint NOT NULL DEFAULT 0,
        last_error text COLLATE "C",
        published_at bigint,
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, post_id) REFERENCES content_posts (user_id, id) ON DELETE CASCADE
    );
    CREATE INDEX scheduled_posts_due ON scheduled_posts (user_id, status, publish_at);
    \(creatorOwned("scheduled_posts"))
    CREATE TABLE post_performance_snapshots (
        \(id),
        \(userID),
        post_id bigint NOT NULL,
        platform text COLLATE "C" NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        views bigint NOT NULL DEFAULT 0,
        likes bigint NOT NULL DEFAULT 0,
        comments bigint NOT NULL DEFAULT 0,
        shares bigint NOT NULL DEFAULT 0,
        ppv_revenue_cents bigint NOT NULL DEFAULT 0,
        captured_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, post_id) REFERENCES content_posts (user_id, id)
    );
    CREATE INDEX post_performance_snapshots_by_post ON post_performance_snapshots (user_id, post_id, captured_at);
    \(creatorOwned("post_performance_snapshots"))
    """
}
