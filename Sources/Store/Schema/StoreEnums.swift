import Vocabulary

/// The value lists of the store's enum columns. The schema's CHECK constraints
/// are generated from these lists. Those the language also knows (the fan
/// CRM's) come from `EnumValues`, which the language checker reads too
/// (LANGUAGE.md §5): one list for both.
///
/// Changing a list here changes only new databases: CHECK constraints live in
/// each table's DDL, so an existing file needs a new migration that rebuilds
/// the table. Add such a migration in the same change.
public enum StoreEnums {
    // Fan CRM (pinned by STORE.md)
    public static let platforms = EnumValues.platforms
    public static let lifecycleStages = EnumValues.lifecycleStages
    public static let subscriptionStatuses = EnumValues.subscriptionStatuses
    public static let subscriptionEventTypes = EnumValues.subscriptionEventTypes
    public static let transactionKinds = EnumValues.transactionKinds
    public static let messageDirections = EnumValues.messageDirections
    public static let messageStatuses = ["draft", "queued", "scheduled", "sent", "delivered", "read", "failed", "received"]
    public static let scoreDimensions = EnumValues.scoreDimensions
    public static let memoryKinds = EnumValues.memoryKinds
    public static let customRequestStages = EnumValues.customRequestStages
    public static let customRequestStatuses = EnumValues.customRequestStatuses
    public static let onboardingStates = ["started", "profile", "platforms", "persona", "done"]

    // Automation (pinned by STORE.md)
    public static let ruleStatuses = ["active", "paused"]
    public static let actionOutcomes = ["executed", "skipped", "failed", "rejected", "expired"]
    public static let hitlStatuses = ["pending", "approved", "rejected", "expired"]
    public static let actionTypes = ["send", "tag", "untag", "note"]

    // Engine state (ours)
    /// One row per rule evaluation: the condition matched some fans, none, the
    /// event was too old to fire, evaluation failed, or a cascade was cut at depth 8.
    public static let ruleRunOutcomes = ["matched", "no_match", "stale", "failed", "cascade_limit"]
    public static let segmentChanges = ["entered", "exited"]
    public static let scheduledActionStatuses = ["pending", "done", "cancelled"]
    /// The tables the engine consumes as event sources (LANGUAGE.md §4), the keys of automation_cursors.
    public static let eventSources = ["fan_subscription_events", "fan_transactions", "fan_messages",
                                      "fan_custom_requests", "fan_profiles", "fan_tag_values",
                                      "fan_segment_member_events"]

    // Other collections (not read by the engine; chosen from the data model's purpose)
    public static let connectionStatuses = ["connected", "expired", "revoked", "error", "pending"]
    public static let connectionHealth = ["healthy", "degraded", "failing", "unknown"]
    public static let healthCheckKinds = ["auth", "session", "scrape"]
    public static let healthCheckStatuses = ["ok", "warning", "failed"]
    public static let creatorTierEvents = ["started", "upgrade", "downgrade", "trial_started", "renewed", "cancelled"]
    public static let postStatuses = ["draft", "scheduled", "published", "archived", "failed"]
    public static let seriesCadences = ["daily", "weekly", "biweekly", "monthly", "irregular"]
    public static let seriesStatuses = ["active", "paused", "archived"]
    public static let ideaSources = ["ai", "creator"]
    public static let ideaStatuses = ["new", "promoted", "dismissed"]
    public static let scheduledPostStatuses = ["pending", "enqueued", "published", "failed", "cancelled"]
    public static let mediaKinds = ["image", "video", "audio", "document"]
    public static let mediaSources = ["upload", "download", "generated"]
    public static let collectionKinds = ["ppv_bundle", "themed_drop", "exclusive_pack"]
    public static let collectionStatuses = ["draft", "live", "archived"]
    public static let usageTargets = ["post", "campaign", "collection", "message"]
    public static let mediaJobTypes = ["transcode", "watermark", "thumbnail", "transcribe", "describe", "clip"]
    public static let mediaJobStatuses = ["queued", "active", "completed", "failed", "stalled"]
    public static let campaignStatuses = ["planned", "active", "completed", "cancelled"]
    public static let earningPeriods = ["week", "month", "billing_cycle"]
    public static let goalKinds = ["revenue", "subscribers", "engagement"]
    public static let goalStatuses = ["active", "achieved", "missed", "abandoned"]
    public static let broadcastStatuses = ["draft", "scheduled", "sending", "sent", "cancelled"]
    public static let deliveryStatuses = ["queued", "sent", "delivered", "read", "failed"]
    public static let importStatuses = ["running", "completed", "failed"]
    public static let tagSources = ["creator", "rule", "import"]

    /// Every list with the column(s) it constrains, in the order docs/STORE-ENUMS.md shows them.
    public static let catalog: [(name: String, columns: String, values: [String])] = [
        ("platforms", "every `platform` column", platforms),
        ("lifecycleStages", "fan_profiles.lifecycle_stage", lifecycleStages),
        ("subscriptionStatuses", "fan_subscriptions.status", subscriptionStatuses),
        ("subscriptionEventTypes", "fan_subscription_events.event_type", subscriptionEventTypes),
        ("transactionKinds", "fan_transactions.kind, creator_earnings.content_type", transactionKinds),
        ("messageDirections", "fan_messages.direction", messageDirections),
        ("messageStatuses", "fan_messages.status", messageStatuses),
        ("scoreDimensions", "fan_scores.dimension", scoreDimensions),
        ("memoryKinds", "fan_memories.kind", memoryKinds),
        ("customRequestStages", "fan_custom_requests.stage", customRequestStages),
        ("customRequestStatuses", "fan_custom_requests.status", customRequestStatuses),
        ("onboardingStates", "creator_profiles.onboarding_state", onboardingStates),
        ("ruleStatuses", "automation_rules.status", ruleStatuses),
        ("actionOutcomes", "automation_rule_actions.outcome", actionOutcomes),
        ("hitlStatuses", "hitl_action_queue.status", hitlStatuses),
        ("actionTypes", "action_type of hitl_action_queue, automation_rule_actions, automation_scheduled_actions", actionTypes),
        ("ruleRunOutcomes", "automation_rule_runs.outcome", ruleRunOutcomes),
        ("segmentChanges", "fan_segment_member_events.change", segmentChanges),
        ("scheduledActionStatuses", "automation_scheduled_actions.status", scheduledActionStatuses),
        ("eventSources", "automation_cursors.source, automation_rule_runs.event_source", eventSources),
    ]

    /// The Markdown of docs/STORE-ENUMS.md (a test keeps the file equal to this).
    public static func markdown() -> String {
        var lines = ["# Enum values of the store", "",
                     "Generated from `Sources/Store/Schema/StoreEnums.swift`: the schema's CHECK constraints use the",
                     "same lists. Those the language knows too come from `Sources/Vocabulary/EnumValues.swift`, which",
                     "the checker reads as well. `RULEC_REGENERATE_GOLDEN=1 swift test --filter StoreEnumsDocTests`",
                     "rewrites this page.", "",
                     "| list | column | values |", "|---|---|---|"]
        for entry in catalog {
            lines.append("| `\(entry.name)` | \(entry.columns) | " + entry.values.map { "`\($0)`" }.joined(separator: " ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Array where Element == String {
    /// `column IN ('a', 'b')` for a CHECK constraint. The values are our own
    /// constants (identifiers without quotes), never user input.
    func sqlCheck(_ column: String, nullable: Bool = false) -> String {
        let list = "\(column) IN (" + map { "'\($0)'" }.joined(separator: ", ") + ")"
        return nullable ? "CHECK (\(column) IS NULL OR \(list))" : "CHECK (\(list))"
    }
}
