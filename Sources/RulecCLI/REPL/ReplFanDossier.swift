import Foundation
import Planning
import Semantics
import Store

/// `:fan ID`: everything a rule can see about one person — every `fan.*`
/// field, every score, and each collection's size with its latest rows.
struct ReplFanDossier {
    let store: CreatorStore
    let zone: TimeZone
    /// The terminal's width in columns; nil when output is not a terminal,
    /// and then values are shown whole (a script wants all of them).
    var terminalColumns: Int? = nil
    static let latestRows = 3

    func lines(for id: Int64) throws -> [String] {
        try requireFan(id)
        let facts = StoreFanFacts(store: store, fanID: id)
        let names = Catalog.fanFields.map { "fan.\($0.name)" } + Catalog.scoreDimensions.map { "fan.score.\($0.name)" }
        // The value column gets what the name column leaves of the terminal.
        let valueWidth = terminalColumns.map { max(ReplFanTable.cellWidth, $0 - (names.map(\.count).max() ?? 0) - 2) }
        var values: [Value] = []
        for field in Catalog.fanFields { values.append(try facts.field(field)) }
        for dimension in Catalog.scoreDimensions { values.append(try facts.score(dimension)) }
        let rows = zip(names, values).map { [$0, ReplFanTable.cell($1, width: valueWidth)] }
        var lines = TextTable.lines([["field", "value"]] + rows)
        for collection in Catalog.collectionList {
            let elements = try facts.rows(of: collection)
            lines.append("")
            lines.append("fan.\(collection.name): \(elements.count) row\(elements.count == 1 ? "" : "s")"
                         + (elements.count > Self.latestRows ? ", latest \(Self.latestRows)" : ""))
            guard !elements.isEmpty else { continue }
            let recent = elements.sorted { time($0, collection) > time($1, collection) }.prefix(Self.latestRows)
            let header = collection.fields.map(\.name)
            let cellWidth = terminalColumns.map { max(ReplFanTable.cellWidth, ($0 - 2 - 2 * collection.fields.count) / collection.fields.count) }
            let body = recent.map { element in collection.fields.map { ReplFanTable.cell(element[$0.name], width: cellWidth) } }
            lines += TextTable.lines([header] + body).map { "  " + $0 }
        }
        return lines
    }

    /// A missing fan is an error about the entry (stderr), not an empty dossier.
    func requireFan(_ id: Int64) throws {
        guard try store.scalar("SELECT 1 FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(id)]).int64 == 1 else {
            throw CLIError.usage("creator \(store.userID) has no fan \(id)")
        }
    }

    private func time(_ element: ElementRow, _ collection: CollectionSpec) -> Int64 {
        if case .timestamp(let t) = element[collection.timeField.name] { return t }
        return .min
    }
}
