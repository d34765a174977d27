import Planning
import Semantics
import Store

/// One table the engine consumes as events (docs/RUNTIME.md), in the fixed
/// order that breaks ties between events of the same second: the case order
/// is the source rank.
public enum EventSource: String, CaseIterable, Sendable, Comparable {
    case subscriptionEvents = "fan_subscription_events"
    case transactions = "fan_transactions"
    case messages = "fan_messages"
    case customRequests = "fan_custom_requests"
    case fanProfiles = "fan_profiles"
    case segmentMemberEvents = "fan_segment_member_events"
    case tagValues = "fan_tag_values"

    public var table: String { rawValue }

    /// Ties between events of the same second go to the lower rank.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: EventSource, rhs: EventSource) -> Bool { lhs.rank < rhs.rank }

    /// The triggers whose events are rows of this table, from the catalog.
    /// Looked up per event and per rule evaluation, so computed once.
    public var triggers: [TriggerSpec] { Self.metadata[rank].triggers }

    /// A filter every event of this source passes (`direction = 'inbound'` for
    /// messages): the filter all of its triggers share. Rows failing it are not
    /// events at all (the engine's own outbound drafts), so the reader skips them.
    public var rowFilter: EventFilter? {
        let filters = Set(triggers.map(\.filter))
        guard filters.count == 1, let only = filters.first else { return nil }
        return only
    }

    /// The column that orders events and is `now` for the rules they trigger.
    public var timeColumn: String { timeColumn(of: triggers) }

    private func timeColumn(of triggers: [TriggerSpec]) -> String {
        triggers.first?.timeField?.column ?? "created_at"
    }

    /// The column naming the person: the row's own id for `fan.created`.
    public var fanColumn: String { self == .fanProfiles ? "id" : "fan_id" }

    /// Every column a trigger of this source reads, as a field or as its filter,
    /// in a fixed order (the reader selects them after id, time and fan).
    public var payloadColumns: [String] { Self.metadata[rank].payloadColumns }

    /// Where a payload column sits in `Event.payload`.
    public func payloadIndex(of column: String) -> Int? { Self.metadata[rank].payloadIndex[column] }

    /// The columns an event is read from, for a `SELECT`: id, time, fan, then the payload.
    public var selectList: String { Self.metadata[rank].selectList }

    private struct Metadata {
        let triggers: [TriggerSpec]
        let payloadColumns: [String]
        let payloadIndex: [String: Int]
        let selectList: String
    }

    /// What the properties above derive from the catalog, per source in rank order.
    private static let metadata: [Metadata] = allCases.map { source in
        let triggers = Catalog.triggers.filter { $0.sourceTable == source.table }
        let payload = payloadColumns(of: triggers)
        return Metadata(triggers: triggers, payloadColumns: payload,
                        payloadIndex: Dictionary(uniqueKeysWithValues: payload.enumerated().map { ($1, $0) }),
                        selectList: (["id", source.timeColumn(of: triggers), source.fanColumn] + payload).joined(separator: ", "))
    }

    private static func payloadColumns(of triggers: [TriggerSpec]) -> [String] {
        var columns: [String] = []
        for trigger in triggers {
            for field in trigger.fields where field.name != "id" {
                if !columns.contains(field.column) { columns.append(field.column) }
            }
            if let filter = trigger.filter, !columns.contains(filter.column) { columns.append(filter.column) }
        }
        return columns
    }
}
