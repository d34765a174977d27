import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Store
import Syntax
import Testing

/// Prediction equals reality (issue 14): the Rules/ library is deployed on a
/// seeded store and a week of `DaySimulator` events arrives afterwards. In
/// reality each event is written at its own time and `run` consumes it at once
/// (and runs at every schedule slot); a backtest over the same week, on a copy
/// where the events are already history, must report the same firings per rule
/// and per fan, the same actions and approvals, and leave that copy's bytes alone.
@Suite(.serialized) struct SimulationAcceptanceTests {
    static let user = "creator_a"
    static let from = SeedOptions.defaultNow
    static let to = from + 7 * 86_400

    /// A row of the week, in the order reality writes it.
    struct Arrival {
        let time: Int64
        let table: String
        let values: [String: SQLValue]
        let originalID: Int64
    }

    static let feedTables = ["fan_subscription_events", "fan_transactions", "fan_messages", "fan_custom_requests"]

    @Test func aBacktestReportsWhatRunDidOverTheSameWeek() throws {
        let folder = try TemporaryFolder("simulate")
        let base = try EngineStore.open(path: folder.path("base.sqlite"))
        try Seeder.run(SeedOptions(fans: 300, seed: 5, userID: Self.user), into: base)
        _ = try Deployer.deploy(files: RulesLibraryTests.ruleFiles(), to: base.creator(Self.user), now: Self.from)

        // The week, generated on a scratch copy: rows of the fans who exist at deploy.
        try base.database.execute("VACUUM INTO ?", [.text(folder.path("week.sqlite"))])
        let week = try EngineStore.open(path: folder.path("week.sqlite"))
        let lastFan = try base.creator(Self.user).scalar("SELECT max(id) FROM fan_profiles WHERE user_id = :user").int64!
        var tops: [String: Int64] = [:]
        for table in Self.feedTables {
            tops[table] = try base.creator(Self.user).scalar("SELECT coalesce(max(id), 0) FROM \(table) WHERE user_id = :user").int64!
        }
        for day in 0..<7 {
            var simulator = DaySimulator(store: week.creator(Self.user), start: Self.from + Int64(day) * 86_400, seed: UInt64(day + 11))
            _ = try simulator.run()
        }
        var arrivals: [Arrival] = []
        for (rank, table) in Self.feedTables.enumerated() {
            let time = table == "fan_messages" ? "sent_at" : (table == "fan_custom_requests" ? "created_at" : "occurred_at")
            try week.creator(Self.user).forEachRow("SELECT * FROM \(table) WHERE user_id = :user AND id > ? AND fan_id <= ? ORDER BY id",
                                                   [.integer(tops[table]!), .integer(lastFan)]) { row in
                var values: [String: SQLValue] = [:]
                for index in 0..<row.count where row.name(index) != "id" { values[row.name(index)] = row[index] }
                arrivals.append(Arrival(time: values[time]!.int64!, table: table, values: values, originalID: row.int64(0) * 10 + Int64(rank)))
            }
        }
        arrivals.sort { ($0.time, $0.originalID % 10, $0.originalID) < ($1.time, $1.originalID % 10, $1.originalID) }
        #expect(arrivals.count > 200)
        #expect(arrivals.contains { $0.table == "fan_transactions" && $0.values["kind"] == .text("tip") })

        // Subscription state has no history: both worlds read it as it is at the end.
        let subscriptionState = try week.creator(Self.user).rows(
            "SELECT id, status, auto_renew, cancelled_at, renews_at FROM fan_subscriptions WHERE user_id = :user AND fan_id <= ?", [.integer(lastFan)])

        // History: every row written, nothing run.
        try base.database.execute("VACUUM INTO ?", [.text(folder.path("history.sqlite"))])
        try base.database.execute("VACUUM INTO ?", [.text(folder.path("reality.sqlite"))])
        let history = try EngineStore.open(path: folder.path("history.sqlite"))
        let reality = try EngineStore.open(path: folder.path("reality.sqlite"))
        for store in [history, reality] {
            for row in subscriptionState {
                try store.creator(Self.user).execute(
                    "UPDATE fan_subscriptions SET status = ?, auto_renew = ?, cancelled_at = ?, renews_at = ? WHERE user_id = :user AND id = ?",
                    [row[1], row[2], row[3], row[4], row[0]])
            }
        }
        var historyIDs: [Int64: Int64] = [:]
        for arrival in arrivals { try Self.write(arrival, into: history.creator(Self.user), ids: &historyIDs) }

        // Reality: each second's rows arrive, then `run` at that second; also at every schedule slot.
        let deployed = try DeployedProgram.load(from: reality.creator(Self.user))!
        let zone = try CreatorProfile.load(from: reality.creator(Self.user)).zone
        var slots = Set<Int64>()
        for rule in deployed.rules {
            guard case .schedule(let schedule) = rule.rule.trigger else { continue }
            var probe = Self.to
            while case let slot = ScheduleSlots.latestSlot(of: schedule, atOrBefore: probe, zone: zone), slot > Self.from {
                slots.insert(slot)
                probe = slot - 1
            }
        }
        #expect(slots.count >= 7)
        let marks = try AuditMarks.current(in: reality.creator(Self.user))
        let engine = Engine(store: reality.creator(Self.user))
        var realityIDs: [Int64: Int64] = [:]
        var pending = arrivals[...]
        for time in Set(arrivals.map(\.time)).union(slots).union([Self.to]).sorted() {
            while let next = pending.first, next.time <= time {
                try Self.write(next, into: reality.creator(Self.user), ids: &realityIDs)
                pending.removeFirst()
            }
            var report: RunReport
            repeat { report = try engine.runBatch(clock: time) } while report.hasMoreEvents
        }
        let real = try marks.results(in: reality.creator(Self.user), ruleNames: deployed.rules.map(\.name))
        #expect(real.reduce(0) { $0 + $1.fired } > 20, "the week must make rules fire")
        #expect(real.contains { $0.rule == "Tag repeat tippers" && $0.fired > 0 }, "a rule counting the replayed rows fires")
        #expect(real.contains { $0.queuedForApproval > 0 })

        // The backtest, on the history copy, opened read-only.
        let historyPath = folder.path("history.sqlite")
        try history.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Data(contentsOf: URL(fileURLWithPath: historyPath))
        let readOnly = try Store.openExisting(path: historyPath, readOnly: true)
        try SQLFunctions.register(on: readOnly.database)
        let simulated = try Simulation(from: Self.from, to: Self.to).run(source: readOnly.creator(Self.user))
        let after = try Data(contentsOf: URL(fileURLWithPath: historyPath))
        #expect(before == after, "a backtest writes nothing to the store")

        #expect(simulated.events == arrivals.count)
        for (expected, got) in zip(real, simulated.rules) {
            #expect(got == expected, "rule \(expected.rule)")
        }
        #expect(simulated.rules.map(\.rule) == real.map(\.rule))
        #expect(simulated.caveats.contains { $0.hasPrefix("fan.score.churn_risk") })

        // No group had to be rolled back (`SimulationBackstopTests`).
        #expect(simulated.splits == 0)
    }

    /// Inserts one arrival, pointing a renewal payment at its subscription event's new id.
    static func write(_ arrival: Arrival, into store: CreatorStore, ids: inout [Int64: Int64]) throws {
        var values = arrival.values
        if arrival.table == "fan_transactions", let old = values["subscription_event_id"]?.int64 {
            values["subscription_event_id"] = ids[old * 10].map(SQLValue.integer) ?? .null
        }
        let names = values.keys.filter { $0 != "user_id" }.sorted()
        let id = try store.insert("INSERT INTO \(arrival.table) (user_id, \(names.joined(separator: ", "))) VALUES (:user\(String(repeating: ", ?", count: names.count)))",
                                  names.map { values[$0]! })
        ids[arrival.originalID - arrival.originalID % 10] = id
    }
}
