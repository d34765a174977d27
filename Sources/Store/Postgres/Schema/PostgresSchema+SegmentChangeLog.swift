/// Migration 16 on PostgreSQL, mirroring `Schema+SegmentChangeLog.swift`: the
/// change log an incremental `segments refresh` reads, the per-segment refresh
/// marks, and the window-edge indexes (docs/PLANS.md, "Incremental refresh").
///
/// What differs from SQLite, and why:
/// - A mark is keyed `(user_id, segment_id)`, like every key here, and has no
///   `id` of its own (nothing refers to it), so it gets the row-level security
///   of a creator-owned table without the id follower.
/// - One trigger function per key column (`fan_id`, or `id` on fan_profiles)
///   does what SQLite's three triggers per table do; a trigger's WHEN cannot
///   hold a sub-query there, so the test for a mark is in the function.
/// - Identity values are handed out in insert order, not commit order, so a
///   refresh reading `max(id)` could pass a row a slower transaction has not
///   committed yet. The refresher therefore takes `LOCK TABLE fan_changes IN
///   SHARE ROW EXCLUSIVE MODE` first: it waits for every transaction that has
///   written the log, and holds off new ones until it commits.
extension PostgresSchema {
    static var segmentChangeLog: String {
        """
        CREATE TABLE fan_segment_refresh_marks (
            segment_id bigint NOT NULL,
            \(userID),
            refreshed_at bigint NOT NULL,
            change_id bigint NOT NULL,
            fingerprint text COLLATE "C" NOT NULL,
            PRIMARY KEY (user_id, segment_id),
            FOREIGN KEY (user_id, segment_id) REFERENCES fan_segments (user_id, id) ON DELETE CASCADE
        );
        CREATE INDEX fan_segment_refresh_marks_by_user ON fan_segment_refresh_marks (user_id, change_id);
        ALTER TABLE fan_segment_refresh_marks ENABLE ROW LEVEL SECURITY;
        ALTER TABLE fan_segment_refresh_marks FORCE ROW LEVEL SECURITY;
        CREATE POLICY creator_isolation ON fan_segment_refresh_marks USING (user_id = current_setting('rulec.user_id', true));

        CREATE TABLE fan_changes (
            \(id),
            \(userID),
            fan_id bigint NOT NULL,
            PRIMARY KEY (user_id, id)
        );
        \(creatorOwned("fan_changes"))
        CREATE INDEX fan_profiles_by_creation ON fan_profiles (user_id, created_at);
        CREATE INDEX fan_subscriptions_by_renews_at ON fan_subscriptions (user_id, renews_at);

        """ + changeFunction("rulec_log_fan_change", fan: "fan_id") + changeFunction("rulec_log_profile_change", fan: "id")
            + Schema.changeLoggedFanTables.map { changeTrigger($0, function: "rulec_log_fan_change") }.joined()
            + changeTrigger("fan_profiles", function: "rulec_log_profile_change")
    }

    /// Appends the row's fan (both fans when an update moves the row) to
    /// fan_changes, for a creator who has a refresh mark. With `source` (from
    /// migration 21) the function replaces migration 16's and also writes the
    /// table changed.
    static func changeFunction(_ name: String, fan column: String, source: Bool = false) -> String {
        let columns = source ? "user_id, fan_id, source_table" : "user_id, fan_id"
        func values(_ row: String) -> String {
            source ? "\(row).user_id, \(row).\(column), TG_TABLE_NAME" : "\(row).user_id, \(row).\(column)"
        }
        return """
        CREATE \(source ? "OR REPLACE " : "")FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $rulec$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE')
               AND EXISTS (SELECT 1 FROM fan_segment_refresh_marks WHERE user_id = OLD.user_id) THEN
                INSERT INTO fan_changes (\(columns)) VALUES (\(values("OLD")));
            END IF;
            IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.\(column) IS DISTINCT FROM OLD.\(column)
                                                           OR NEW.user_id IS DISTINCT FROM OLD.user_id)))
               AND EXISTS (SELECT 1 FROM fan_segment_refresh_marks WHERE user_id = NEW.user_id) THEN
                INSERT INTO fan_changes (\(columns)) VALUES (\(values("NEW")));
            END IF;
            RETURN NULL;
        END
        $rulec$;

        """
    }

    static func changeTrigger(_ table: String, function: String) -> String {
        "CREATE TRIGGER \(table)_log_change AFTER INSERT OR UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(function)();\n"
    }
}
