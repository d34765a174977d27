import Vocabulary

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
    public static let platform = EnumDomain("platform", EnumValues.platforms)
    public static let transactionKind = EnumDomain("kind", EnumValues.transactionKinds)
    public static let subscriptionStatus = EnumDomain("status", EnumValues.subscriptionStatuses)
    public static let subscriptionEventType = EnumDomain("event_type", EnumValues.subscriptionEventTypes)
    public static let messageDirection = EnumDomain("direction", EnumValues.messageDirections)
    public static let customRequestStage = EnumDomain("stage", EnumValues.customRequestStages)
    public static let customRequestStatus = EnumDomain("status", EnumValues.customRequestStatuses)
    public static let scoreDimension = EnumDomain("dimension", EnumValues.scoreDimensions)
    public static let lifecycleStage = EnumDomain("lifecycle_stage", EnumValues.lifecycleStages)
    public static let memoryKind = EnumDomain("kind", EnumValues.memoryKinds)
    /// Day names of `schedule weekly on DAY`; Monday is day 1 as in `day_of_week`.
    public static let weekday = EnumDomain("weekday", ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

    /// Every domain, for `:schema` and docs.
    public static let all: [EnumDomain] = [
        platform, transactionKind, subscriptionStatus, subscriptionEventType, messageDirection,
        customRequestStage, customRequestStatus, scoreDimension, lifecycleStage, memoryKind, weekday,
    ]
}
