import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Compiled segment plans against the best hand-written SQL for the same
/// question, on the same file, in the same run (issue 5). Also the evaluator
/// path against the SQL path, per 1,000 fans.
///
/// `RulecBench segments` — env: RULEC_BENCH_FANS (default 1,000,000),
/// RULEC_BENCH_DB (default /tmp/rulec-bench-<fans>.sqlite; seeded on first use).
enum SegmentBenchmark {
    struct Case {
        let name: String
        let condition: String
        /// Hand-written SQL returning the same fan ids ascending; `?1` is the
        /// user, `?2` now − 30 days, `?3` now, `?4` now + 3 days.
        let handWritten: String
    }

    static let constants = """
        let vip_min = $500
        segment whales { fan.lifetime_spend >= vip_min }
        segment at_risk { fan.score.churn_risk >= 0.7 }
        """

    static let cases: [Case] = [
        Case(name: "whales (spend threshold)", condition: "fan.lifetime_spend >= vip_min",
             handWritten: "SELECT id FROM fan_profiles WHERE user_id = ?1 AND lifetime_spend_cents >= 50000 ORDER BY id"),
        Case(name: "spend in the last 30 days", condition: "sum(fan.transactions.amount within 30d) >= $100",
             handWritten: "SELECT fan_id FROM fan_transactions WHERE user_id = ?1 AND occurred_at BETWEEN ?2 AND ?3 GROUP BY fan_id HAVING sum(amount_cents) >= 10000 ORDER BY fan_id"),
        Case(name: "3+ tips in 30 days", condition: "count(fan.transactions within 30d where kind == \"tip\") >= 3",
             handWritten: "SELECT fan_id FROM fan_transactions WHERE user_id = ?1 AND kind = 'tip' AND occurred_at BETWEEN ?2 AND ?3 GROUP BY fan_id HAVING count(*) >= 3 ORDER BY fan_id"),
        Case(name: "churn risk score", condition: "fan.score.churn_risk >= 0.7",
             handWritten: "SELECT fan_id FROM fan_scores WHERE user_id = ?1 AND dimension = 'churn_risk' AND value >= 0.7 ORDER BY fan_id"),
        Case(name: "tagged vip", condition: "\"vip\" in fan.tags",
             handWritten: "SELECT fan_id FROM fan_tag_values WHERE user_id = ?1 AND tag = 'vip' ORDER BY fan_id"),
        Case(name: "renewing without auto-renew",
             condition: "exists(fan.subscriptions where status == \"active\" and auto_renew == false and renews_at < now + 3d)",
             handWritten: "SELECT DISTINCT fan_id FROM fan_subscriptions WHERE user_id = ?1 AND status = 'active' AND auto_renew = 0 AND renews_at < ?4 ORDER BY fan_id"),
        Case(name: "nested: whales at risk", condition: "fan in whales and fan in at_risk",
             handWritten: """
                SELECT f.id FROM fan_profiles f JOIN fan_scores s ON s.user_id = f.user_id AND s.fan_id = f.id AND s.dimension = 'churn_risk'
                WHERE f.user_id = ?1 AND f.lifetime_spend_cents >= 50000 AND s.value >= 0.7 ORDER BY f.id
                """),
        Case(name: "negation: spenders not tagged vip", condition: "not (\"vip\" in fan.tags) and fan.lifetime_spend >= $200",
             handWritten: """
                SELECT id FROM fan_profiles WHERE user_id = ?1 AND lifetime_spend_cents >= 20000
                AND id NOT IN (SELECT fan_id FROM fan_tag_values WHERE user_id = ?1 AND tag = 'vip') ORDER BY id
                """),
        Case(name: "subscribed but silent for 30 days",
             condition: "fan.is_subscribed and count(fan.messages within 30d where direction == \"inbound\") == 0",
             handWritten: """
                SELECT f.id FROM fan_profiles f WHERE f.user_id = ?1
                AND EXISTS (SELECT 1 FROM fan_subscriptions s WHERE s.user_id = ?1 AND s.fan_id = f.id AND s.status = 'active')
                AND NOT EXISTS (SELECT 1 FROM fan_messages m WHERE m.user_id = ?1 AND m.fan_id = f.id AND m.direction = 'inbound' AND m.sent_at BETWEEN ?2 AND ?3)
                ORDER BY f.id
                """),
    ]

    static func run() {
        let environment = ProcessInfo.processInfo.environment
        let fans = Int(environment["RULEC_BENCH_FANS"] ?? "") ?? 1_000_000
        let path = environment["RULEC_BENCH_DB"] ?? "/tmp/rulec-bench-\(fans).sqlite"
        let user = "bench_creator"
        do {
            let store = try EngineStore.open(path: path)
            let creator = store.creator(user)
            if try creator.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 == 0 {
                print("seeding \(fans) fans into \(path) (once) …")
                let start = Date()
                try Seeder.run(SeedOptions(fans: fans, userID: user), into: store)
                print(String(format: "seeded in %.1f s", Date().timeIntervalSince(start)))
            }
            try measure(store: store, creator: creator, fans: fans, path: path)
        } catch {
            print("segment benchmark failed: \(error)")
        }
    }

    static func measure(store: Store, creator: CreatorStore, fans: Int, path: String) throws {
        let source = constants + "\n" + cases.enumerated().map { "segment case_\($0.offset) { \($0.element.condition) }" }.joined(separator: "\n")
        let file = SourceFile(id: FileID(0), path: "bench.rules", text: source)
        let checked = Check.program([Parse.file(file).syntax])
        guard !checked.diagnostics.hasErrors else { print(checked.diagnostics); return }
        let program = checked.program
        let now = SeedOptions.defaultNow
        let context = EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!)
        let executor = PlanExecutor(store: creator, program: program)
        let handBindings: [SQLValue] = [.text(creator.userID), .integer(now - 30 * 86_400), .integer(now), .integer(now + 3 * 86_400)]

        print("\nSegments on \(fans) fans (\(path)); median of 5 runs after one warm-up, ms")
        print("| segment | fans | compiled plan | hand-written SQL | ratio | evaluator per 1,000 fans |")
        print("|---|---:|---:|---:|---:|---:|")
        for (index, benchCase) in cases.enumerated() {
            guard let segment = program.segment(named: "case_\(index)") else { continue }
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
            var compiledResult: [Int64] = []
            let compiled = try median { compiledResult = try executor.fanIDs(plan, context: context) }
            var handResult: [Int64] = []
            let hand = try median {
                let used = (1...handBindings.count).filter { benchCase.handWritten.contains("?\($0)") }.max() ?? 0
                handResult = try store.database.rows(benchCase.handWritten, Array(handBindings.prefix(used))).compactMap { $0[0].int64 }
            }
            guard compiledResult == handResult else {
                print("| \(benchCase.name) | MISMATCH: compiled \(compiledResult.count) fans, hand-written \(handResult.count) | | | | |")
                continue
            }
            // The evaluator reads each fan's facts with its own queries: measure it on
            // the first 1,000 fans only, and check it agrees with SQL there.
            let sample: Int64 = 1_000
            let firstIDs = try creator.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT ?", [.integer(sample)]).compactMap { $0[0].int64 }
            var evaluatorMatches: [Int64] = []
            let evaluatorStart = Date()
            for id in firstIDs {
                evaluatorMatches += try executor.evaluatorFanIDs(segment.condition, context: context, only: id)
            }
            let evaluatorMillis = Date().timeIntervalSince(evaluatorStart) * 1_000
            let sqlInSample = compiledResult.filter { id in firstIDs.last.map { id <= $0 } ?? false }
            let agrees = sqlInSample == evaluatorMatches ? "" : " (DISAGREES)"
            print(String(format: "| %@ | %d | %.1f | %.1f | %.2f | %.0f%@ |",
                         benchCase.name, compiledResult.count, compiled, hand, compiled / max(hand, 0.001), evaluatorMillis, agrees))
        }
    }

    /// Median wall time in milliseconds of five runs after one warm-up.
    static func median(_ body: () throws -> Void) throws -> Double {
        try body()
        var times: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[2]
    }
}
