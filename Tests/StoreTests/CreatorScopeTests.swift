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

    @Test func anotherCreatorsRowAboutAFanIsRefusedEverywhere() throws {
        let (store, fan) = try twoCreators()
        for table in Schema.fanOwnedTables {
            let error = #expect(throws: SQLiteError.self) {
                // A bare row: the guard fires before NOT NULL checks of other columns matter.
                try store.database.execute("INSERT INTO \(table) (user_id, fan_id) VALUES ('creator_b', \(fan))")
            }
            #expect(error?.message.contains("belongs to another creator") == true, "\(table): \(String(describing: error))")
        }
    }

    /// Other tools write this store, and SQLite checks foreign keys only on
    /// connections that turn them on: the guard is a trigger so that it holds
    /// for a writer that did not (docs/RUNTIME.md).
    @Test func theGuardHoldsForAWriterWithoutForeignKeys() throws {
        let (store, fan) = try twoCreators()
        try store.database.execute("PRAGMA foreign_keys = OFF")
        let error = #expect(throws: SQLiteError.self) {
            try store.database.execute("INSERT INTO fan_notes (user_id, fan_id, body) VALUES ('creator_b', ?, 'x')", [.integer(fan)])
        }
        #expect(error?.message.contains("belongs to another creator") == true)
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
