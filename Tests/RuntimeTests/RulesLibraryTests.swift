import Foundation
import Planning
import RulecTestSupport
import Runtime
import Store
import Syntax
import Testing

/// The Rules/ library, deployed on a seeded store and run over a day of
/// events: each rule fires for the fans it should and not for the others.
/// Every scenario fan is made here with exactly the history its rule looks at,
/// so each expectation follows from the rule's text, not from random data.
@Suite(.serialized) struct RulesLibraryTests {
    static let user = "creator_a"
    /// 2026-11-24T00:00:00Z, a Tuesday; 19:00 the day before in New York, the creator's zone.
    static let deployedAt = SeedOptions.defaultNow
    static let endOfDay = deployedAt + 86_400

    /// Builds scenario fans and their history (before deploy, so it is history
    /// and fires nothing), then the day's events (after deploy).
    final class World {
        let folder: TemporaryFolder
        let store: Store
        let creator: CreatorStore
        var fans: [String: Int64] = [:]
        private var accountSerial = 0

        init() throws {
            folder = try TemporaryFolder("rules")
            store = try EngineStore.open(path: folder.path("crm.sqlite"))
            creator = store.creator(RulesLibraryTests.user)
            try Seeder.run(SeedOptions(fans: 150, seed: 5, userID: RulesLibraryTests.user), into: store)
        }

        func id(_ name: String) -> Int64 { fans[name]! }

        @discardableResult
        func fan(_ name: String, createdDaysAgo: Int64 = 60, lastActiveDaysAgo: Int64 = 2) throws -> Int64 {
            let created = deployedAt - createdDaysAgo * 86_400
            let id = try creator.insert("""
                INSERT INTO fan_profiles (user_id, display_name, lifecycle_stage, created_at, last_active_at)
                VALUES (:user, ?, 'active', ?, ?)
                """, [.text(name), .integer(created), .integer(deployedAt - lastActiveDaysAgo * 86_400)])
            accountSerial += 1
            try creator.execute("""
                INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
                VALUES (:user, ?, 'onlyfans', ?, ?, ?)
                """, [.integer(id), .text("scenario-\(accountSerial)"), .text(name.lowercased()), .integer(created)])
            fans[name] = id
            return id
        }

        func account(_ fan: Int64) throws -> Int64 {
            try creator.scalar("SELECT id FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? LIMIT 1", [.integer(fan)]).int64!
        }

        func transaction(_ fan: Int64, _ kind: String, cents: Int64, at time: Int64) throws {
            try creator.execute("""
                INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
                VALUES (:user, ?, ?, 'onlyfans', ?, ?, ?)
                """, [.integer(fan), .integer(try account(fan)), .text(kind), .integer(cents), .integer(time)])
        }

        func subscriptionEvent(_ fan: Int64, _ type: String, at time: Int64) throws {
            try creator.execute("""
                INSERT INTO fan_subscription_events (user_id, fan_id, account_id, platform, event_type, tier, price_cents, occurred_at)
                VALUES (:user, ?, ?, 'onlyfans', ?, 'standard', 999, ?)
                """, [.integer(fan), .integer(try account(fan)), .text(type), .integer(time)])
        }

        func subscription(_ fan: Int64, autoRenew: Bool, renewsAt: Int64) throws {
            try creator.execute("""
                INSERT INTO fan_subscriptions (user_id, fan_id, account_id, platform, tier, status, auto_renew, price_cents, started_at, renews_at)
                VALUES (:user, ?, ?, 'onlyfans', 'standard', 'active', ?, 999, ?, ?)
                """, [.integer(fan), .integer(try account(fan)), .integer(autoRenew ? 1 : 0), .integer(deployedAt - 60 * 86_400), .integer(renewsAt)])
        }

        func message(_ fan: Int64, at time: Int64) throws {
            try creator.execute("""
                INSERT INTO fan_messages (user_id, fan_id, account_id, platform, direction, body, sentiment, status, sent_at, created_at)
                VALUES (:user, ?, ?, 'onlyfans', 'inbound', 'hi!', 0.5, 'received', ?, ?)
                """, [.integer(fan), .integer(try account(fan)), .integer(time), .integer(time)])
        }

        func score(_ fan: Int64, _ dimension: String, _ value: Double) throws {
            try creator.execute("""
                INSERT INTO fan_scores (user_id, fan_id, dimension, value, computed_at) VALUES (:user, ?, ?, ?, ?)
                ON CONFLICT (user_id, fan_id, dimension) DO UPDATE SET value = excluded.value
                """, [.integer(fan), .text(dimension), .real(value), .integer(deployedAt)])
        }

        func tag(_ fan: Int64, _ tag: String) throws {
            try creator.execute("INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)",
                                [.integer(fan), .text(tag), .integer(deployedAt - 86_400)])
        }

        func memory(_ fan: Int64, birthday: String) throws {
            try creator.execute("INSERT INTO fan_memories (user_id, fan_id, kind, key, value, created_at) VALUES (:user, ?, 'key_date', 'birthday', ?, ?)",
                                [.integer(fan), .text(birthday), .integer(deployedAt - 30 * 86_400)])
        }

        func customRequest(_ fan: Int64, at time: Int64) throws {
            try creator.execute("""
                INSERT INTO fan_custom_requests (user_id, fan_id, description, stage, status, offered_price_cents, created_at)
                VALUES (:user, ?, 'a video in the red outfit', 'requested', 'pending', 5000, ?)
                """, [.integer(fan), .integer(time)])
        }

        /// The fans a rule fired for, by name.
        func fired(_ rule: String) throws -> Set<String> {
            let ids = Set(try creator.rows("""
                SELECT f.fan_id FROM automation_rule_firings f JOIN automation_rules r ON r.id = f.rule_id
                WHERE f.user_id = :user AND r.name = ?
                """, [.text(rule)]).compactMap { $0[0].int64 })
            return Set(fans.filter { ids.contains($0.value) }.map(\.key))
        }
    }

    static func rulesFolder() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules").path
    }

    static func ruleFiles() throws -> [SourceFile] {
        let folder = rulesFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".rules") }.sorted()
        return try names.enumerated().map { index, name in
            SourceFile(id: FileID(UInt32(index)), path: "Rules/" + name,
                       bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
    }

    @Test func everyRuleFiresForTheFansItShouldAndNoOthers() throws {
        let world = try World()
        let t = Self.deployedAt
        func at(hours: Double) -> Int64 { t + Int64(hours * 3_600) }

        // History, before deploy.
        for name in ["Starter", "Renewer", "Returner", "BigTipper", "SmallTipper", "AlreadyThanked", "LapsedWhale", "LapsedMinnow",
                     "AtRisk", "SafeAutoRenew", "PPVBuyer", "DMBuyer", "Requester", "RepeatTipper", "OnceTipper", "AlmostVIP",
                     "FarFromVIP", "WhaleDM", "SmallDM", "LoyalDrifter", "CheapDrifter", "RenewingSoon", "AutoRenewing",
                     "BirthdayToday", "BirthdayLater", "Silent", "Chatty"] {
            try world.fan(name)
        }
        for name in ["LapsedWhale", "WhaleDM"] {
            try world.transaction(world.id(name), "ppv", cents: 60_000, at: t - 40 * 86_400)
        }
        try world.message(world.id("LapsedWhale"), at: t - 5 * 86_400)
        try world.message(world.id("LapsedMinnow"), at: t - 5 * 86_400)
        try world.tag(world.id("AlreadyThanked"), "big_tipper")
        for (name, renews) in [("AtRisk", t + 2 * 86_400), ("SafeAutoRenew", t + 2 * 86_400)] {
            try world.subscription(world.id(name), autoRenew: name == "SafeAutoRenew", renewsAt: renews)
            try world.score(world.id(name), "churn_risk", 0.9)
        }
        try world.subscription(world.id("RenewingSoon"), autoRenew: false, renewsAt: t + 2 * 86_400)
        try world.subscription(world.id("AutoRenewing"), autoRenew: true, renewsAt: t + 2 * 86_400)
        for days in [3.0, 10.0] { try world.transaction(world.id("RepeatTipper"), "tip", cents: 500, at: t - Int64(days * 86_400)) }
        try world.transaction(world.id("AlmostVIP"), "ppv", cents: 99_000, at: t - 20 * 86_400)
        try world.transaction(world.id("FarFromVIP"), "ppv", cents: 10_000, at: t - 20 * 86_400)
        for name in ["LoyalDrifter", "CheapDrifter"] {
            try world.subscription(world.id(name), autoRenew: true, renewsAt: t + 20 * 86_400)
            try world.score(world.id(name), "loyalty", 0.8)
        }
        try world.transaction(world.id("LoyalDrifter"), "ppv", cents: 20_000, at: t - 20 * 86_400)
        try world.transaction(world.id("CheapDrifter"), "ppv", cents: 2_000, at: t - 20 * 86_400)
        try world.memory(world.id("BirthdayToday"), birthday: "11-24")
        try world.memory(world.id("BirthdayLater"), birthday: "12-01")
        for name in ["Silent", "Chatty"] { try world.subscription(world.id(name), autoRenew: true, renewsAt: t + 20 * 86_400) }
        try world.message(world.id("Chatty"), at: t - 3 * 86_400)

        // Deploy, and the segments' starting membership.
        let deployed = try Deployer.deploy(files: Self.ruleFiles(), to: world.creator, now: t)
        #expect(deployed.rulesAdded.count >= 12)
        let program = try #require(try DeployedProgram.load(from: world.creator)).program
        let zone = try CreatorTimeZone.load(from: world.creator)
        let refresher = SegmentRefresher(store: world.creator, program: program)
        _ = try refresher.refresh(now: t, zone: zone)

        // The day.
        try world.subscriptionEvent(world.id("Starter"), "started", at: at(hours: 1))
        try world.subscriptionEvent(world.id("Renewer"), "renewed", at: at(hours: 1))
        try world.subscriptionEvent(world.id("Returner"), "win_back", at: at(hours: 2))
        try world.transaction(world.id("BigTipper"), "tip", cents: 2_500, at: at(hours: 3))
        try world.transaction(world.id("SmallTipper"), "tip", cents: 500, at: at(hours: 3))
        try world.transaction(world.id("AlreadyThanked"), "tip", cents: 3_000, at: at(hours: 3))
        try world.subscriptionEvent(world.id("LapsedWhale"), "cancelled", at: at(hours: 4))
        try world.subscriptionEvent(world.id("LapsedMinnow"), "cancelled", at: at(hours: 4))
        try world.transaction(world.id("PPVBuyer"), "ppv", cents: 999, at: at(hours: 5))
        try world.transaction(world.id("DMBuyer"), "paid_dm", cents: 999, at: at(hours: 5))
        try world.customRequest(world.id("Requester"), at: at(hours: 6))
        try world.transaction(world.id("RepeatTipper"), "tip", cents: 500, at: at(hours: 7))
        try world.transaction(world.id("OnceTipper"), "tip", cents: 500, at: at(hours: 7))
        try world.transaction(world.id("AlmostVIP"), "tip", cents: 2_000, at: at(hours: 8))
        try world.transaction(world.id("FarFromVIP"), "tip", cents: 2_000, at: at(hours: 8))
        try world.message(world.id("WhaleDM"), at: at(hours: 9))
        try world.message(world.id("SmallDM"), at: at(hours: 9))
        // The drifters' loyalty drops: the end-of-day refresh sees them leave loyal_fans.
        for name in ["LoyalDrifter", "CheapDrifter"] { try world.score(world.id(name), "loyalty", 0.2) }
        _ = try refresher.refresh(now: Self.endOfDay, zone: zone)

        _ = try Engine(store: world.creator).runUntilIdle(clock: Self.endOfDay)
        // Next Monday noon in New York: the weekly re-engagement slot has come.
        _ = try Engine(store: world.creator).runUntilIdle(clock: t + 6 * 86_400 + 17 * 3_600)

        let expectations: [(rule: String, fires: Set<String>, not: Set<String>)] = [
            ("Welcome new subscribers", ["Starter"], ["Renewer"]),
            ("Welcome back after a win-back", ["Returner"], ["Renewer", "Starter"]),
            ("Thank big tippers", ["BigTipper"], ["SmallTipper", "AlreadyThanked"]),
            ("Win back lapsed whales", ["LapsedWhale"], ["LapsedMinnow"]),
            ("Daily churn save", ["AtRisk"], ["SafeAutoRenew"]),
            ("Follow up on PPV purchases", ["PPVBuyer"], ["DMBuyer"]),
            ("Custom request intake", ["Requester"], ["PPVBuyer"]),
            ("Tag repeat tippers", ["RepeatTipper"], ["OnceTipper", "SmallTipper"]),
            ("VIP milestone", ["AlmostVIP"], ["FarFromVIP"]),
            ("Note new VIPs", ["AlmostVIP"], ["FarFromVIP"]),
            ("Priority high-value DMs", ["WhaleDM"], ["SmallDM"]),
            ("Check in when a loyal fan drifts", ["LoyalDrifter"], ["CheapDrifter"]),
            ("Renewal reminder", ["RenewingSoon", "AtRisk"], ["AutoRenewing", "SafeAutoRenew"]),
            ("Birthday greetings", ["BirthdayToday"], ["BirthdayLater"]),
            ("Re-engage silent fans", ["Silent"], ["Chatty"]),
        ]
        for expectation in expectations {
            let fired = try world.fired(expectation.rule)
            #expect(expectation.fires.isSubset(of: fired), "\(expectation.rule) should fire for \(expectation.fires.subtracting(fired).sorted())")
            #expect(fired.isDisjoint(with: expectation.not), "\(expectation.rule) fired for \(fired.intersection(expectation.not).sorted())")
        }
        // Every rule of the library is covered by a scenario.
        #expect(Set(expectations.map(\.rule)) == Set(program.rules.map(\.name)))
    }
}
