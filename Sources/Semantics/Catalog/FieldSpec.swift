/// One field a rule can name, with where the store keeps it.
public struct FieldSpec: Hashable, Sendable {
    /// The name in the language (`amount`, `text`).
    public let name: String
    public let type: ExprType
    /// The store column. Two rules map names to columns (LANGUAGE.md §5): a money
    /// field `x` is column `x_cents`, `text` is column `body`; a few event fields
    /// override it (`occurred_at` of `tag.added` is `created_at`).
    public let column: String
    /// One line for `:schema` and docs.
    public let summary: String

    public init(_ name: String, _ type: ExprType, column: String? = nil, _ summary: String = "") {
        self.name = name
        self.type = type
        self.column = column ?? FieldSpec.defaultColumn(name: name, type: type)
        self.summary = summary
    }

    public static func defaultColumn(name: String, type: ExprType) -> String {
        if type == .money { return name + "_cents" }
        if name == "text" { return "body" }
        return name
    }
}

/// Where a `fan.*` field's value comes from.
public enum FanFieldStorage: Hashable, Sendable {
    /// A column of fan_profiles.
    case column(String)
    /// `fan.tags`: the fan's fan_tag_values.tag.
    case tags
    /// `fan.platforms`: the distinct platforms of the fan's fan_platform_accounts.
    case platforms
    /// `fan.is_subscribed`: any fan_subscriptions row with status `active`.
    case hasActiveSubscription

    /// The table the field is read from.
    public var table: String {
        switch self {
        case .column: Catalog.fanTable
        case .tags: "fan_tag_values"
        case .platforms: "fan_platform_accounts"
        case .hasActiveSubscription: "fan_subscriptions"
        }
    }
}

public struct FanField: Hashable, Sendable {
    public let name: String
    public let type: ExprType
    public let storage: FanFieldStorage
    public let summary: String

    public init(_ name: String, _ type: ExprType, _ storage: FanFieldStorage, _ summary: String) {
        self.name = name
        self.type = type
        self.storage = storage
        self.summary = summary
    }
}

/// `fan.score.NAME`: fan_scores.value of one dimension.
public struct ScoreDimension: Hashable, Sendable {
    public let name: String
    /// number in 0..1, or money (value in cents) for `predicted_ltv`.
    public let type: ExprType
    /// The fan_scores.dimension value; equal to `name`.
    public var dimension: String { name }

    public init(_ name: String, _ type: ExprType) {
        self.name = name
        self.type = type
    }
}

/// A per-fan collection usable inside aggregates (`fan.transactions`).
public struct CollectionSpec: Hashable, Sendable {
    public let name: String
    public let table: String
    /// The field `within D` filters on.
    public let timeField: FieldSpec
    /// Every field, the time field included, in the order docs list them.
    public let fields: [FieldSpec]
    public let summary: String

    public init(_ name: String, table: String, timeField: FieldSpec, fields: [FieldSpec], _ summary: String) {
        self.name = name
        self.table = table
        self.timeField = timeField
        self.fields = fields + [timeField]
        self.summary = summary
    }

    /// Every row carries the fan's id (LANGUAGE.md §5).
    public var fanColumn: String { "fan_id" }

    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
