/// Publishing: idea → draft → schedule → publish → performance snapshots.
/// A series is an open-ended editorial track, kept apart from bounded campaigns.
extension Schema {
    static let publishing = """
    CREATE TABLE content_series (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        cadence TEXT NOT NULL DEFAULT 'weekly' \(StoreEnums.seriesCadences.sqlCheck("cadence")),
        status TEXT NOT NULL DEFAULT 'active' \(StoreEnums.seriesStatuses.sqlCheck("status")),
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER,
        UNIQUE (user_id, name)
    ) STRICT;

    CREATE TABLE content_ideas (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'creator' \(StoreEnums.ideaSources.sqlCheck("source")),
        ai_score REAL CHECK (ai_score IS NULL OR ai_score BETWEEN 0 AND 1),
        taxonomy_tags_json TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'new' \(StoreEnums.ideaStatuses.sqlCheck("status")),
        promoted_post_id INTEGER REFERENCES content_posts(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX content_ideas_by_status ON content_ideas(user_id, status);

    CREATE TABLE content_posts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        series_id INTEGER REFERENCES content_series(id) ON DELETE SET NULL,
        campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
        idea_id INTEGER REFERENCES content_ideas(id) ON DELETE SET NULL,
        caption TEXT NOT NULL DEFAULT '',
        hashtags_json TEXT NOT NULL DEFAULT '[]',
        cta_links_json TEXT NOT NULL DEFAULT '[]',
        audience_json TEXT NOT NULL DEFAULT '{}',
        platform_targets_json TEXT NOT NULL DEFAULT '[]',
        ab_variant_of_id INTEGER REFERENCES content_posts(id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'draft' \(StoreEnums.postStatuses.sqlCheck("status")),
        published_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX content_posts_by_status ON content_posts(user_id, status, published_at);

    -- The publish queue polled by post_scheduler; queue_job_id is the BullMQ job it enqueued.
    CREATE TABLE scheduled_posts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        post_id INTEGER NOT NULL REFERENCES content_posts(id) ON DELETE CASCADE,
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        publish_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' \(StoreEnums.scheduledPostStatuses.sqlCheck("status")),
        queue_job_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        published_at INTEGER,
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX scheduled_posts_due ON scheduled_posts(user_id, status, publish_at);

    CREATE TABLE post_performance_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        post_id INTEGER NOT NULL REFERENCES content_posts(id),
        platform TEXT NOT NULL \(StoreEnums.platforms.sqlCheck("platform")),
        views INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        comments INTEGER NOT NULL DEFAULT 0,
        shares INTEGER NOT NULL DEFAULT 0,
        ppv_revenue_cents INTEGER NOT NULL DEFAULT 0,
        captured_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX post_performance_snapshots_by_post ON post_performance_snapshots(user_id, post_id, captured_at);
    \(appendOnly("post_performance_snapshots"))
    """
}
