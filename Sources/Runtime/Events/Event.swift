import Planning
import Semantics
import Store

/// One new row of an event source: what happened, to whom, when, and the
/// columns its triggers read. `depth` counts the rule-raised generations
/// above it (0 for a row written outside the engine).
public struct Event: Sendable, Equatable {
    public let source: EventSource
    public let id: Int64
    /// The row's time column: the event's `now`.
    public let time: Int64
    public let fanID: Int64
    /// The values of `EventSource.payloadColumns`, in that order: an array,
    /// not a dictionary, since every new row becomes an event.
    public let payload: [SQLValue]
    public var depth: Int

    public init(source: EventSource, id: Int64, time: Int64, fanID: Int64, payload: [SQLValue], depth: Int = 0) {
        precondition(payload.count == source.payloadColumns.count, "an event of \(source.table) has \(source.payloadColumns.count) payload columns")
        self.source = source
        self.id = id
        self.time = time
        self.fanID = fanID
        self.payload = payload
        self.depth = depth
    }

    /// The event in a row selected with `EventSource.selectList`.
    init(source: EventSource, row: Row, depth: Int = 0) {
        self.init(source: source, id: row.int64(0), time: row.int64(1), fanID: row.int64(2),
                  payload: (0..<source.payloadColumns.count).map { row[3 + $0] }, depth: depth)
    }

    /// A payload column by name; nil when the source does not read it.
    public func column(_ name: String) -> SQLValue? {
        source.payloadIndex(of: name).map { payload[$0] }
    }

    /// The merge order of docs/RUNTIME.md: time, then source rank, then id.
    public func precedes(_ other: Event) -> Bool {
        (time, source.rank, id) < (other.time, other.source.rank, other.id)
    }

    /// The triggers this row is an event of, each with the argument a rule's
    /// `on` must name to receive it (`tag.added "vip"`, `segment.entered whales`).
    public func matchingTriggers(segmentNames: [Int64: String]) -> [(trigger: TriggerSpec, argument: String?)] {
        source.triggers.compactMap { trigger in
            if let filter = trigger.filter, column(filter.column) != .text(filter.value) { return nil }
            switch trigger.argument {
            case .none: return (trigger, nil)
            case .tagString: return (trigger, column("tag")?.string)
            case .segmentName: return (trigger, segmentName(segmentNames))
            }
        }
    }

    /// `event.*` for a rule on `trigger`: every field the trigger declares,
    /// decoded to the field's type; `event.segment` is the segment's name.
    public func fields(for trigger: TriggerSpec, segmentNames: [Int64: String]) -> [String: Value] {
        var result: [String: Value] = [:]
        for field in trigger.fields {
            if field.name == "id" {
                result["id"] = .int(id)
            } else if trigger.argument == .segmentName && field.column == "segment_id" {
                result[field.name] = segmentName(segmentNames).map(Value.string) ?? .null
            } else {
                result[field.name] = Self.decode(column(field.column) ?? .null, as: field.type)
            }
        }
        return result
    }

    private func segmentName(_ names: [Int64: String]) -> String? {
        column("segment_id")?.int64.flatMap { names[$0] }
    }

    /// A stored column as a language value of `type` (money in cents, times in seconds).
    static func decode(_ value: SQLValue, as type: ExprType) -> Value {
        switch (type, value) {
        case (_, .null), (_, .blob): return .null
        case (.int, .integer(let v)): return .int(v)
        case (.money, .integer(let v)): return .money(v)
        case (.timestamp, .integer(let v)): return .timestamp(v)
        case (.duration, .integer(let v)): return .duration(v)
        case (.bool, .integer(let v)): return .bool(v != 0)
        case (.number, .integer(let v)): return .number(Double(v))
        case (.number, .real(let d)): return .number(d)
        case (.string, .text(let s)), (.enumeration, .text(let s)): return .string(s)
        default: return .null
        }
    }
}
