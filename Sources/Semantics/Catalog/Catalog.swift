/// What a rule can see, defined once as data (LANGUAGE.md §4–§6, STORE.md).
/// The checker resolves names against it; planning uses it for SQL, the REPL
/// for `:schema`, and the docs list it.
public enum Catalog {
    public static let fanTable = "fan_profiles"

    public static let fanFields: [FanField] = [
        FanField("id", .int, .column("id"), "the fan's id"),
        FanField("display_name", .string, .column("display_name"), "the fan's name"),
        FanField("timezone", .string, .column("timezone"), "IANA time zone name"),
        FanField("lifecycle_stage", .enumeration(.lifecycleStage), .column("lifecycle_stage"), "where the fan is in their lifecycle"),
        FanField("created_at", .timestamp, .column("created_at"), "when the fan was first seen"),
        FanField("last_active_at", .timestamp, .column("last_active_at"), "the fan's last activity"),
        FanField("lifetime_spend", .money, .column("lifetime_spend_cents"), "sum of the fan's transactions"),
        FanField("engagement_score", .number, .column("engagement_score"), "composite engagement"),
        FanField("tags", .list(.string), .tags, "the fan's tags (fan_tag_values.tag)"),
        FanField("platforms", .list(.enumeration(.platform)), .platforms, "distinct platforms of the fan's accounts"),
        FanField("is_subscribed", .bool, .hasActiveSubscription, "any subscription with status active (not trial)"),
    ]

    /// The table `fan.score.*` reads, one row per fan and dimension.
    public static let scoreTable = "fan_scores"
    public static let scoreDimensions: [ScoreDimension] = [
        ScoreDimension("churn_risk", .number),
        ScoreDimension("upsell_readiness", .number),
        ScoreDimension("loyalty", .number),
        ScoreDimension("predicted_ltv", .money),
    ]

    public static let collectionList: [CollectionSpec] = [
        CollectionSpec("transactions", table: "fan_transactions",
                       timeField: FieldSpec("occurred_at", .timestamp),
                       fields: [FieldSpec("kind", .enumeration(.transactionKind)), FieldSpec("amount", .money),
                                FieldSpec("platform", .enumeration(.platform))],
                       "purchases: tips, PPV, paid DMs, custom requests, subscriptions"),
        CollectionSpec("messages", table: "fan_messages",
                       timeField: FieldSpec("sent_at", .timestamp),
                       fields: [FieldSpec("direction", .enumeration(.messageDirection)), FieldSpec("text", .string),
                                FieldSpec("sentiment", .number, "-1..1"), FieldSpec("platform", .enumeration(.platform))],
                       "inbound and outbound messages"),
        CollectionSpec("subscriptions", table: "fan_subscriptions",
                       timeField: FieldSpec("started_at", .timestamp),
                       fields: [FieldSpec("platform", .enumeration(.platform)), FieldSpec("tier", .string),
                                FieldSpec("status", .enumeration(.subscriptionStatus)), FieldSpec("auto_renew", .bool),
                                FieldSpec("renews_at", .timestamp), FieldSpec("price", .money)],
                       "current subscription per platform"),
        CollectionSpec("subscription_events", table: "fan_subscription_events",
                       timeField: FieldSpec("occurred_at", .timestamp),
                       fields: [FieldSpec("event_type", .enumeration(.subscriptionEventType)), FieldSpec("platform", .enumeration(.platform)),
                                FieldSpec("tier", .string), FieldSpec("price", .money)],
                       "subscription lifecycle history"),
        CollectionSpec("custom_requests", table: "fan_custom_requests",
                       timeField: FieldSpec("created_at", .timestamp),
                       fields: [FieldSpec("status", .enumeration(.customRequestStatus)), FieldSpec("stage", .enumeration(.customRequestStage)),
                                FieldSpec("offered_price", .money), FieldSpec("agreed_price", .money)],
                       "bespoke paid content requests"),
        CollectionSpec("memories", table: "fan_memories",
                       timeField: FieldSpec("created_at", .timestamp),
                       fields: [FieldSpec("kind", .enumeration(.memoryKind)), FieldSpec("key", .string), FieldSpec("value", .string)],
                       "durable facts about the fan"),
        CollectionSpec("accounts", table: "fan_platform_accounts",
                       timeField: FieldSpec("linked_at", .timestamp),
                       fields: [FieldSpec("platform", .enumeration(.platform)), FieldSpec("platform_fan_id", .string),
                                FieldSpec("username", .string)],
                       "the fan's platform accounts"),
    ]

    /// `Catalog.collections["transactions"]`.
    public static let collections: [String: CollectionSpec] =
        Dictionary(uniqueKeysWithValues: collectionList.map { ($0.name, $0) })

    public static func fanField(named name: String) -> FanField? { fanFields.first { $0.name == name } }
    public static func scoreDimension(named name: String) -> ScoreDimension? { scoreDimensions.first { $0.name == name } }

    /// Names that once existed and are gone, with what replaced them. Any use is an error.
    public static let droppedCollections: [String: (replacement: String, since: String)] = [
        "scraped_media": ("media_assets", "2026-03-16"),
    ]

    /// Every name after `fan.`, for did-you-mean.
    static var fanMemberNames: [String] {
        fanFields.map(\.name) + ["score"] + collectionList.map(\.name)
    }
}
