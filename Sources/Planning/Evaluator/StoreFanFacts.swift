import Semantics
import Store

/// Reads one fan's facts from the store on first use, each kind once.
public final class StoreFanFacts: FanFacts {
    public let fanID: Int64
    private let store: CreatorStore
    private var profile: [String: StoredScalar]?
    private var lists: [String: Value] = [:]
    private var scores: [String: Value]?
    private var collections: [String: [ElementRow]] = [:]

    public init(store: CreatorStore, fanID: Int64) {
        self.store = store
        self.fanID = fanID
    }

    public func field(_ field: FanField) throws -> Value {
        switch field.storage {
        case .column(let column):
            if profile == nil { profile = try loadProfile() }
            return Value(stored: profile?[column] ?? .null, as: field.type)
        case .tags:
            return try list("tags", "SELECT tag FROM fan_tag_values WHERE user_id = :user AND fan_id = ? ORDER BY tag")
        case .platforms:
            return try list("platforms", "SELECT DISTINCT platform FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? ORDER BY platform")
        case .hasActiveSubscription:
            let found = try store.scalar(
                "SELECT EXISTS (SELECT 1 FROM fan_subscriptions WHERE user_id = :user AND fan_id = ? AND status = ?)",
                [.integer(fanID), .text("active")])
            return .bool(found.int64 == 1)
        }
    }

    public func score(_ dimension: ScoreDimension) throws -> Value {
        if scores == nil {
            var loaded: [String: Value] = [:]
            let types = Dictionary(uniqueKeysWithValues: Catalog.scoreDimensions.map { ($0.dimension, $0.type) })
            try store.forEachRow("SELECT dimension, value FROM fan_scores WHERE user_id = :user AND fan_id = ?", [.integer(fanID)]) { row in
                let name = row.string(0)
                loaded[name] = Value(stored: row[1].stored, as: types[name] ?? .number)
            }
            scores = loaded
        }
        return scores?[dimension.dimension] ?? .null
    }

    public func rows(of collection: CollectionSpec) throws -> [ElementRow] {
        if let cached = collections[collection.name] { return cached }
        let columns = collection.fields.map(\.column).joined(separator: ", ")
        var rows: [(id: Int64, row: ElementRow)] = []
        // No ORDER BY: SQLite would pick the (user_id, id) index to avoid the sort
        // and scan every row of the creator; the fan index plus a sort here is
        // what keeps this a lookup.
        try store.forEachRow("SELECT id, \(columns) FROM \(collection.table) WHERE user_id = :user AND fan_id = ?",
                             [.integer(fanID)]) { row in
            var values: [String: Value] = [:]
            for (index, field) in collection.fields.enumerated() {
                values[field.name] = Value(stored: row[index + 1].stored, as: field.type)
            }
            rows.append((row.int64(0), ElementRow(values)))
        }
        let ordered = rows.sorted { $0.id < $1.id }.map(\.row)
        collections[collection.name] = ordered
        return ordered
    }

    private func loadProfile() throws -> [String: StoredScalar] {
        let columns = Catalog.fanFields.compactMap { field -> String? in
            if case .column(let c) = field.storage { return c }
            return nil
        }
        var result: [String: StoredScalar] = [:]
        try store.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM fan_profiles WHERE user_id = :user AND id = ?",
                             [.integer(fanID)]) { row in
            for (index, column) in columns.enumerated() { result[column] = row[index].stored }
        }
        return result
    }

    private func list(_ key: String, _ sql: String) throws -> Value {
        if let cached = lists[key] { return cached }
        var items: [Value] = []
        try store.forEachRow(sql, [.integer(fanID)]) { items.append(.string($0.string(0))) }
        lists[key] = .list(items)
        return .list(items)
    }
}

extension SQLValue {
    var stored: StoredScalar {
        switch self {
        case .null, .blob: .null
        case .integer(let i): .integer(i)
        case .real(let d): .real(d)
        case .text(let s): .text(s)
        }
    }
}
