/// Migration 4 on PostgreSQL (SQLite: `Schema+Media.swift`), and the key from
/// fan_transactions to the collection a PPV bundle sale bought.
extension PostgresSchema {
    static let media = """
    CREATE TABLE media_assets (
        \(id),
        \(userID),
        kind text COLLATE "C" NOT NULL DEFAULT 'image' \(StoreEnums.mediaKinds.sqlCheck("kind")),
        source text COLLATE "C" NOT NULL DEFAULT 'upload' \(StoreEnums.mediaSources.sqlCheck("source")),
        storage_key text COLLATE "C" NOT NULL DEFAULT '',
        mime_type text COLLATE "C",
        byte_size bigint NOT NULL DEFAULT 0,
        width bigint,
        height bigint,
        duration_seconds double precision,
        sha256 text COLLATE "C",
        transcription_text text COLLATE "C",
        ai_description text COLLATE "C",
        created_at bigint NOT NULL \(now),
        updated_at bigint,
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX media_assets_by_kind ON media_assets (user_id, kind, created_at);
    \(creatorOwned("media_assets"))
    CREATE TABLE media_collections (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        description text COLLATE "C" NOT NULL DEFAULT '',
        kind text COLLATE "C" NOT NULL DEFAULT 'ppv_bundle' \(StoreEnums.collectionKinds.sqlCheck("kind")),
        price_cents bigint NOT NULL DEFAULT 0,
        access_tier text COLLATE "C" NOT NULL DEFAULT 'standard',
        status text COLLATE "C" NOT NULL DEFAULT 'draft' \(StoreEnums.collectionStatuses.sqlCheck("status")),
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id)
    );
    CREATE INDEX media_collections_by_user ON media_collections (user_id, status);
    \(creatorOwned("media_collections"))
    ALTER TABLE fan_transactions ADD FOREIGN KEY (user_id, media_collection_id) REFERENCES media_collections (user_id, id);

    -- Where an asset was used; the target is polymorphic, so it carries no foreign key.
    CREATE TABLE media_asset_usages (
        \(id),
        \(userID),
        asset_id bigint NOT NULL,
        target_type text COLLATE "C" NOT NULL \(StoreEnums.usageTargets.sqlCheck("target_type")),
        target_id bigint NOT NULL,
        used_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, asset_id, target_type, target_id),
        FOREIGN KEY (user_id, asset_id) REFERENCES media_assets (user_id, id) ON DELETE CASCADE
    );
    CREATE INDEX media_asset_usages_by_target ON media_asset_usages (user_id, target_type, target_id);
    \(creatorOwned("media_asset_usages"))
    CREATE TABLE media_presets (
        \(id),
        \(userID),
        name text COLLATE "C" NOT NULL,
        watermark_style text COLLATE "C",
        output_resolution text COLLATE "C",
        clip_duration_seconds bigint,
        strip_metadata_json text COLLATE "C" NOT NULL DEFAULT '[]',
        created_at bigint NOT NULL \(now),
        PRIMARY KEY (user_id, id),
        UNIQUE (user_id, name)
    );
    \(creatorOwned("media_presets"))
    -- Written at enqueue time, updated in place by the media worker; job_monitor
    -- watches (status, enqueued_at) for stalled jobs.
    CREATE TABLE media_jobs (
        \(id),
        \(userID),
        asset_id bigint,
        preset_id bigint,
        job_type text COLLATE "C" NOT NULL DEFAULT 'transcode' \(StoreEnums.mediaJobTypes.sqlCheck("job_type")),
        queue_job_id text COLLATE "C",
        status text COLLATE "C" NOT NULL DEFAULT 'queued' \(StoreEnums.mediaJobStatuses.sqlCheck("status")),
        attempts bigint NOT NULL DEFAULT 0,
        last_error text COLLATE "C",
        enqueued_at bigint NOT NULL \(now),
        started_at bigint,
        finished_at bigint,
        PRIMARY KEY (user_id, id),
        FOREIGN KEY (user_id, asset_id) REFERENCES media_assets (user_id, id) ON DELETE SET NULL (asset_id),
        FOREIGN KEY (user_id, preset_id) REFERENCES media_presets (user_id, id) ON DELETE SET NULL (preset_id)
    );
    CREATE INDEX media_jobs_by_status ON media_jobs (user_id, status, enqueued_at);
    \(creatorOwned("media_jobs"))
    """
}
