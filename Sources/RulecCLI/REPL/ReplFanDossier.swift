import Foundation
import Planning
import Semantics
import Store

/// `:fan ID`: everything a rule can see about one person — every `fan.*`
/// field, every score, and each collection's size with its latest rows.
struct ReplFanDossier {
    let store: CreatorStore
    let zone: TimeZone
    static let latestRows = 3

    func lines(for id: Int64) throws -> [String] {
        try requireFan(id)
        let facts = StoreFanFacts(store: store, fanID: id)
        var rows: [[String]] = []
        for field in Catalog.fanFields {
            rows.append(["fan.\(field.name)", ReplFanTable.cell(try facts.field(field))])
        }
        for dimension in Catalog.scoreDimensions {
            rows.append(["fan.score.\(dimension.name)", ReplFanTable.cell(try facts.score(dimension))])
        }
        var lines = TextTable.lines([["field", "value"]] + rows)
        for collection in Catalog.collectionList {
            let elements = try facts.rows(of: collection)
            lines.append("")
            lines.append("fan.\(collection.name): \(elements.count) row\(elements.count == 1 ? "" : "s")"
                         + (elements.count > Self.latestRows ? ", latest \(Self.latestRows)" : ""))
            guard !elements.isEmpty else { continue }
            let recent = elements.sorted { time($0, collection) > time($1, collection) }.prefix(Self.latestRows)
            let header = collection.fields.map(\.name)
            let body = recent.map { element in collection.fields.map { ReplFanTable.cell(element[$0.name]) } }
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
