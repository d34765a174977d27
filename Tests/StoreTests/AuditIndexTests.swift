import Testing
@testable import Store

/// Migration 12: the audit tables carry only the indexes a query reads, since
/// each one costs a B-tree insert per row `run` writes.
@Suite struct AuditIndexTests {
    private func indexes(of table: String, in store: Store) throws -> Set<String> {
        Set(try store.database.rows("SELECT name FROM pragma_index_list(?)", [.text(table)]).compactMap { $0[0].string })
    }

    @Test func runRowsHaveNoSecondaryIndex() throws {
        let store = try Store.open(path: ":memory:")
        #expect(try indexes(of: "automation_rule_runs", in: store).isEmpty)
    }

    @Test func actionRowsKeepTheirUniqueKeyAndAnIndexByOutcome() throws {
        let store = try Store.open(path: ":memory:")
        let names = try indexes(of: "automation_rule_actions", in: store)
        #expect(names == ["sqlite_autoindex_automation_rule_actions_1", "automation_rule_actions_by_outcome"])
        let unique = try store.database.rows("SELECT name FROM pragma_index_info('sqlite_autoindex_automation_rule_actions_1') ORDER BY seqno")
        #expect(unique.map { $0[0].string } == ["run_id", "fan_id", "action_index"])
    }

    /// The demo's summary counts a creator's action rows by type and outcome.
    @Test func countingActionsByOutcomeReadsOnlyTheIndex() throws {
        let store = try Store.open(path: ":memory:")
        let plan = try store.database.rows("""
            EXPLAIN QUERY PLAN SELECT count(*) FROM automation_rule_actions
            WHERE user_id = 'u1' AND action_type = 'send' AND outcome = 'executed'
            """).compactMap { $0[3].string }.joined(separator: "\n")
        #expect(plan.contains("COVERING INDEX automation_rule_actions_by_outcome"), "plan: \(plan)")
    }

    /// Migration 14: cooldowns and limits count a range of the firings' one
    /// index, which is also their uniqueness key (an append and one insert per firing).
    @Test func countingFiringsForCooldownsIsARangeOfTheirOneIndex() throws {
        let store = try Store.open(path: ":memory:")
        let plan = try store.database.rows("""
            EXPLAIN QUERY PLAN SELECT count(*) FROM automation_rule_firings
            WHERE user_id = 'u1' AND rule_id = 1 AND fan_id = 2 AND fired_at > 3 AND fired_at <= 4
            """).compactMap { $0[3].string }.joined(separator: "\n")
        #expect(plan.contains("COVERING INDEX automation_rule_firings_by_fan (user_id=? AND rule_id=? AND fan_id=? AND fired_at>? AND fired_at<?)"),
                "plan: \(plan)")
        #expect(try indexes(of: "automation_rule_firings", in: store) == ["automation_rule_firings_by_fan"])
        let key = try store.database.rows("SELECT name FROM pragma_index_info('automation_rule_firings_by_fan') ORDER BY seqno")
        #expect(key.map { $0[0].string } == ["user_id", "rule_id", "fan_id", "fired_at", "run_id"])
        #expect(try store.database.scalar("SELECT \"unique\" FROM pragma_index_list('automation_rule_firings') WHERE name = 'automation_rule_firings_by_fan'") == .integer(1))
    }

    /// A file at schema version 13 (before migration 14) with one firing of
    /// creator u1 per fan, at time 100; `then` may change it before it closes.
    private func versionThirteenFile(in dir: TempDirectory, fans: Int,
                                     then change: (Database) throws -> Void = { _ in }) throws -> String {
        let path = dir.path("v13.sqlite")
        let old = try Database(path: path)
        try Migrator.migrate(old, migrations: Array(Migration.all.prefix(13)))
        let rule = try MinimalRows.insert("automation_rules", into: old, user: "u1")
        let run = try MinimalRows.insert("automation_rule_runs", into: old, user: "u1")
        for _ in 0..<fans {
            let fan = try MinimalRows.insert("fan_profiles", into: old, user: "u1")
            try old.execute("INSERT INTO automation_rule_firings (user_id, rule_id, fan_id, run_id, fired_at) VALUES ('u1', ?, ?, ?, 100)",
                            [.integer(rule), .integer(fan), .integer(run)])
        }
        try change(old)
        return path
    }

    /// A file written before migration 14 keeps its firings, and the creator
    /// scope still guards the rebuilt table.
    @Test func firingsSurviveTheRebuild() throws {
        let dir = try TempDirectory()
        let store = try Store.open(path: try versionThirteenFile(in: dir, fans: 1))
        let rows = try store.database.rows("SELECT user_id, fired_at FROM automation_rule_firings")
        #expect(rows.map { [$0[0], $0[1]] } == [[.text("u1"), .integer(100)]])
        let otherFan = try MinimalRows.insert("fan_profiles", into: store.database, user: "u2")
        let error = #expect(throws: SQLiteError.self) {
            try store.database.execute("""
                INSERT INTO automation_rule_firings (user_id, rule_id, fan_id, run_id, fired_at)
                SELECT 'u1', rule_id, ?, run_id, 200 FROM automation_rule_firings
                """, [.integer(otherFan)])
        }
        #expect(error?.message.contains("belongs to another creator") == true)
    }

    /// A firing whose fan a tool without foreign keys deleted cannot be copied
    /// under the rebuilt table's keys: it stays behind, and the store opens.
    @Test func anOrphanedFiringDoesNotStopTheRebuild() throws {
        let dir = try TempDirectory()
        let path = try versionThirteenFile(in: dir, fans: 2) { old in
            try old.execute("PRAGMA foreign_keys = OFF")
            try old.execute("DELETE FROM fan_profiles WHERE id = (SELECT max(id) FROM fan_profiles)")
        }
        let store = try Store.open(path: path)
        #expect(store.schemaVersion == Migration.latestVersion)
        #expect(try store.database.scalar("SELECT count(*) FROM automation_rule_firings") == .integer(1))
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
    }
}
