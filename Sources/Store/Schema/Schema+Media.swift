/// Media: media_assets is the one canonical asset record (scraped_media was dropped).
extension Schema {
    static let media = """
    CREATE TABLE media_assets (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'image' \(StoreEnums.mediaKinds.sqlCheck("kind")),
        source TEXT NOT NULL DEFAULT 'upload' \(StoreEnums.mediaSources.sqlCheck("source")),
        storage_key TEXT NOT NULL DEFAULT '',
        mime_type TEXT,
        byte_size INTEGER NOT NULL DEFAULT 0,
        width INTEGER,
        height INTEGER,
        duration_seconds REAL,
        sha256 TEXT,
        transcription_text TEXT,
        ai_description TEXT,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        updated_at INTEGER
    ) STRICT;
    CREATE INDEX media_assets_by_kind ON media_assets(user_id, kind, created_at);

    CREATE TABLE media_collections (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'ppv_bundle' \(StoreEnums.collectionKinds.sqlCheck("kind")),
        price_cents INTEGER NOT NULL DEFAULT 0,
        access_tier TEXT NOT NULL DEFAULT 'standard',
        status TEXT NOT NULL DEFAULT 'draft' \(StoreEnums.collectionStatuses.sqlCheck("status")),
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ) STRICT;
    CREATE INDEX media_collections_by_user ON media_collections(user_id, status);

    -- Where an asset was used; the target is polymorphic, so it carries no foreign key.
    CREATE TABLE media_asset_usages (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        asset_id INTEGER NOT NULL REFERENCES media_assets(id) ON DELETE CASCADE,
        target_type TEXT NOT NULL \(StoreEnums.usageTargets.sqlCheck("target_type")),
        target_id INTEGER NOT NULL,
        used_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, asset_id, target_type, target_id)
    ) STRICT;
    CREATE INDEX media_asset_usages_by_target ON media_asset_usages(user_id, target_type, target_id);

    CREATE TABLE media_presets (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        watermark_style TEXT,
        output_resolution TEXT,
        clip_duration_seconds INTEGER,
        strip_metadata_json TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        UNIQUE (user_id, name)
    ) STRICT;

    -- Written at enqueue time, updated in place by the media worker; job_monitor
    -- watches (status, enqueued_at) for stalled jobs.
    CREATE TABLE media_jobs (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        asset_id INTEGER REFERENCES media_assets(id) ON DELETE SET NULL,
        preset_id INTEGER REFERENCES media_presets(id) ON DELETE SET NULL,
        job_type TEXT NOT NULL DEFAULT 'transcode' \(StoreEnums.mediaJobTypes.sqlCheck("job_type")),
        queue_job_id TEXT,
        status TEXT NOT NULL DEFAULT 'queued' \(StoreEnums.mediaJobStatuses.sqlCheck("status")),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        enqueued_at INTEGER NOT NULL DEFAULT (unixepoch()),
        started_at INTEGER,
        finished_at INTEGER
    ) STRICT;
    CREATE INDEX media_jobs_by_status ON media_jobs(user_id, status, enqueued_at);
    """
}
