import Foundation
import Planning
import Store

/// One row of a small random CRM, kept as data so it can be written to a
/// store, dropped while shrinking, and printed as an INSERT statement.
struct CRMRow: Hashable {
    var table: String
    var userID: String
    /// The fan the row belongs to (its own id for a fan_profiles row).
    var fanID: Int64
    var columns: [String]
    var values: [SQLValue]
}

/// A small CRM of several creators; only `DiffCRM.queried` is ever queried,
/// the others are there to be ignored (including rows they "own" that point
/// at the queried creator's fans, which scoping by user_id must skip).
struct DiffCRM {
    static let queried = "creator_a"
    static let other = "creator_b"

    var rows: [CRMRow]

    /// The queried creator's fans, ascending.
    var queriedFanIDs: [Int64] {
        rows.filter { $0.table == "fan_profiles" && $0.userID == Self.queried }.map(\.fanID).sorted()
    }

    /// A fresh in-memory store holding exactly these rows, with the rulec
    /// functions registered. Throws when the rows violate a constraint (a
    /// shrinking step may make lifetime spend overflow, for instance).
    func makeStore() throws -> Store {
        let store = try Store.open(path: ":memory:")
        try SQLFunctions.register(on: store.database)
        try store.database.transaction(.immediate) {
            for row in rows {
                let placeholders = Array(repeating: "?", count: row.values.count).joined(separator: ", ")
                let sql = "INSERT INTO \(row.table) (user_id, \(row.columns.joined(separator: ", "))) VALUES (:user, \(placeholders))"
                try store.creator(row.userID).execute(sql, row.values)
            }
        }
        return store
    }

    /// The rows as SQL a reader can paste into `sqlite3` on a migrated store.
    var insertStatements: [String] {
        rows.map { row in
            let values = [SQLLiteral.render(.text(row.userID))] + row.values.map(SQLLiteral.render)
            return "INSERT INTO \(row.table) (user_id, \(row.columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));"
        }
    }

    /// Smaller CRMs, most aggressive first: without one fan (and all its rows),
    /// then without one non-profile row.
    var shrinkCandidates: [DiffCRM] {
        var candidates: [DiffCRM] = []
        for fan in rows where fan.table == "fan_profiles" {
            candidates.append(DiffCRM(rows: rows.filter { $0.fanID != fan.fanID }))
        }
        for (index, row) in rows.enumerated() where row.table != "fan_profiles" {
            var smaller = rows
            smaller.remove(at: index)
            candidates.append(DiffCRM(rows: smaller))
        }
        return candidates
    }
}

/// Values written as SQL literals, for the reproducer only (the test itself
/// always binds them).
enum SQLLiteral {
    static func render(_ value: SQLValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d):
            if d.isInfinite { return d > 0 ? "9e999" : "-9e999" }
            return String(format: "%.17g", d).contains(where: { $0 == "." || $0 == "e" }) ? String(format: "%.17g", d) : String(format: "%.1f", d)
        case .text(let s):
            // A NUL cannot sit inside an SQL string literal; splice it with char(0).
            let parts = s.split(separator: "\u{0}", omittingEmptySubsequences: false)
                .map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " || char(0) || ") + ")"
        case .blob(let data): return "X'" + data.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }
}
