import Semantics

/// `:schema [COLLECTION]`: what a condition can name, straight from the
/// catalog the checker uses, so it can never disagree with `check`.
enum ReplSchema {
    /// An unknown collection is an error about the entry (stderr), with a did-you-mean.
    static func lines(for collection: String) throws -> [String] {
        let name = collection.hasPrefix("fan.") ? String(collection.dropFirst(4)) : collection
        if name.isEmpty { return overview() }
        guard let spec = Catalog.collections[name] else {
            var message = "no collection named \(collection)"
            if let guess = Suggest.closest(to: name, among: Catalog.collectionList.map(\.name)) { message += "; did you mean fan.\(guess)?" }
            throw CLIError.usage(message)
        }
        var rows = [["field", "type", "column"]]
        for field in spec.fields {
            rows.append([field.name + (field.name == spec.timeField.name ? " (within)" : ""), field.type.description, field.column])
        }
        return ["fan.\(spec.name): \(spec.summary) (table \(spec.table))"] + TextTable.lines(rows).map { "  " + $0 }
    }

    static func overview() -> [String] {
        var rows = [["name", "type", "meaning"]]
        for field in Catalog.fanFields { rows.append(["fan.\(field.name)", field.type.description, field.summary]) }
        for dimension in Catalog.scoreDimensions { rows.append(["fan.score.\(dimension.name)", dimension.type.description, "fan_scores"]) }
        for collection in Catalog.collectionList {
            rows.append(["fan.\(collection.name)", "collection", collection.summary])
        }
        var lines = TextTable.lines(rows)
        lines.append("")
        lines.append("functions: " + Catalog.functions.map(\.signatureText).joined(separator: ", "))
        lines.append(":schema COLLECTION lists a collection's fields (e.g. :schema transactions).")
        return lines
    }
}
