/// The allowed values of an enum-typed string field (STORE.md). Comparing such
/// a field with a string literal outside its values is a check error.
public struct EnumDomain: Hashable, Sendable {
    /// The store's name for the enum (`kind`, `status`, …), used in messages.
    public let name: String
    public let values: [String]

    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }

    public func contains(_ value: String) -> Bool { values.contains(value) }
}

extension EnumDomain {
    public static let platform = EnumDomain("platform", [
        "onlyfans", "fansly", "patreon", "fanvue", "loyalfans", "manyvids",
        "instagram", "tiktok", "x", "reddit", "telegram",
    ])
    public static let transactionKind = EnumDomain("kind", ["tip", "ppv", "paid_dm", "custom_request", "subscription"])
    public static let subscriptionStatus = EnumDomain("status", ["active", "cancelled", "expired", "trial"])
    public static let subscriptionEventType = EnumDomain("event_type", [
        "started", "renewed", "cancelled", "expired", "trial_started", "win_back",
    ])
    public static let messageDirection = EnumDomain("direction", ["inbound", "outbound"])
    public static let customRequestStage = EnumDomain("stage", ["requested", "negotiating", "agreed", "in_production", "delivered"])
    public static let customRequestStatus = EnumDomain("status", ["pending", "accepted", "declined", "fulfilled", "cancelled"])
    public static let scoreDimension = EnumDomain("dimension", ["churn_risk", "predicted_ltv", "upsell_readiness", "loyalty"])
    public static let lifecycleStage = EnumDomain("lifecycle_stage", ["new", "active", "at_risk", "lapsed", "churned"])
    public static let memoryKind = EnumDomain("kind", ["preference", "personal_detail", "key_date", "conversation_fact"])
    /// Day names of `schedule weekly on DAY`; Monday is day 1 as in `day_of_week`.
    public static let weekday = EnumDomain("weekday", ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

    /// Every domain, for `:schema` and docs.
    public static let all: [EnumDomain] = [
        platform, transactionKind, subscriptionStatus, subscriptionEventType, messageDirection,
        customRequestStage, customRequestStatus, scoreDimension, lifecycleStage, memoryKind, weekday,
    ]
}
