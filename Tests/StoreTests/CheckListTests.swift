import Testing
@testable import Store

/// Migration 13: enum CHECKs as `=` comparisons, not `IN` lists SQLite
/// rebuilds a temporary B-tree for on every row written.
@Suite struct CheckListTests {
    @Test func noTableKeepsAnInListOfThreeOrMoreValues() throws {
        let store = try Store.open(path: ":memory:")
        let tables = try store.database.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")
        for row in tables {
            let left = Schema.enumLists(in: row[1].string ?? "")
            #expect(left.isEmpty, "\(row[0].string ?? "?") still has \(left.map(\.written))")
        }
    }

    @Test func aListBecomesComparisonsAndNotInIsLeftAlone() {
        let lists = Schema.enumLists(in: "CHECK (o IN ('a', 'b', 'c')) CHECK (p NOT IN ('x', 'y', 'z')) CHECK (q IN ('u', 'v'))")
        #expect(lists == [Schema.EnumList(written: "o IN ('a', 'b', 'c')", comparisons: "(o = 'a' OR o = 'b' OR o = 'c')")])
    }

    @Test func theRewrittenChecksRefuseWhatTheListsRefused() throws {
        let store = try Store.open(path: ":memory:")
        let db = store.database
        try db.execute("INSERT INTO automation_cursors (user_id, source, last_id) VALUES ('u1', 'fan_transactions', 0)")
        #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO automation_cursors (user_id, source, last_id) VALUES ('u1', 'fan_nothing', 0)")
        }
        let plan = try db.rows("EXPLAIN INSERT INTO automation_cursors (user_id, source, last_id) VALUES ('u1', 'fan_messages', 0)")
        #expect(!plan.contains { $0[1].string == "OpenEphemeral" }, "a CHECK still builds a temporary table per row")
    }

    @Test func aFileFromMigration12KeepsItsRowsAndGetsTheRewrite() throws {
        let dir = try TempDirectory()
        let path = dir.path("old.sqlite")
        do {
            let old = try Database(path: path)
            try Migrator.migrate(old, migrations: Array(Migration.all.prefix(12)))
            try old.execute("INSERT INTO automation_cursors (user_id, source, last_id) VALUES ('u1', 'fan_transactions', 7)")
            #expect(try old.scalar("SELECT sql FROM sqlite_schema WHERE name = 'automation_cursors'").string?.contains("source IN (") == true)
        }
        let store = try Store.open(path: path)
        #expect(try store.database.scalar("SELECT last_id FROM automation_cursors") == .integer(7))
        #expect(try store.database.scalar("PRAGMA integrity_check") == .text("ok"))
        #expect(throws: SQLiteError.self) {
            try store.database.execute("INSERT INTO automation_cursors (user_id, source, last_id) VALUES ('u2', 'nowhere', 0)")
        }
    }
}
