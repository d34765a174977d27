import Foundation
import Testing
@testable import Store

@Suite struct SeedTests {
    static let now = SeedOptions.defaultNow

    static func seeded(_ path: String, fans: Int = 300, seed: UInt64 = 7, user: String = "creator_a") throws -> Store {
        let store = try Store.open(path: path)
        try Seeder.run(SeedOptions(fans: fans, seed: seed, userID: user, now: now), into: store)
        return store
    }

    /// Every row of every table, in primary-key order, except the migration ledger (which records wall-clock time).
    static func dump(_ db: Database, user: String? = nil) throws -> [String: [[SQLValue]]] {
        let tables = try db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%'")
            .compactMap { $0[0].string }
        var result: [String: [[SQLValue]]] = [:]
        for table in tables {
            let hasUser = try db.scalar("SELECT count(*) FROM pragma_table_info(?) WHERE name = 'user_id'", [.text(table)]) == .integer(1)
            // `id` for most tables; the whole key for a WITHOUT ROWID one.
            let key = try db.rows("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [.text(table)])
                .compactMap { $0[0].string }.joined(separator: ", ")
            if let user, hasUser {
                result[table] = try db.rows("SELECT * FROM \(table) WHERE user_id = ? ORDER BY \(key)", [.text(user)])
            } else if user == nil {
                result[table] = try db.rows("SELECT * FROM \(table) ORDER BY \(key)")
            }
        }
        return result
    }

    @Test func theSameArgumentsGiveIdenticalRows() throws {
        let dir = try TempDirectory()
        let first = try Self.dump(Self.seeded(dir.path("one.sqlite")).database)
        let second = try Self.dump(Self.seeded(dir.path("two.sqlite")).database)
        #expect(first.keys.sorted() == second.keys.sorted())
        for table in first.keys.sorted() {
            #expect(first[table] == second[table], "\(table) differs between two identical seeds")
        }
        let other = try Self.dump(Self.seeded(dir.path("three.sqlite"), seed: 8).database)
        #expect(other["fan_transactions"] != first["fan_transactions"], "a different seed should give different data")
    }

    @Test func subscriptionStateAgreesWithItsEventHistory() throws {
        let store = try Self.seeded(":memory:")
        let expected = ["trial_started": "trial", "started": "active", "renewed": "active", "win_back": "active",
                        "cancelled": "cancelled", "expired": "expired"]
        var checked = 0
        try store.database.forEachRow("""
            SELECT s.status, s.renews_at, s.auto_renew,
                   (SELECT e.event_type FROM fan_subscription_events e WHERE e.subscription_id = s.id
                    ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1),
                   (SELECT count(*) FROM fan_subscription_events e WHERE e.subscription_id = s.id AND e.fan_id <> s.fan_id)
            FROM fan_subscriptions s
            """) { row in
            let status = row.string(0), lastEvent = row.string(3)
            #expect(expected[lastEvent] == status, "subscription \(status) after \(lastEvent)")
            #expect(row.int(4) == 0)
            if status == "expired" { #expect(row.isNull(1)) } else { #expect(row.int64(1) > Self.now) }
            if status == "cancelled" { #expect(row.int(2) == 0) }
            checked += 1
        }
        #expect(checked > 100)
        let types = Set(try store.database.rows("SELECT DISTINCT event_type FROM fan_subscription_events").compactMap { $0[0].string })
        #expect(types == Set(StoreEnums.subscriptionEventTypes))
        // Every charge matches a started, renewed or win_back event of the same price.
        #expect(try store.database.scalar("""
            SELECT count(*) FROM fan_transactions t LEFT JOIN fan_subscription_events e ON e.id = t.subscription_event_id
            WHERE t.kind = 'subscription' AND (e.id IS NULL OR e.event_type NOT IN ('started', 'renewed', 'win_back')
                                               OR e.price_cents <> t.amount_cents OR e.occurred_at <> t.occurred_at)
            """) == .integer(0))
    }

    @Test func theSeedIsInternallyConsistent() throws {
        let store = try Self.seeded(":memory:")
        let db = store.database
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.scalar("""
            SELECT count(*) FROM fan_profiles f
            WHERE lifetime_spend_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM fan_transactions t WHERE t.fan_id = f.id)
            """) == .integer(0))
        for (table, columns) in PinnedSchema.columns {
            let actual = Set(try db.rows("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap { $0[0].string })
            #expect(Set(columns).isSubset(of: actual), "\(table) lacks pinned columns")
        }
        // Events lie in the 180 days before now, and some in its last day.
        for (table, column) in [("fan_transactions", "occurred_at"), ("fan_subscription_events", "occurred_at"), ("fan_messages", "sent_at")] {
            let range = try db.rows("SELECT min(\(column)), max(\(column)), sum(\(column) > ?) FROM \(table)", [.integer(Self.now - 86_400)])[0]
            #expect(range[0].int64! >= Self.now - 181 * 86_400, "\(table) starts too early")
            #expect(range[1].int64! <= Self.now, "\(table) has events after now")
            #expect(range[2].int64! > 0, "\(table) has nothing in the last day")
        }
        // Identity: about 1.3 accounts per person, linked within the person.
        let accounts = Double(try db.scalar("SELECT count(*) FROM fan_platform_accounts").int64!) / 300
        #expect((1.15...1.5).contains(accounts))
        #expect(try db.scalar("""
            SELECT count(*) FROM fan_identity_links l JOIN fan_platform_accounts a ON a.id = l.account_a_id
            JOIN fan_platform_accounts b ON b.id = l.account_b_id WHERE a.fan_id <> b.fan_id
            """) == .integer(0))
        #expect(try db.scalar("SELECT count(*) FROM fan_identity_links").int64! > 0)
        // Heavy-tailed spend: the top spender far above the median.
        let spend = try db.rows("SELECT lifetime_spend_cents FROM fan_profiles ORDER BY 1").compactMap { $0[0].int64 }
        #expect(spend.last! > 20 * max(spend[spend.count / 2], 1))
        #expect(try db.scalar("SELECT count(*) FROM fan_scores").int64 == 300 * 4)
    }

    @Test func everyCollectionTheEngineDoesNotOwnHasRows() throws {
        let store = try Self.seeded(":memory:")
        let engineOwned: Set = ["automation_rules", "automation_rule_runs", "automation_rule_actions", "hitl_action_queue",
                                "fan_segments", "fan_segment_members", "fan_segment_member_events", "automation_cursors",
                                "automation_scheduled_actions", "automation_schedule_state"]
        for table in PinnedSchema.allCollections where !engineOwned.contains(table) {
            #expect(try store.database.scalar("SELECT count(*) FROM \(table)").int64! > 0, "\(table) is empty")
        }
    }

    @Test func templatesMemoriesAndProfileAreWhatRulesExpect() throws {
        let store = try Self.seeded(":memory:")
        let db = store.database
        let names = Set(try db.rows("SELECT name FROM message_templates").compactMap { $0[0].string })
        for name in ["welcome", "tip_thanks", "ppv_followup", "renewal_reminder", "we_miss_you", "winback_offer", "vip_welcome",
                     "custom_request_ack", "reengage", "birthday", "vip_dm_reply", "segment_exit_checkin"] {
            #expect(names.contains(name), "template \(name) missing")
        }
        #expect(SeedTemplates.slots(in: try db.scalar("SELECT body FROM message_templates WHERE name = 'winback_offer'").string!)
                == ["fan_name", "discount"])
        let birthdays = try db.rows("SELECT value FROM fan_memories WHERE kind = 'key_date' AND key = 'birthday'").compactMap { $0[0].string }
        #expect(birthdays.count > 30)
        #expect(birthdays.allSatisfy { $0.wholeMatch(of: /(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])/) != nil })
        #expect(try db.rows("SELECT timezone, currency FROM creator_profiles") == [["America/New_York", "USD"]])
    }

    @Test func twoCreatorsNeverMix() throws {
        let dir = try TempDirectory()
        let path = dir.path("shared.sqlite")
        let store = try Self.seeded(path, user: "creator_a")
        let before = try Self.dump(store.database, user: "creator_a")
        try Seeder.run(SeedOptions(fans: 200, seed: 99, userID: "creator_b", now: Self.now), into: store)
        #expect(try Self.dump(store.database, user: "creator_a") == before, "seeding B changed A's rows")
        #expect(try store.creator("creator_b").scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user") == .integer(200))

        // Every reference stays within one creator.
        var crossings = 0, links = 0
        try store.database.forEachRow("""
            SELECT m.name, f."from", f."table" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(f."table") WHERE name = 'user_id')
            """) { link in
            links += 1
            crossings += Int(try store.database.scalar("""
                SELECT count(*) FROM \(link.string(0)) c JOIN \(link.string(2)) p ON p.id = c.\(link.string(1)) WHERE p.user_id <> c.user_id
                """).int64!)
        }
        #expect(links > 40)
        #expect(crossings == 0)
        #expect(throws: StoreError.creatorAlreadySeeded(userID: "creator_a")) {
            try Seeder.run(SeedOptions(fans: 1, userID: "creator_a"), into: store)
        }
    }
}
