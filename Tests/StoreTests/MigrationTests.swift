import Foundation
import Testing
@testable import Store

@Suite struct MigrationTests {
    @Test func migratesAnEmptyFileToTheLatestVersion() throws {
        let dir = try TempDirectory()
        let store = try Store.open(path: dir.path("crm.sqlite"))
        #expect(store.schemaVersion == Migration.latestVersion)
        let recorded = try store.database.rows("SELECT version FROM schema_migrations ORDER BY version")
        #expect(recorded.map { $0[0].int64 } == Migration.all.map { Int64($0.version) })
        #expect(try store.database.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try store.database.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func everyCollectionOfTheDataModelIsATable() throws {
        let store = try Store.open(path: ":memory:")
        for table in PinnedSchema.allCollections {
            #expect(try store.database.tableExists(table), "missing table \(table)")
        }
        for dropped in ["scraped_media", "content_requests", "taxonomy_mapping", "taxonomy_mappings"] {
            #expect(try !store.database.tableExists(dropped))
        }
    }

    @Test func everyTableIsStrict() throws {
        let store = try Store.open(path: ":memory:")
        let loose = try store.database.rows(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'")
        #expect(loose.isEmpty, "tables not STRICT: \(loose)")
    }

    @Test func eventSourcesNeverReuseIds() throws {
        let store = try Store.open(path: ":memory:")
        for table in PinnedSchema.eventSourcesWithAutoincrement {
            let sql = try store.database.scalar("SELECT sql FROM sqlite_schema WHERE name = ?", [.text(table)]).string ?? ""
            #expect(sql.contains("AUTOINCREMENT"), "\(table) lacks AUTOINCREMENT")
        }
    }

    @Test func reopeningAppliesNothingAndKeepsRows() throws {
        let dir = try TempDirectory()
        let path = dir.path("crm.sqlite")
        do {
            let store = try Store.open(path: path)
            try store.database.execute("INSERT INTO creator_profiles (user_id, display_name) VALUES ('u1', 'Ada')")
        }
        let reopened = try Database(path: path)
        #expect(try Migrator.migrate(reopened).isEmpty)
        #expect(try reopened.scalar("SELECT display_name FROM creator_profiles") == .text("Ada"))
    }

    /// A file migrated to just before `version`, with one creator, one fan and
    /// two transactions, then `prepare`d; returns its path.
    func fileBefore(_ version: Int, in dir: TempDirectory, prepare: (Database) throws -> Void) throws -> String {
        let path = dir.path("before-\(version).sqlite")
        let old = try Database(path: path)
        try Migrator.migrate(old, migrations: Migration.all.filter { $0.version < version })
        try old.execute("""
            INSERT INTO creator_profiles (user_id, display_name) VALUES ('u', 'Ada');
            INSERT INTO fan_profiles (id, user_id, display_name) VALUES (1, 'u', 'Bo');
            INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                VALUES ('u', 1, 'onlyfans', 'tip', 500, 100), ('u', 1, 'onlyfans', 'ppv', 900, 200);
            """)
        try prepare(old)
        return path
    }

    /// Migration 20 makes two per-fan indexes again under their names, with
    /// more columns; on a file with planner statistics they are analyzed
    /// again, so SQLite's estimates of them stay sampled, not guessed.
    @Test func coveringIndexesKeepTheirNamesAndStatistics() throws {
        let dir = try TempDirectory()
        let store = try Database(path: try fileBefore(20, in: dir) { try $0.refreshPlannerStatistics() })
        #expect(try Migrator.migrate(store) == Migration.all.filter { $0.version >= 20 }.map(\.version))
        func columns(_ index: String) throws -> [String] {
            try store.rows("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [.text(index)]).map { $0[0].string ?? "" }
        }
        #expect(try columns("fan_transactions_by_fan") == ["user_id", "fan_id", "kind", "occurred_at", "amount_cents"])
        #expect(try columns("fan_subscriptions_by_fan") == ["user_id", "fan_id", "status", "auto_renew", "renews_at"])
        #expect(try store.scalar("SELECT stat FROM sqlite_stat1 WHERE idx = 'fan_transactions_by_fan'").string?.hasPrefix("2 ") == true)
        #expect(try store.scalar("SELECT sum(amount_cents) FROM fan_transactions") == .integer(1400))
    }

    /// Migration 22 appends `fan_id` to the time indexes. A remade index keeps
    /// its statistics, one figure longer, so an exactly analyzed file does not
    /// get a sampled guess beside exact figures (the planner would then read
    /// windows through the wrong index).
    @Test func edgeIndexesKeepTheirStatisticsOneFigureLonger() throws {
        let dir = try TempDirectory()
        let store = try Database(path: try fileBefore(22, in: dir) {
            try $0.execute("ANALYZE; UPDATE sqlite_stat1 SET stat = '627840 627840 2' WHERE idx = 'fan_transactions_by_time'")
        })
        #expect(try Migrator.migrate(store) == [22])
        #expect(try store.rows("SELECT name FROM pragma_index_info('fan_transactions_by_time') ORDER BY seqno").map { $0[0].string ?? "" }
                == ["user_id", "occurred_at", "fan_id"])
        #expect(try store.scalar("SELECT stat FROM sqlite_stat1 WHERE idx = 'fan_transactions_by_time'") == .text("627840 627840 2 2"))
    }

    /// A migration is copied back from the WAL into the file before `migrate`
    /// returns (a read-only command never checkpoints, and reads through a
    /// large WAL were twice as slow): the file alone, without its WAL, is at
    /// the latest version while the migrating connection is still open.
    @Test func aMigrationIsCopiedBackIntoTheFile() throws {
        let dir = try TempDirectory()
        let path = try fileBefore(22, in: dir) { _ in }
        let store = try Database(path: path)
        #expect(try store.scalar("PRAGMA journal_mode") == .text("wal"))
        try withExtendedLifetime(store) {
            #expect(try Migrator.migrate(store) == [22])
            try FileManager.default.copyItem(atPath: path, toPath: dir.path("alone.sqlite"))
            let alone = try Database(path: dir.path("alone.sqlite"))
            #expect(try Migrator.currentVersion(of: alone) == Migration.latestVersion)
        }
    }

    @Test func anOlderFileIsMigratedForward() throws {
        let dir = try TempDirectory()
        let path = dir.path("old.sqlite")
        do {
            let old = try Database(path: path)
            try Migrator.migrate(old, migrations: Array(Migration.all.prefix(3)))
            #expect(try Migrator.currentVersion(of: old) == 3)
            #expect(try !old.tableExists("automation_cursors"))
        }
        let store = try Store.open(path: path)
        #expect(store.schemaVersion == Migration.latestVersion)
        #expect(try store.database.tableExists("automation_cursors"))
    }

    @Test func aNewerFileIsRefusedWithATypedError() throws {
        let dir = try TempDirectory()
        let path = dir.path("newer.sqlite")
        do {
            let store = try Store.open(path: path)
            try store.database.execute("INSERT INTO schema_migrations (version, name) VALUES (?, 'from_the_future')",
                                       [.int(Migration.latestVersion + 1)])
        }
        #expect(throws: StoreError.newerSchema(path: path, found: Migration.latestVersion + 1, supported: Migration.latestVersion)) {
            _ = try Store.open(path: path)
        }
    }
}
