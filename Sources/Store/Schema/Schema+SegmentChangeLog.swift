/// Migration 16: what an incremental `segments refresh` reads (docs/PLANS.md,
/// "Incremental refresh").
///
/// - `fan_segment_refresh_marks`: per segment, the clock of its last refresh
///   (`refreshed_at`, the refresh's `now`), the last `fan_changes.id` it saw,
///   and a fingerprint of what was evaluated (plan, constants, zone), so a
///   changed definition is refreshed in full.
/// - `fan_changes`: one row per insert, update or delete of a row a condition
///   can read (the tables below, by `fan_id`, and `fan_profiles` by `id`),
///   written by triggers, so changes made by any writer (rulec, an import, a
///   platform sync) are seen, current-state rows updated in place (scores,
///   profile fields, subscription status, tags) included. The triggers write
///   only for a creator who has a refresh mark: a store nobody refreshes
///   pays one index probe per write and keeps no log. `AUTOINCREMENT`, so an
///   id is never reused after the refresher prunes the rows every mark has
///   passed.
/// - Indexes for the window edges a refresh re-reads as the clock moves:
///   `fan.created_at within D` (`new_fans`) and the `renews_at` comparisons of
///   `renewing_soon` and `at_risk` are range searches of these instead of a
///   scan of every fan or subscription.
extension Schema {
    /// The tables a condition reads through `fan_id` (Catalog: collections,
    /// scores, tags, platforms, subscription state).
    public static let changeLoggedFanTables = [
        "fan_transactions", "fan_messages", "fan_subscriptions", "fan_subscription_events", "fan_custom_requests",
        "fan_memories", "fan_platform_accounts", "fan_scores", "fan_tag_values",
    ]

    static var segmentChangeLog: String {
        """
        CREATE TABLE fan_segment_refresh_marks (
            segment_id INTEGER PRIMARY KEY REFERENCES fan_segments(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL,
            refreshed_at INTEGER NOT NULL,
            change_id INTEGER NOT NULL,
            fingerprint TEXT NOT NULL
        ) STRICT;
        CREATE INDEX fan_segment_refresh_marks_by_user ON fan_segment_refresh_marks(user_id, change_id);

        CREATE TABLE fan_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL,
            fan_id INTEGER NOT NULL
        ) STRICT;

        CREATE INDEX fan_profiles_by_creation ON fan_profiles(user_id, created_at);
        CREATE INDEX fan_subscriptions_by_renews_at ON fan_subscriptions(user_id, renews_at);

        """ + changeLoggedFanTables.map { changeTriggers($0, fan: "fan_id") }.joined()
            + changeTriggers("fan_profiles", fan: "id")
    }

    /// AFTER INSERT, UPDATE and DELETE triggers appending the row's fan (both
    /// fans when an update moves a row) to fan_changes. With `source` (from
    /// migration 21) each row also names the table changed.
    static func changeTriggers(_ table: String, fan column: String, source: Bool = false) -> String {
        func marked(_ row: String) -> String {
            "EXISTS (SELECT 1 FROM fan_segment_refresh_marks WHERE user_id = \(row).user_id)"
        }
        let columns = source ? "user_id, fan_id, source_table" : "user_id, fan_id"
        func values(_ row: String) -> String {
            source ? "\(row).user_id, \(row).\(column), '\(table)'" : "\(row).user_id, \(row).\(column)"
        }
        return """
        CREATE TRIGGER \(table)_log_insert AFTER INSERT ON \(table) WHEN \(marked("NEW"))
        BEGIN
            INSERT INTO fan_changes (\(columns)) VALUES (\(values("NEW")));
        END;
        CREATE TRIGGER \(table)_log_update AFTER UPDATE ON \(table) WHEN \(marked("OLD")) OR \(marked("NEW"))
        BEGIN
            INSERT INTO fan_changes (\(columns)) VALUES (\(values("OLD")));
            INSERT INTO fan_changes (\(columns)) SELECT \(values("NEW"))
            WHERE NEW.\(column) IS NOT OLD.\(column) OR NEW.user_id IS NOT OLD.user_id;
        END;
        CREATE TRIGGER \(table)_log_delete AFTER DELETE ON \(table) WHEN \(marked("OLD"))
        BEGIN
            INSERT INTO fan_changes (\(columns)) VALUES (\(values("OLD")));
        END;

        """
    }
}
