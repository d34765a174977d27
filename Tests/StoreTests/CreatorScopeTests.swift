import Testing
@testable import Store

/// A row about a fan must belong to the fan's creator: the database refuses
/// anything else, so no query or import can make creators' data cross.
@Suite struct CreatorScopeTests {
    func twoCreators() throws -> (Store, Int64) {
        let store = try Store.open(path: ":memory:")
        try store.database.execute("INSERT INTO fan_profiles (user_id, display_name) VALUES ('creator_a', 'Ana')")
        let fan = store.database.lastInsertRowID
        try store.database.execute("INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username) VALUES ('creator_a', \(fan), 'onlyfans', 'p1', 'ana')")
        return (store, fan)
    }

    /// A bare row: every NOT NULL column without a default gets 1, or for
    /// text the first value its CHECK lists (else the creator and fan, unique
    /// per row), so only keys can fail.
    private func insertRow(_ table: String, user: String, fan: Int64, into store: Store) throws {
        let ddl = try store.database.scalar("SELECT sql FROM sqlite_schema WHERE name = ?", [.text(table)]).string ?? ""
        let columns = try store.database.rows(
            "SELECT name, type FROM pragma_table_info(?) WHERE \"notnull\" = 1 AND dflt_value IS NULL", [.text(table)])
        var names = ["user_id", "fan_id"]
        var values: [SQLValue] = [.text(user), .integer(fan)]
        for column in columns {
            guard let name = column[0].string, !names.contains(name) else { continue }
            names.append(name)
            values.append(column[1].string == "TEXT" ? .text(Self.firstAllowed(name, in: ddl) ?? "\(user) \(fan)") : .integer(1))
        }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try store.database.execute("INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders))", values)
    }

    /// The first value a CHECK allows, written `(column = 'value' OR …` or `column IN ('value', …`.
    private static func firstAllowed(_ column: String, in ddl: String) -> String? {
        let start = ddl.range(of: "(\(column) = '")?.upperBound ?? ddl.range(of: "\(column) IN ('")?.upperBound
        guard let start, let end = ddl[start...].firstIndex(of: "'") else { return nil }
        return String(ddl[start..<end])
    }

    /// The foreign keys a row breaks, by the table they point at.
    private func brokenKeys(_ table: String, in store: Store) throws -> Set<String> {
        Set(try store.database.rows("SELECT parent FROM pragma_foreign_key_check(?)", [.text(table)]).compactMap { $0[0].string })
    }

    /// Each table gets a bare row (foreign keys off, so its other parents need
    /// not exist) filed under the other creator; the check names the fan key.
    @Test func anotherCreatorsRowAboutAFanBreaksTheFanKeyEverywhere() throws {
        let (store, fan) = try twoCreators()
        // A second fan of creator A for the stray row, so unique keys over fan_id do not clash.
        try store.database.execute("INSERT INTO fan_profiles (user_id, display_name) VALUES ('creator_a', 'Bo')")
        let otherFan = store.database.lastInsertRowID
        try store.database.execute("PRAGMA foreign_keys = OFF")
        for table in Schema.fanOwnedTables {
            try insertRow(table, user: "creator_a", fan: fan, into: store)
            #expect(try !brokenKeys(table, in: store).contains("fan_profiles"), "\(table)")
            try insertRow(table, user: "creator_b", fan: otherFan, into: store)
            #expect(try brokenKeys(table, in: store).contains("fan_profiles"), "\(table)")
        }
    }

    /// And the database enforces it: a note (no other parent) for another creator's fan.
    @Test func anotherCreatorsRowIsRefused() throws {
        let (store, fan) = try twoCreators()
        let error = #expect(throws: SQLiteError.self) {
            try store.database.execute("INSERT INTO fan_notes (user_id, fan_id, body) VALUES ('creator_b', ?, 'x')", [.integer(fan)])
        }
        #expect(error?.extendedCode == 787 /* SQLITE_CONSTRAINT_FOREIGNKEY */)
        try store.database.execute("INSERT INTO fan_notes (user_id, fan_id, body) VALUES ('creator_a', ?, 'x')", [.integer(fan)])
    }

    /// Migration 15's keys are `(fan_id, user_id)` → `fan_profiles(id, user_id)`,
    /// on every table with rows about a fan, and no trigger is left doing it twice.
    @Test func everyRowAboutAFanPointsAtTheFanAndItsCreator() throws {
        let store = try Store.open(path: ":memory:")
        for table in Schema.fanOwnedTables {
            let keys = try store.database.rows("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) WHERE \"table\" = 'fan_profiles' ORDER BY id, seq", [.text(table)])
            #expect(keys.map { $0.compactMap(\.string) } == [["fan_profiles", "fan_id", "id"], ["fan_profiles", "user_id", "user_id"]], "\(table)")
        }
        let guards = try store.database.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_same_creator%'")
        #expect(guards == .integer(0))
        #expect(try store.database.scalar("PRAGMA integrity_check") == .text("ok"))
    }

    @Test func aFanWithRowsCannotMoveToAnotherCreator() throws {
        let (store, fan) = try twoCreators()
        #expect(throws: SQLiteError.self) {
            try store.database.execute("UPDATE fan_profiles SET user_id = 'creator_b' WHERE id = ?", [.integer(fan)])
        }
    }

    @Test func spendFollowsOnlyTheFansOwnCreator() throws {
        let (store, fan) = try twoCreators()
        try store.database.execute("""
            INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
            VALUES ('creator_a', \(fan), 'onlyfans', 'tip', 500, 1)
            """)
        #expect(throws: SQLiteError.self) {
            try store.database.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                VALUES ('creator_b', \(fan), 'onlyfans', 'tip', 100000, 1)
                """)
        }
        #expect(try store.database.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE id = ?", [.integer(fan)]) == .integer(500))
        #expect(throws: SQLiteError.self) {
            try store.database.execute("UPDATE fan_transactions SET user_id = 'creator_b'")
        }
    }
}
