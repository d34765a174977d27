import Testing
@testable import Store

@Suite struct DaySimulatorTests {
    static let now = SeedOptions.defaultNow

    func simulatedDay(_ path: String, seed: UInt64 = 1) throws -> (Store, DaySimulator.Report) {
        let store = try Store.open(path: path)
        try Seeder.run(SeedOptions(fans: 200, seed: 7, userID: "creator_a", now: Self.now), into: store)
        try Seeder.run(SeedOptions(fans: 20, seed: 8, userID: "creator_b", now: Self.now), into: store)
        var day = DaySimulator(store: store.creator("creator_a"), start: Self.now, seed: seed)
        return (store, try day.run())
    }

    @Test func aDayIsDeterministicAndEveryKindOfEventHappens() throws {
        let directory = try TempDirectory()
        let (first, report) = try simulatedDay(directory.path("a.sqlite"))
        let (second, again) = try simulatedDay(directory.path("b.sqlite"))
        #expect(report == again)
        #expect(try SeedTests.dump(first.database) == SeedTests.dump(second.database))
        #expect(report.newFans > 0 && report.tips > 0 && report.purchases > 0 && report.messages > 0)
        #expect(report.customRequests > 0 && report.renewals + report.cancellations > 0)
    }

    @Test func eventsFallInTheDayAndKeepTheStoreConsistent() throws {
        let (store, _) = try simulatedDay(":memory:")
        let db = store.database
        for (table, column) in [("fan_transactions", "occurred_at"), ("fan_messages", "sent_at"),
                                ("fan_subscription_events", "occurred_at"), ("fan_custom_requests", "created_at")] {
            let outside = try db.scalar("SELECT count(*) FROM \(table) WHERE user_id = 'creator_a' AND \(column) > ?", [.integer(Self.now + 86_400)])
            #expect(outside == .integer(0), "\(table) has rows after the day")
            let inside = try db.scalar("SELECT count(*) FROM \(table) WHERE user_id = 'creator_a' AND \(column) > ?", [.integer(Self.now)])
            #expect((inside.int64 ?? 0) > 0, "\(table) has no rows in the day")
        }
        #expect(try db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == .integer(0))
        #expect(try db.scalar("""
            SELECT count(*) FROM fan_profiles f WHERE f.lifetime_spend_cents <>
              (SELECT coalesce(sum(amount_cents), 0) FROM fan_transactions t WHERE t.fan_id = f.id)
            """) == .integer(0))
        // The other creator is untouched by creator_a's day.
        #expect(try db.scalar("SELECT count(*) FROM fan_transactions WHERE user_id = 'creator_b' AND occurred_at > ?", [.integer(Self.now)]) == .integer(0))
    }
}
