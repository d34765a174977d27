/// One numbered schema change. Applied in order, each in the transaction that
/// opens the store, and recorded in `schema_migrations`; a migration's SQL
/// never changes once released (a later change is a new migration).
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// Made when read: every command asks for the latest version on opening a
    /// store, and only a migration that runs needs its text (migration 13's is
    /// computed, by regular expressions over the earlier ones: 5 ms of CPU, a
    /// seventh of a small `segment eval`, when it was made on every start).
    private let text: @Sendable () -> String
    public var sql: String { text() }

    public init(version: Int, name: String, sql: @escaping @autoclosure @Sendable () -> String) {
        self.version = version
        self.name = name
        self.text = sql
    }
}

extension Migration {
    /// Every migration this build knows, in order. The initial schema is split
    /// by domain of the data model, so each migration reads as one area.
    /// Foreign keys may point at a table a later migration creates (SQLite
    /// resolves them when rows are written), and all of them run before the
    /// store is used.
    public static let all: [Migration] = earlier + [
        Migration(version: 13, name: "check_lists", sql: Schema.rewrittenCheckLists),
        Migration(version: 14, name: "firings_by_person", sql: Schema.firingsByPerson),
        Migration(version: 15, name: "window_indexes", sql: Schema.windowIndexes),
        Migration(version: 16, name: "segment_change_log", sql: Schema.segmentChangeLog),
        // 17 is unused; 18 and 19 are PostgreSQL's own (its language functions and
        // creator directory, `PostgresSchema.migrations`). Both engines share one
        // numbering, so the next migration after 20 is 21.
        Migration(version: 20, name: "covering_indexes", sql: Schema.coveringIndexes),
        Migration(version: 21, name: "change_sources", sql: Schema.changeSources),
        Migration(version: 22, name: "edge_indexes", sql: Schema.edgeIndexes),
    ]

    /// The migrations migration 13 rewrites.
    static let earlier = [
        Migration(version: 1, name: "user_and_platform", sql: Schema.userAndPlatform),
        Migration(version: 2, name: "fan_crm", sql: Schema.fanCRM),
        Migration(version: 3, name: "publishing", sql: Schema.publishing),
        Migration(version: 4, name: "media", sql: Schema.media),
        Migration(version: 5, name: "campaigns_and_analytics", sql: Schema.campaignsAndAnalytics),
        Migration(version: 6, name: "automation_and_messaging", sql: Schema.automationAndMessaging),
        Migration(version: 7, name: "known_gaps", sql: Schema.knownGaps),
        Migration(version: 8, name: "engine_state", sql: Schema.engineState),
        Migration(version: 9, name: "runtime", sql: Schema.runtime),
        Migration(version: 10, name: "events_ahead", sql: Schema.eventsAhead),
        Migration(version: 11, name: "creator_scope", sql: Schema.creatorScope),
        Migration(version: 12, name: "audit_indexes", sql: Schema.auditIndexes),
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// The migrations of a dialect: SQLite's above, PostgreSQL's in `PostgresSchema`.
    public static func all(for dialect: SQLDialect) -> [Migration] {
        dialect == .sqlite ? all : PostgresSchema.migrations
    }
}

/// The DDL of each migration, one extension per domain (Schema+*.swift).
enum Schema {
    /// Migration 13's text, made once, the first time a store needs it.
    static let rewrittenCheckLists = checkLists(rewriting: Migration.earlier.map(\.sql))

    /// Triggers that make a table append-only in the database itself (STORE.md).
    static func appendOnly(_ table: String) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be updated'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be deleted'); END;
        """
    }

    /// `CHECK (column IN (0, 1))` for a boolean stored as an integer.
    static func bool(_ column: String, default value: Int) -> String {
        "\(column) INTEGER NOT NULL DEFAULT \(value) CHECK (\(column) IN (0, 1))"
    }

    /// The tables STORE.md declares append-only, plus our segment membership log.
    public static let appendOnlyTables = [
        "subscription_events", "fan_subscription_events", "automation_rule_runs", "automation_rule_actions",
        "post_performance_snapshots", "platform_stats_snapshots", "fan_segment_member_events",
    ]
}
