import Planning
import Semantics
import Store

/// An event row as `run` sees it, for `rulec why --event SOURCE:ID`: read with
/// the engine's select list into an `Event`, its triggers matched and its
/// `event.*` fields decoded by the same code the engine runs.
struct EventView {
    let event: Event
    /// `event.*` for the rule's trigger.
    let fields: [String: Value]
    /// Why the rule would not receive this event; nil when it would.
    let notReceived: String?

    static func load(_ reference: WhyReport.EventReference, for rule: CheckedRule, spec: TriggerSpec,
                     program: CheckedProgram, store: CreatorStore) throws -> EventView {
        guard let source = EventSource(rawValue: reference.source) else { throw WhyError.notAnEventSource(reference.source) }
        guard source.table == spec.sourceTable else { throw WhyError.wrongSource(expected: spec.sourceTable, given: reference.source) }
        guard let row = try store.cursor("SELECT \(source.selectList) FROM \(source.table) WHERE user_id = :user AND id = ?",
                                         [.integer(reference.id)]).next() else {
            throw WhyError.eventNotFound(reference)
        }
        let event = Event(source: source, row: row)
        // The engine knows the segments of its program by id (`DeployedProgram.segmentIDs`), no others.
        let programSegments = Set(program.segments.map(\.name))
        var segmentNames: [Int64: String] = [:]
        try store.forEachRow("SELECT id, name FROM fan_segments WHERE user_id = :user") { row in
            if programSegments.contains(row.string(1)) { segmentNames[row.int64(0)] = row.string(1) }
        }

        let triggers = event.matchingTriggers(segmentNames: segmentNames)
        if let match = triggers.first(where: { $0.trigger.name == spec.name && RuleIndex.receives(rule.trigger, argument: $0.argument) }) {
            return EventView(event: event, fields: event.fields(for: match.trigger, segmentNames: segmentNames), notReceived: nil)
        }
        // Evaluated anyway, with the fields the rule's trigger declares, so the tree still shows something.
        let fields = event.fields(for: spec, segmentNames: segmentNames)
        return EventView(event: event, fields: fields, notReceived: reason(event, spec: spec, rule: rule, triggers: triggers))
    }

    /// `fan_transactions:42 is a ppv transaction, not a transaction.tip event`.
    private static func reason(_ event: Event, spec: TriggerSpec, rule: CheckedRule,
                               triggers: [(trigger: TriggerSpec, argument: String?)]) -> String {
        let name = "\(event.source.table):\(event.id)"
        if let filter = event.source.rowFilter, event.column(filter.column) != .text(filter.value) {
            let value = event.column(filter.column)?.string ?? "null"
            return "\(name) has \(filter.column) \(value), so it is not an event run reads"
        }
        if let same = triggers.first(where: { $0.trigger.name == spec.name }), case .event(_, let wanted?) = rule.trigger {
            return "\(name) is \(spec.name) \(same.argument.map { "\"\($0)\"" } ?? "(none)"), the rule takes only \(spec.name) \"\(wanted)\""
        }
        if let filter = spec.filter {
            let value = event.column(filter.column)?.string ?? "null"
            return "\(name) has \(filter.column) \(value), so it is not a \(spec.name) event"
        }
        return "\(name) is not a \(spec.name) event"
    }
}
