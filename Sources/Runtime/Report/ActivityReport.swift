import Store

/// What the rules have done in a creator's store, read back from the runtime's
/// own tables: the effects written, a few of the drafts, the approval queue,
/// and one firing worth explaining. `rulec demo` prints it; the CLI only words it.
public struct ActivityReport: Sendable, Equatable {
    /// The creator's display name (`creator_profiles`), or nil without a profile.
    public var creatorName: String?
    public var fans = 0
    /// Executed actions by type (`send` drafts, `tag`, `untag`, `note`).
    public var executed: [String: Int] = [:]
    /// Actions waiting on `after` (or quiet hours), still pending.
    public var scheduledForLater = 0
    /// The first drafts rules wrote, oldest first.
    public var drafts: [Draft] = []
    /// Items waiting for a human decision, oldest first.
    public var pendingApprovals: [ApprovalItem] = []
    /// Segment display names by segment name, for names people read.
    public var segmentDisplayNames: [String: String] = [:]
    /// The earliest firing on an event, the one `rulec why … --event` can explain.
    public var explainable: Firing?

    public struct Draft: Sendable, Equatable {
        public var fanName: String
        public var platform: String
        public var body: String
    }

    public struct Firing: Sendable, Equatable {
        public var rule: String
        public var fanID: Int64
        /// `SOURCE:ID`, as `rulec why --event` takes it.
        public var event: String
    }

    public init() {}

    /// `draftLimit` drafts are read; every pending approval is. The firing to
    /// explain is one of `preferredRules` if any fired on an event (a rule with a
    /// condition says more in `why` than one without), else any.
    public static func load(from store: CreatorStore, draftLimit: Int = 3, preferredRules: [String] = []) throws -> ActivityReport {
        var report = ActivityReport()
        report.creatorName = try store.cursor("SELECT display_name FROM creator_profiles WHERE user_id = :user LIMIT 1")
            .next()?.optionalString(0)
        report.fans = Int(try store.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 ?? 0)
        try store.forEachRow("""
            SELECT action_type, count(*) FROM automation_rule_actions
            WHERE user_id = :user AND outcome = 'executed' GROUP BY action_type
            """) { report.executed[$0.string(0)] = $0.int(1) }
        report.scheduledForLater = try ScheduledActions(store: store).pendingCount()
        try store.forEachRow("""
            SELECT f.display_name, m.platform, m.body FROM fan_messages m
            JOIN fan_profiles f ON f.id = m.fan_id AND f.user_id = :user
            WHERE m.user_id = :user AND m.direction = 'outbound' AND m.rule_id IS NOT NULL ORDER BY m.id LIMIT ?
            """, [.integer(Int64(draftLimit))]) {
            report.drafts.append(Draft(fanName: $0.optionalString(0) ?? "?", platform: $0.string(1), body: $0.string(2)))
        }
        report.pendingApprovals = try ApprovalQueue(store: store).items(status: "pending")
        try store.forEachRow("SELECT name, display_name FROM fan_segments WHERE user_id = :user") {
            if let display = $0.optionalString(1), !display.isEmpty { report.segmentDisplayNames[$0.string(0)] = display }
        }
        if let row = try store.cursor("""
            SELECT r.name, f.fan_id, u.event_source, u.event_id FROM automation_rule_firings f
            JOIN automation_rules r ON r.id = f.rule_id AND r.user_id = :user
            JOIN automation_rule_runs u ON u.id = f.run_id AND u.user_id = :user
            WHERE f.user_id = :user AND u.event_id IS NOT NULL
            ORDER BY r.name IN (\(Array(repeating: "?", count: preferredRules.count).joined(separator: ", "))) DESC, f.run_id, f.fan_id LIMIT 1
            """, preferredRules.map { .text($0) }).next() {
            report.explainable = Firing(rule: row.string(0), fanID: row.int64(1), event: "\(row.string(2)):\(row.int64(3))")
        }
        return report
    }
}
