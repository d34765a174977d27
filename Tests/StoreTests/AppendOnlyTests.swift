import Testing
@testable import Store

/// STORE.md: append-only tables refuse UPDATE and DELETE in the database itself.
@Suite struct AppendOnlyTests {
    @Test(arguments: PinnedSchema.appendOnly)
    func updateAndDeleteAreRejected(table: String) throws {
        let store = try Store.open(path: ":memory:")
        let id = try MinimalRows.insert(table, into: store.database, user: "u1")

        for sql in ["UPDATE \(table) SET user_id = 'u2' WHERE id = ?", "DELETE FROM \(table) WHERE id = ?"] {
            let error = try #require(throws: SQLiteError.self) { try store.database.execute(sql, [.integer(id)]) }
            #expect(error.isConstraint)
            #expect(error.message.contains("append-only"))
            #expect(error.sql == sql)
        }
        #expect(try store.database.scalar("SELECT user_id FROM \(table) WHERE id = ?", [.integer(id)]) == .text("u1"))
    }

    @Test func insertingStillWorks() throws {
        let store = try Store.open(path: ":memory:")
        for table in PinnedSchema.appendOnly {
            _ = try MinimalRows.insert(table, into: store.database, user: "u1")
            _ = try MinimalRows.insert(table, into: store.database, user: "u1")
            #expect(try store.database.scalar("SELECT count(*) FROM \(table)") == .integer(2))
        }
    }
}
