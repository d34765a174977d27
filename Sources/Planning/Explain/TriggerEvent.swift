import Semantics
import Store

/// One event row as a rule sees it (`event.*`), read from the trigger's source
/// table for `rulec why --event SOURCE:ID`.
public struct TriggerEvent: Sendable, Equatable {
    public var source: String
    public var id: Int64
    /// The person the event is about.
    public var fanID: Int64
    /// `event.*` by field name, typed by the catalog.
    public var fields: [String: Value]
    /// The event's time: `now` for the rule (LANGUAGE.md §4).
    public var time: Int64?
    /// False when the row is of the source table but not of this trigger
    /// (a `ppv` transaction for `transaction.tip`): the rule would not see it.
    public var matchesTrigger: Bool

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case wrongSource(expected: String, given: String)
        case notFound(source: String, id: Int64)

        public var description: String {
            switch self {
            case .wrongSource(let expected, let given):
                "the rule's trigger reads events from \(expected), not \(given)"
            case .notFound(let source, let id):
                "no row \(source):\(id) for this creator"
            }
        }
    }

    /// Reads row `id` of `source`, which must be `spec`'s source table.
    public static func load(_ spec: TriggerSpec, source: String, id: Int64, from store: CreatorStore) throws -> TriggerEvent {
        guard source == spec.sourceTable else { throw LoadError.wrongSource(expected: spec.sourceTable, given: source) }
        // fan_profiles rows are people themselves (`fan.created`); every other source carries fan_id.
        let fanColumn = source == Catalog.fanTable ? "e.id" : "e.fan_id"
        let filterColumn = spec.filter.map { "e." + $0.column } ?? "NULL"
        let fieldColumns = spec.fields.map { field in
            // `event.segment` is the segment's name, reached through segment_id.
            field.column == "segment_id"
                ? "(SELECT s.name FROM fan_segments s WHERE s.id = e.segment_id)"
                : "e." + field.column
        }
        let sql = "SELECT \(fanColumn), \(filterColumn), \(fieldColumns.joined(separator: ", ")) FROM \(source) e "
            + "WHERE e.user_id = :user AND e.id = ?"
        guard let row = try store.rows(sql, [.integer(id)]).first, let fanID = row[0].int64 else {
            throw LoadError.notFound(source: source, id: id)
        }
        var fields: [String: Value] = [:]
        for (index, field) in spec.fields.enumerated() {
            fields[field.name] = Value(stored: row[index + 2].stored, as: field.type)
        }
        let matches = spec.filter.map { row[1] == .text($0.value) } ?? true
        let time = spec.timeField.flatMap { fields[$0.name] }.flatMap { if case .timestamp(let t) = $0 { t } else { nil } }
        return TriggerEvent(source: source, id: id, fanID: fanID, fields: fields, time: time, matchesTrigger: matches)
    }
}
