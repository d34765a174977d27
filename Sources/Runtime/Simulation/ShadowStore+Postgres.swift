import Foundation
import Planning
import Store

/// A backtest of a PostgreSQL store works on a private SQLite copy of its one
/// creator, so the replay, the rewind and the engine are the very ones a
/// SQLite store's backtest runs (docs/SIMULATE.md): the two stores have the
/// same tables and columns (`PostgresSchemaTests` keeps them so), and the
/// language means the same on both (the differential tests).
extension ShadowStore {
    /// Copies `source`'s creator rows, table by table, into `target` (a new
    /// SQLite store with its migrations applied and foreign keys off), in one
    /// read-only snapshot of the server, so a concurrent `run` neither blocks
    /// the copy nor shows half of a batch in it.
    static func copyCreator(of source: CreatorStore, into target: Database) throws {
        let tables = try creatorTables(of: target)
        var spend: [Int64: SQLValue] = [:]
        try source.database.transaction(.deferred) {
            // The first statement of the transaction: one snapshot for every table.
            try source.database.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", [])
            try source.database.scopeTransaction(to: source.userID)
            try target.transaction(.immediate) {
                for table in tables {
                    try copy(table, from: source, into: target) { row in
                        // The copied transactions run SQLite's spend trigger again:
                        // the profile's own total is put back afterwards.
                        if table.name == "fan_profiles", let id = row[0].int64, let index = table.columns.firstIndex(of: "lifetime_spend_cents") {
                            spend[id] = row[index]
                        }
                    }
                }
                let restore = try target.prepare("UPDATE fan_profiles SET lifetime_spend_cents = ? WHERE id = ?")
                for (id, cents) in spend { _ = try restore.execute([cents, .integer(id)]) }
            }
        }
    }

    /// One table of the creator: its SQLite columns, read from the server in
    /// key order (a reply after the message it answers).
    private static func copy(_ table: CreatorTable, from source: CreatorStore, into target: Database,
                             seeing: ([SQLValue]) -> Void) throws {
        let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let order = table.columns.contains("id") ? " ORDER BY id" : ""
        let insert = try target.prepare("INSERT INTO \(table.name) (\(columns)) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))")
        try source.forEachRow("SELECT \(columns) FROM \(table.name) WHERE user_id = :user\(order)") { row in
            let values = row.values
            seeing(values)
            _ = try insert.execute(values)
        }
    }

    struct CreatorTable {
        var name: String
        var columns: [String]
    }

    /// The SQLite store's tables with a `user_id` column, parents before the
    /// tables whose foreign keys (and creator-scope triggers) point at them.
    static func creatorTables(of database: Database) throws -> [CreatorTable] {
        let names = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
            .compactMap { $0[0].string }
        var columns: [String: [String]] = [:]
        var parents: [String: Set<String>] = [:]
        for name in names {
            columns[name] = try database.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(name)]).compactMap { $0[0].string }
            parents[name] = Set(try database.rows("SELECT \"table\" FROM pragma_foreign_key_list(?)", [.text(name)])
                .compactMap { $0[0].string }.filter { $0 != name })
        }
        let owned = names.filter { columns[$0]?.contains("user_id") == true }
        var ordered: [CreatorTable] = []
        var placed = Set<String>()
        var left = owned
        while !left.isEmpty {
            let ready = left.filter { parents[$0, default: []].intersection(owned).isSubset(of: placed) }
            // A cycle of references (none today) is copied in creation order:
            // foreign keys are off in the copy.
            let next = ready.isEmpty ? [left[0]] : ready
            for name in next {
                ordered.append(CreatorTable(name: name, columns: columns[name] ?? []))
                placed.insert(name)
            }
            left.removeAll { next.contains($0) }
        }
        return ordered
    }
}
