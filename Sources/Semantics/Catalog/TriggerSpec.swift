/// One event trigger (`transaction.tip`, `segment.entered`) and the event rows it reads.
public struct TriggerSpec: Hashable, Sendable {
    /// As written after `on`: `transaction.tip`, `transaction`, `segment.entered`.
    public let name: String
    /// The table whose new rows are the events.
    public let sourceTable: String
    /// A fixed filter on the source rows (`kind = 'tip'`), if any.
    public let filter: EventFilter?
    /// The `event.*` fields, `id` and `account_id` included where they exist.
    public let fields: [FieldSpec]
    public let argument: TriggerArgumentKind

    public init(_ name: String, source: String, filter: EventFilter? = nil, fields: [FieldSpec],
                hasAccountID: Bool, argument: TriggerArgumentKind = .none) {
        self.name = name
        self.sourceTable = source
        self.filter = filter
        // Every event carries `event.id`; `event.account_id` where the source row has one (§4).
        var all = fields + [FieldSpec("id", .int, "the source row's id")]
        if hasAccountID { all.append(FieldSpec("account_id", .int, "the fan_platform_accounts row")) }
        self.fields = all
        self.argument = argument
    }

    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The field that orders events and is `now` for the rule.
    public var timeField: FieldSpec? { fields.first { $0.type == .timestamp } }
}

/// `column = value` on the source table.
public struct EventFilter: Hashable, Sendable {
    public let column: String
    public let value: String
    public init(column: String, value: String) { self.column = column; self.value = value }
}

/// What follows a trigger's name.
public enum TriggerArgumentKind: Hashable, Sendable {
    case none
    /// `segment.entered NAME`: a segment of the program.
    case segmentName
    /// `tag.added "TAG"`.
    case tagString
}

extension Catalog {
    public static let triggers: [TriggerSpec] = subscriptionTriggers + transactionTriggers + otherTriggers

    /// `Catalog.trigger(named: "transaction.tip")`.
    public static func trigger(named name: String) -> TriggerSpec? { triggersByName[name] }
    private static let triggersByName: [String: TriggerSpec] =
        Dictionary(uniqueKeysWithValues: triggers.map { ($0.name, $0) })

    /// Fields of every schedule: only the slot's time, no `event.id`.
    public static let scheduleFields: [FieldSpec] = [FieldSpec("occurred_at", .timestamp, "the slot's time")]

    private static let subscriptionTriggers: [TriggerSpec] = EnumDomain.subscriptionEventType.values.map { type in
        TriggerSpec("subscription.\(type)", source: "fan_subscription_events",
                    filter: EventFilter(column: "event_type", value: type),
                    fields: [FieldSpec("platform", .enumeration(.platform)), FieldSpec("tier", .string),
                             FieldSpec("price", .money), FieldSpec("occurred_at", .timestamp)],
                    hasAccountID: true)
    }

    private static let transactionFields: [FieldSpec] = [
        FieldSpec("kind", .enumeration(.transactionKind)), FieldSpec("amount", .money),
        FieldSpec("platform", .enumeration(.platform)), FieldSpec("occurred_at", .timestamp),
    ]

    private static let transactionTriggers: [TriggerSpec] =
        [TriggerSpec("transaction", source: "fan_transactions", fields: transactionFields, hasAccountID: true)]
        + EnumDomain.transactionKind.values.map { kind in
            TriggerSpec("transaction.\(kind)", source: "fan_transactions",
                        filter: EventFilter(column: "kind", value: kind), fields: transactionFields, hasAccountID: true)
        }

    private static let otherTriggers: [TriggerSpec] = [
        TriggerSpec("message.received", source: "fan_messages",
                    filter: EventFilter(column: "direction", value: "inbound"),
                    fields: [FieldSpec("text", .string), FieldSpec("sentiment", .number),
                             FieldSpec("platform", .enumeration(.platform)), FieldSpec("sent_at", .timestamp)],
                    hasAccountID: true),
        TriggerSpec("custom_request.submitted", source: "fan_custom_requests",
                    fields: [FieldSpec("description", .string), FieldSpec("offered_price", .money),
                             FieldSpec("created_at", .timestamp)],
                    hasAccountID: false),
        TriggerSpec("segment.entered", source: "fan_segment_member_events",
                    filter: EventFilter(column: "change", value: "entered"),
                    fields: [FieldSpec("segment", .string, column: "segment_id", "the segment's name: fan_segments.name through segment_id"), FieldSpec("occurred_at", .timestamp)],
                    hasAccountID: false, argument: .segmentName),
        TriggerSpec("segment.exited", source: "fan_segment_member_events",
                    filter: EventFilter(column: "change", value: "exited"),
                    fields: [FieldSpec("segment", .string, column: "segment_id", "the segment's name: fan_segments.name through segment_id"), FieldSpec("occurred_at", .timestamp)],
                    hasAccountID: false, argument: .segmentName),
        TriggerSpec("tag.added", source: "fan_tag_values",
                    fields: [FieldSpec("tag", .string), FieldSpec("occurred_at", .timestamp, column: "created_at")],
                    hasAccountID: false, argument: .tagString),
        TriggerSpec("fan.created", source: "fan_profiles",
                    fields: [FieldSpec("occurred_at", .timestamp, column: "created_at")],
                    hasAccountID: false),
    ]
}
