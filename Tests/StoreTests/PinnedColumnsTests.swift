import Testing
@testable import Store

@Suite struct PinnedColumnsTests {
    @Test(arguments: PinnedSchema.columns.keys.sorted())
    func everyPinnedColumnExists(table: String) throws {
        let store = try Store.open(path: ":memory:")
        let actual = Set(try store.database.rows("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap { $0[0].string })
        let missing = try #require(PinnedSchema.columns[table]).filter { !actual.contains($0) }
        #expect(missing.isEmpty, "\(table) lacks pinned columns \(missing)")
    }

    @Test(arguments: PinnedSchema.columns.keys.sorted())
    func aRowWithThePinnedColumnsAloneIsValid(table: String) throws {
        let store = try Store.open(path: ":memory:")
        var writer = PinnedRow(db: store.database, user: "outside_tool")
        let id = try writer.insert(table)
        #expect(try store.database.scalar("SELECT count(*) FROM \(table) WHERE id = ?", [.integer(id)]) == .integer(1))
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    /// The pinned UNIQUE keys hold: a second row with the same key is refused.
    @Test func theDedupKeyOfAFanIsUnique() throws {
        let store = try Store.open(path: ":memory:")
        var writer = PinnedRow(db: store.database, user: "u1")
        let key: [String: SQLValue] = ["platform": "fansly", "platform_fan_id": "fs_42"]
        try writer.insert("fan_platform_accounts", overriding: key)
        let error = try #require(throws: SQLiteError.self) { try writer.insert("fan_platform_accounts", overriding: key) }
        #expect(error.extendedCode == 2067 /* SQLITE_CONSTRAINT_UNIQUE */)
        // The same platform id under another creator is a different fan.
        var other = PinnedRow(db: store.database, user: "u2")
        try other.insert("fan_platform_accounts", overriding: key)
    }

    @Test func enumChecksAcceptTheContractValuesAndNothingElse() throws {
        let store = try Store.open(path: ":memory:")
        var writer = PinnedRow(db: store.database, user: "u1")
        let cases: [(table: String, column: String, values: [String])] = [
            ("fan_transactions", "kind", StoreEnums.transactionKinds),
            ("fan_subscriptions", "status", StoreEnums.subscriptionStatuses),
            ("fan_subscription_events", "event_type", StoreEnums.subscriptionEventTypes),
            ("fan_messages", "status", StoreEnums.messageStatuses),
            ("fan_scores", "dimension", StoreEnums.scoreDimensions),
            ("fan_platform_accounts", "platform", StoreEnums.platforms),
            ("fan_memories", "kind", StoreEnums.memoryKinds),
            ("fan_custom_requests", "stage", StoreEnums.customRequestStages),
            ("hitl_action_queue", "status", StoreEnums.hitlStatuses),
            ("automation_rule_actions", "outcome", StoreEnums.actionOutcomes),
        ]
        for (table, column, values) in cases {
            for value in values { try writer.insert(table, overriding: [column: .text(value)]) }
            let error = try #require(throws: SQLiteError.self) { try writer.insert(table, overriding: [column: "bogus"]) }
            #expect(error.extendedCode == 275 /* SQLITE_CONSTRAINT_CHECK */, "\(table).\(column)")
        }
    }

    @Test func lifetimeSpendFollowsTransactionsByTrigger() throws {
        let store = try Store.open(path: ":memory:")
        var writer = PinnedRow(db: store.database, user: "u1")
        let fan = try writer.insert("fan_profiles", overriding: ["lifetime_spend_cents": 0])
        for amount: Int64 in [500, 2_000, 1_999] {
            try writer.insert("fan_transactions", overriding: ["fan_id": .integer(fan), "amount_cents": .integer(amount)])
        }
        #expect(try store.database.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE id = ?", [.integer(fan)]) == .integer(4_499))
    }
}
