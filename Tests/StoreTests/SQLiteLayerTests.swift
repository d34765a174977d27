import Foundation
import Testing
@testable import Store

@Suite struct SQLiteLayerTests {
    static let hostileStrings: [String] = [
        "it's", "\"double\" 'single' `back`", "'; DROP TABLE notes; --", "Robert'); DROP TABLE fan_profiles;--",
        "nul\u{0}inside", "\u{0}", "ends with nul\u{0}", "emoji 😀👩‍👩‍👧‍👦🏳️‍🌈", "zalgo Z̷̢͉a̵l̸g̷o", "", " ", "\n\r\t",
        "e\u{301} vs é", "\u{FEFF}bom", "日本語テキスト", "%s %d %@ ?1 :user",
        String(repeating: "x", count: 1_000_000),
        String(repeating: "héllo wörld 😀 ", count: 70_000),
    ]

    @Test func hostileStringsRoundTripUnchanged() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT")
        for text in Self.hostileStrings {
            try db.execute("INSERT INTO notes (body) VALUES (?)", [.text(text)])
            let id = db.lastInsertRowID
            let back = try db.scalar("SELECT body FROM notes WHERE id = ?", [.integer(id)])
            #expect(back == .text(text), "changed: \(text.prefix(40).debugDescription)")
            // SQLite sees the full byte length, NULs included.
            let bytes = try db.scalar("SELECT length(CAST(body AS BLOB)) FROM notes WHERE id = ?", [.integer(id)])
            #expect(bytes == .integer(Int64(text.utf8.count)))
            // And finds the row when the same value is bound as a parameter.
            #expect(try db.scalar("SELECT id FROM notes WHERE body = ?", [.text(text)]) == .integer(id))
        }
        #expect(try db.tableExists("notes"))
    }

    @Test func everyValueTypeRoundTrips() throws {
        let db = try Database(path: ":memory:")
        let values: [SQLValue] = [.integer(.min), .integer(.max), .integer(0), .real(-0.5), .real(.greatestFiniteMagnitude),
                                  .text("t"), .blob(Data([0, 255, 0])), .blob(Data()), .null]
        for value in values {
            #expect(try db.scalar("SELECT ?", [value]) == value)
        }
    }

    @Test func sqliteErrorsAreTypedAndCarryTheSQL() throws {
        let db = try Database(path: ":memory:")
        let syntax = try #require(throws: SQLiteError.self) { _ = try db.prepare("SELEC 1") }
        #expect(syntax.code == 1)
        #expect(syntax.sql == "SELEC 1")
        #expect(syntax.message.contains("syntax error"))

        let missing = try #require(throws: SQLiteError.self) { try db.execute("SELECT * FROM nowhere WHERE id = ?", [1]) }
        #expect(missing.message.contains("no such table"))
        #expect(missing.sql == "SELECT * FROM nowhere WHERE id = ?")

        let arity = try #require(throws: SQLiteError.self) { try db.execute("SELECT ?, ?", [1]) }
        #expect(arity.code == 25 /* SQLITE_RANGE */)
    }

    @Test func aThrowingTransactionRollsBack() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER) STRICT")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(0))
        #expect(!db.isInTransaction)

        // A nested failure undoes only the inner savepoint.
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (?)", [1])
            _ = try? db.transaction { try db.execute("INSERT INTO t VALUES (?)", [2]); throw Boom() }
        }
        #expect(try db.rows("SELECT x FROM t") == [[.integer(1)]])
    }

    @Test func aWriterWaitingOnALockFailsWithBusyNotACrash() throws {
        let dir = try TempDirectory()
        let path = dir.path("locked.sqlite")
        let first = try Database(path: path)
        try first.execute("CREATE TABLE t (x INTEGER) STRICT")
        let second = try Database(path: path, options: .init(busyTimeoutMilliseconds: 50))
        try first.transaction {
            try first.execute("INSERT INTO t VALUES (?)", [1])
            let error = try #require(throws: SQLiteError.self) { try second.transaction { try second.execute("INSERT INTO t VALUES (?)", [2]) } }
            #expect(error.isBusy)
        }
    }

    @Test func registeredFunctionsWorkAndReportErrors() throws {
        let db = try Database(path: ":memory:")
        try db.registerFunction("rulec_reverse", arity: 1, deterministic: true) { args in
            guard case .text(let s) = args[0] else { return .null }
            return .text(String(s.reversed()))
        }
        try db.registerFunction("rulec_sum", arity: -1, deterministic: true) { args in
            .integer(args.compactMap(\.int64).reduce(0, +))
        }
        struct Refused: Error, CustomStringConvertible { var description: String { "refused on purpose" } }
        try db.registerFunction("rulec_fail", arity: 0, deterministic: false) { _ in throw Refused() }

        #expect(try db.scalar("SELECT rulec_reverse(?)", ["a\u{0}b😀"]) == .text("😀b\u{0}a"))
        #expect(try db.scalar("SELECT rulec_reverse(NULL)") == .null)
        #expect(try db.scalar("SELECT rulec_reverse('')") == .text(""))
        #expect(try db.scalar("SELECT rulec_sum(1, 2, 3, 'x')") == .integer(6))
        let error = try #require(throws: SQLiteError.self) { _ = try db.scalar("SELECT rulec_fail()") }
        #expect(error.message == "refused on purpose")
    }

    @Test func cursorsStepWithoutCollectingAndNestSafely() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER) STRICT")
        try db.transaction { for x in 1...100 { try db.execute("INSERT INTO t VALUES (?)", [.int(x)]) } }
        let sql = "SELECT x FROM t WHERE x <= ? ORDER BY x"
        var pairs = 0
        try db.forEachRow(sql, [3]) { outer in
            // The same SQL inside the loop gets its own statement, not the busy cached one.
            try db.forEachRow(sql, [2]) { _ in pairs += 1 }
            #expect(outer.int(0) >= 1)
        }
        #expect(pairs == 6)
        let cursor = try db.cursor(sql, [100])
        var seen = 0
        while let row = try cursor.next(), row.int(0) <= 10 { seen += 1 }
        #expect(seen == 10)
        #expect(try db.cursor("SELECT 42").next()?[0] == .integer(42))
    }

    @Test func creatorScopeBindsTheUserAndRefusesUnscopedSQL() throws {
        let store = try Store.open(path: ":memory:")
        for (user, name) in [("a", "Ann"), ("b", "Bob")] {
            try store.creator(user).execute("INSERT INTO fan_profiles (user_id, display_name, created_at) VALUES (:user, ?, ?)", [.text(name), 1])
        }
        let a = store.creator("a")
        #expect(try a.rows("SELECT display_name FROM fan_profiles WHERE user_id = :user") == [[.text("Ann")]])
        // Positional values bind around :user, wherever it appears.
        #expect(try a.scalar("SELECT count(*) FROM fan_profiles WHERE display_name = ? AND user_id = :user", ["Ann"]) == .integer(1))
        #expect(try a.scalar("SELECT count(*) FROM fan_profiles WHERE display_name = ? AND user_id = :user", ["Bob"]) == .integer(0))
        #expect(throws: StoreError.unscopedQuery(sql: "SELECT count(*) FROM fan_profiles")) {
            _ = try a.scalar("SELECT count(*) FROM fan_profiles")
        }
    }

    /// Releasing the last handle closes the file: SQLite then checkpoints and
    /// removes the WAL. A reference cycle (statement cache ↔ database) would leave it.
    @Test func releasingTheStoreClosesTheConnection() throws {
        let dir = try TempDirectory()
        let path = dir.path("closing.sqlite")
        do {
            let store = try Store.open(path: path)
            try store.creator("u").execute("INSERT INTO fan_profiles (user_id, created_at) VALUES (:user, ?)", [1])
            #expect(try store.creator("u").scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user") == .integer(1))
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func fragmentsComposeWithTheirBindings() throws {
        let db = try Database(path: ":memory:")
        let parts = [SQLFragment("? > 1", [2]), SQLFragment("? = 'x''y'", ["x'y"])]
        let query = SQLFragment("SELECT ") + SQLFragment.joined(parts, separator: " AND ").parenthesized
        #expect(query.text == "SELECT (? > 1 AND ? = 'x''y')")
        #expect(try db.cursor(query).next()?[0] == .integer(1))
    }
}
