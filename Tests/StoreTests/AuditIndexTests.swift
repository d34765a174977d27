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

    /// Cooldowns and limits count firings through their index, which stays.
    @Test func countingFiringsForCooldownsUsesTheFiringIndex() throws {
        let store = try Store.open(path: ":memory:")
        let plan = try store.database.rows("""
            EXPLAIN QUERY PLAN SELECT count(*) FROM automation_rule_firings
            WHERE user_id = 'u1' AND rule_id = 1 AND fan_id = 2 AND fired_at > 3 AND fired_at <= 4
            """).compactMap { $0[3].string }.joined(separator: "\n")
        #expect(plan.contains("COVERING INDEX automation_rule_firings_by_fan"), "plan: \(plan)")
    }
}
