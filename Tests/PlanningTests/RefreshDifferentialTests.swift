import Foundation
import Testing
@testable import Planning
import Semantics
import Store
import Syntax

/// Incremental `segments refresh` against a full one (issue 12): random
/// programs (the differential generator's segments plus the shapes of the
/// `Rules/` library) over random CRMs, then random streams of changes (rows
/// inserted, updated in place, deleted; scores, profile fields, subscription
/// state and tags changed; new fans) and clock steps across window edges,
/// forwards and sometimes back. After every step one store is refreshed
/// incrementally and a copy in full; members, member counts and the
/// entered/exited events must be identical. `RULEC_REFRESH_CASES` and
/// `RULEC_REFRESH_SEED` run more or other cases.
@Suite(.serialized) struct RefreshDifferentialTests {
    static let steps = 10

    /// Segments shaped like the library's (windows, `now ± d` on an element's
    /// field, `within` on a profile column, scores, tags, subscription state,
    /// `fan in`), so every run has segments the incremental path handles.
    static let librarySegments = """
        segment r_renewing { exists(fan.subscriptions where status == "active" and auto_renew == false and renews_at >= now and renews_at < now + 3d) }
        segment r_silent { fan.is_subscribed and count(fan.messages within 30d where direction == "inbound") == 0 }
        segment r_new { fan.created_at within 7d }
        segment r_tippers { count(fan.transactions within 1d where kind == "tip") >= 2 }
        segment r_loyal { fan.is_subscribed and fan.score.loyalty >= 0.5 and fan.last_active_at within 1d }
        segment r_risk { fan.score.churn_risk >= 0.7 and exists(fan.subscriptions where status == "active" and renews_at < now + 3d) }
        segment r_nested { fan in r_tippers or ("vip" in fan.tags and not (fan in r_new)) }
        segment r_recent { max(fan.transactions.occurred_at) > 12h ago and sum(fan.transactions.amount within 7d) >= $1 }
        segment r_birthday { exists(fan.memories where kind == "key_date" and value == month_day(now)) }
        segment r_net { sum(fan.transactions.amount within 1d) >= $1 }
        segment r_lapsed { fan not in r_loyal and not (count(fan.messages within 1d) > 0) and fan.created_at < 2d ago }
        """

    @Test func incrementalRefreshEqualsFullRefresh() throws {
        let environment = ProcessInfo.processInfo.environment
        let cases = environment["RULEC_REFRESH_CASES"].flatMap(Int.init) ?? 12
        let seed = environment["RULEC_REFRESH_SEED"].flatMap(UInt64.init) ?? 20_261_205
        var refreshes = 0, incremental = 0, changedMembers = 0, checked = 0
        for index in 0..<cases {
            var random = DiffRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
            var crmGenerator = DiffCRMGenerator(random: random.fork())
            let crm = crmGenerator.crm()
            let zone = TimeZone(identifier: random.pick(DiffEdges.zones))!
            guard let program = try? checkedProgram(DiffProgram.generate(&random).source + Self.librarySegments) else { continue }
            checked += 1
            let incrementalStore = try crm.makeStore(), fullStore = try crm.makeStore()
            let a = incrementalStore.creator(DiffCRM.queried), b = fullStore.creator(DiffCRM.queried)
            var clock = DiffEdges.now - random.pick([0, 86_400, 8 * 86_400, 31 * 86_400])
            var stream = ChangeStream(random: random.fork())
            for step in 0...Self.steps {
                if step > 0 {
                    for _ in 0..<random.pick([0, 1, 2, 4, 8]) {
                        let change = stream.next(clock: clock)
                        let outcomes = [change.apply(to: incrementalStore), change.apply(to: fullStore)]
                        #expect(outcomes[0] == outcomes[1], "the two stores took \(change) differently")
                    }
                    clock += random.pick(ChangeStream.clockSteps)
                }
                // Tiny stores: candidates are always a large share of the fans, so
                // the share that falls back to a full refresh is raised (mostly).
                var refresher = SegmentRefresher(store: a, program: program)
                refresher.fullRefreshShare = random.pick([1.0, 1.0, 1.0, 0.3])
                let got = try refresher.refresh(now: clock, zone: zone)
                let want = try SegmentRefresher(store: b, program: program).refresh(now: clock, zone: zone, mode: .full)
                refreshes += got.count
                incremental += got.filter { $0.candidates != nil }.count
                changedMembers += want.map { $0.entered + $0.exited }.reduce(0, +)
                #expect(got.map(\.members) == want.map(\.members))
                let same = try Snapshot(a) == Snapshot(b)
                #expect(same, "case \(index) (seed \(seed)), step \(step), clock \(clock): incremental and full refresh differ")
                if !same { return }
            }
        }
        print("refresh differential: \(checked) programs, \(refreshes) segment refreshes, \(incremental) incremental, \(changedMembers) membership changes")
        #expect(checked * 2 >= cases, "the checker refused most generated programs")
        // The comparison says little unless most refreshes were incremental and members moved.
        #expect(incremental * 2 >= refreshes, "only \(incremental) of \(refreshes) refreshes were incremental")
        #expect(changedMembers * 10 >= refreshes, "only \(changedMembers) membership changes")
    }

    @Test func unchangedSegmentReadsNoFans() throws {
        let crm = DiffCRMGenerator(random: DiffRandom(seed: 7)).crmCopy()
        let store = try crm.makeStore()
        let creator = store.creator(DiffCRM.queried)
        let program = try checkedProgram(Self.librarySegments)
        var refresher = SegmentRefresher(store: creator, program: program)
        refresher.fullRefreshShare = 1
        let first = try refresher.refresh(now: DiffEdges.now, zone: .gmt)
        #expect(first.allSatisfy { $0.candidates == nil }, "the first refresh is full")
        let again = try refresher.refresh(now: DiffEdges.now, zone: .gmt)
        #expect(again.allSatisfy { $0.candidates == 0 && $0.entered == 0 && $0.exited == 0 })
        // The log is pruned once every mark has passed it.
        try creator.execute("UPDATE fan_profiles SET engagement_score = 3 WHERE user_id = :user AND id = 1")
        #expect(try store.database.scalar("SELECT count(*) FROM fan_changes") == .integer(1))
        let touched = try refresher.refresh(now: DiffEdges.now, zone: .gmt)
        #expect(touched.allSatisfy { $0.candidates == 1 })
        #expect(try store.database.scalar("SELECT count(*) FROM fan_changes") == .integer(0))
        // `full` and a changed definition re-evaluate everyone.
        #expect(try refresher.refresh(now: DiffEdges.now, zone: .gmt, mode: .full).allSatisfy { $0.candidates == nil })
        let edited = try checkedProgram(Self.librarySegments.replacingOccurrences(of: "within 7d }", with: "within 8d }"))
        let afterEdit = try SegmentRefresher(store: creator, program: edited).refresh(["r_new"], now: DiffEdges.now, zone: .gmt)
        #expect(afterEdit.map(\.candidates) == [nil])
    }

    @Test func storesNobodyRefreshesKeepNoLog() throws {
        let store = try DiffCRMGenerator(random: DiffRandom(seed: 8)).crmCopy().makeStore()
        try store.creator(DiffCRM.queried).execute("UPDATE fan_profiles SET engagement_score = 3 WHERE user_id = :user")
        try store.creator(DiffCRM.queried).execute("DELETE FROM fan_tag_values WHERE user_id = :user")
        #expect(try store.database.scalar("SELECT count(*) FROM fan_changes") == .integer(0))
    }

    /// A clock moved to a time before the last refresh, or a clock read the
    /// refresh cannot bound (`days_since` of a fan's column), refreshes in full.
    @Test func clockReadsItCannotBoundRefreshInFull() throws {
        let store = try DiffCRMGenerator(random: DiffRandom(seed: 9)).crmCopy().makeStore()
        let creator = store.creator(DiffCRM.queried)
        let program = try checkedProgram(Self.librarySegments + "segment r_days { days_since(fan.created_at) >= 3 }")
        var refresher = SegmentRefresher(store: creator, program: program)
        refresher.fullRefreshShare = 1
        _ = try refresher.refresh(now: DiffEdges.now, zone: .gmt)
        let sameDay = try refresher.refresh(now: DiffEdges.now + 60, zone: .gmt)
        let kinds = Dictionary(uniqueKeysWithValues: sameDay.map { ($0.name, $0.candidates != nil) })
        #expect(kinds["r_birthday"] == true && kinds["r_new"] == true && kinds["r_days"] == false)
        // On a new day `month_day(now)` differs: the fans with a memory equal to
        // either day's value are the candidates, not everyone.
        let nextDay = try refresher.refresh(now: DiffEdges.now + 86_400, zone: .gmt)
        #expect(nextDay.first { $0.name == "r_birthday" }?.candidates != nil)
        #expect(nextDay.first { $0.name == "r_days" }?.candidates == nil)
        let back = try refresher.refresh(now: DiffEdges.now, zone: .gmt)
        #expect(back.allSatisfy { $0.candidates == nil })
    }
}

extension DiffCRMGenerator {
    /// A CRM from a generator held in a constant.
    func crmCopy() -> DiffCRM {
        var generator = self
        return generator.crm()
    }
}

/// Everything a refresh writes, comparable between two stores.
private struct Snapshot: Equatable {
    var members: [[SQLValue]]
    var events: [[SQLValue]]
    var segments: [[SQLValue]]

    init(_ store: CreatorStore) throws {
        members = try store.rows("""
            SELECT s.name, m.fan_id, m.added_at FROM fan_segment_members m JOIN fan_segments s ON s.id = m.segment_id
            WHERE m.user_id = :user ORDER BY s.name, m.fan_id
            """)
        events = try store.rows("""
            SELECT s.name, e.fan_id, e.change, e.occurred_at FROM fan_segment_member_events e JOIN fan_segments s ON s.id = e.segment_id
            WHERE e.user_id = :user ORDER BY e.id
            """)
        segments = try store.rows("SELECT name, member_count, evaluated_at FROM fan_segments WHERE user_id = :user ORDER BY name")
    }
}

/// One change to a store, as SQL run for a creator.
struct StoreChange: CustomStringConvertible {
    var userID: String
    var sql: String
    var values: [SQLValue]

    /// Whether it was applied (a change the store refuses, such as a spend
    /// that would overflow, is refused by both stores alike).
    func apply(to store: Store) -> Bool {
        (try? store.creator(userID).execute(sql, values)) != nil
    }

    var description: String { "\(sql) \(values)" }
}

/// Random changes of the kinds a CRM sees: new rows in every collection,
/// rows updated in place (scores, profile fields, subscription status and
/// renewal, memories), rows deleted (transactions, tags, scores, memories,
/// accounts), new fans; mostly for the refreshed creator, sometimes for the
/// other one. Times cluster around the clock and its window edges.
struct ChangeStream {
    var random: DiffRandom
    private var nextFan: Int64 = 50

    init(random: DiffRandom) { self.random = random }

    static let clockSteps: [Int64] = [0, 1, 3_600, 43_200, 86_400, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400, -3_600]
    static let offsets: [Int64] = [0, 0, -1, 1, -3_600, -86_400, -86_400 - 1, -3 * 86_400, -7 * 86_400, -7 * 86_400 + 1,
                                   -30 * 86_400, 3_600, 86_400, 3 * 86_400, 3 * 86_400 - 1, 30 * 86_400]

    mutating func next(clock: Int64) -> StoreChange {
        let user = random.chance(0.85) ? DiffCRM.queried : DiffCRM.other
        let fan: Int64 = user == DiffCRM.queried ? (random.chance(0.15) && nextFan > 50 ? random.pick(Array(50..<nextFan)) : Int64(random.int(in: 1...6)))
                                                 : Int64(random.int(in: 101...102))
        let time = SQLValue.integer(clock + random.pick(Self.offsets))
        let owned = "user_id = :user AND fan_id = ?"
        switch random.below(16) {
        case 0:
            return StoreChange(userID: user, sql: "INSERT INTO fan_transactions (user_id, fan_id, kind, amount_cents, platform, occurred_at) VALUES (:user, ?, ?, ?, 'x', ?)",
                               values: [.integer(fan), .text(random.pick(["tip", "tip", "ppv", "subscription"])), .integer(random.pick([100, 250, 2_000, -50])), time])
        case 1:
            return StoreChange(userID: user, sql: "INSERT INTO fan_messages (user_id, fan_id, direction, body, platform, sent_at) VALUES (:user, ?, ?, 'hi', 'x', ?)",
                               values: [.integer(fan), .text(random.pick(["inbound", "outbound"])), time])
        case 2:
            return StoreChange(userID: user, sql: "INSERT INTO fan_subscriptions (user_id, fan_id, platform, status, auto_renew, started_at, renews_at) VALUES (:user, ?, 'x', ?, ?, ?, ?)",
                               values: [.integer(fan), .text(random.pick(["active", "active", "cancelled", "trial"])), .integer(random.chance(0.5) ? 1 : 0), time,
                                        .integer(clock + random.pick(Self.offsets))])
        case 3:
            return StoreChange(userID: user, sql: "UPDATE fan_subscriptions SET status = ?, renews_at = ?, auto_renew = ? WHERE id = (SELECT min(id) FROM fan_subscriptions WHERE \(owned)) AND user_id = :user",
                               values: [.text(random.pick(["active", "expired", "cancelled"])), .integer(clock + random.pick(Self.offsets)),
                                        .integer(random.chance(0.5) ? 1 : 0), .integer(fan)])
        case 4:
            return StoreChange(userID: user, sql: "INSERT INTO fan_scores (user_id, fan_id, dimension, value) VALUES (:user, ?, ?, ?) ON CONFLICT (user_id, fan_id, dimension) DO UPDATE SET value = excluded.value",
                               values: [.integer(fan), .text(random.pick(["loyalty", "churn_risk"])), .real(random.pick([0.2, 0.5, 0.7, 0.9]))])
        case 5:
            return StoreChange(userID: user, sql: "DELETE FROM fan_scores WHERE \(owned) AND dimension = ?", values: [.integer(fan), .text(random.pick(["loyalty", "churn_risk"]))])
        case 6:
            let column = random.pick(["last_active_at", "created_at"])
            return StoreChange(userID: user, sql: "UPDATE fan_profiles SET \(column) = ? WHERE user_id = :user AND id = ?", values: [time, .integer(fan)])
        case 7:
            return StoreChange(userID: user, sql: "UPDATE fan_profiles SET lifecycle_stage = ?, engagement_score = ? WHERE user_id = :user AND id = ?",
                               values: [.text(random.pick(EnumDomain.lifecycleStage.values)), .real(random.pick(DiffEdges.engagement)), .integer(fan)])
        case 8:
            return StoreChange(userID: user, sql: "INSERT OR IGNORE INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)",
                               values: [.integer(fan), .text(random.pick(["vip", "gold", "big_tipper"])), time])
        case 9:
            return StoreChange(userID: user, sql: "DELETE FROM fan_tag_values WHERE \(owned) AND tag = ?", values: [.integer(fan), .text(random.pick(["vip", "gold"]))])
        case 10:
            return StoreChange(userID: user, sql: "DELETE FROM fan_transactions WHERE id = (SELECT max(id) FROM fan_transactions WHERE \(owned)) AND user_id = :user", values: [.integer(fan)])
        case 11:
            let day = Time.monthDay(clock + random.pick([0, 0, 86_400, -86_400]), zone: .gmt)
            return StoreChange(userID: user, sql: "INSERT INTO fan_memories (user_id, fan_id, kind, key, value, created_at) VALUES (:user, ?, 'key_date', 'birthday', ?, ?)",
                               values: [.integer(fan), .text(day ?? "01-01"), time])
        case 12:
            return StoreChange(userID: user, sql: "DELETE FROM fan_memories WHERE id = (SELECT min(id) FROM fan_memories WHERE \(owned)) AND user_id = :user", values: [.integer(fan)])
        case 13:
            return StoreChange(userID: user, sql: "INSERT INTO fan_subscription_events (user_id, fan_id, event_type, platform, occurred_at) VALUES (:user, ?, ?, 'x', ?)",
                               values: [.integer(fan), .text(random.pick(EnumDomain.subscriptionEventType.values)), time])
        case 14:
            return StoreChange(userID: user, sql: "INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, linked_at) VALUES (:user, ?, ?, ?, ?)",
                               values: [.integer(fan), .text(random.pick(["x", "fansly"])), .text("p\(random.next() % 1_000_000)"), time])
        default:
            guard user == DiffCRM.queried else { return next(clock: clock) }
            let id = nextFan
            nextFan += 1
            return StoreChange(userID: user, sql: "INSERT INTO fan_profiles (id, user_id, display_name, created_at, last_active_at) VALUES (?, :user, 'new', ?, ?)",
                               values: [.integer(id), time, .integer(clock)])
        }
    }
}
