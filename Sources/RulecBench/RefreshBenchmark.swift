import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `refresh` (issue 12): the `Rules/` segments on a seeded store, refreshed
/// in full at T0, then 1,000 new events (transactions, inbound messages,
/// subscription events and status changes, scores and profile fields updated
/// in place, tags) and a one-hour clock step: the incremental refresh against
/// the full one, each measured on the same state (a savepoint rolled back
/// after each), with their members and events compared.
///
/// Env: RULEC_BENCH_DB (required: a store seeded with `rulec db seed --fans N
/// --seed 3 --user u`; the benchmark works on a copy, `<file>.refresh-bench`,
/// made once, and leaves it as it found it), RULEC_BENCH_USER (default u),
/// RULEC_BENCH_ROUNDS (default 3), RULEC_BENCH_EVENTS (default 1,000),
/// RULEC_BENCH_SWEEP=1 also times the incremental refresh with 1%–20% of the
/// fans changed (where falling back to a full refresh pays).
enum RefreshBenchmark {
    struct Undo: Error {}

    static func run() {
        let environment = ProcessInfo.processInfo.environment
        guard let source = environment["RULEC_BENCH_DB"] else {
            print("refresh: set RULEC_BENCH_DB to a seeded store (rulec db seed --fans 1000000 --seed 3 --user u --db FILE)")
            return
        }
        let user = environment["RULEC_BENCH_USER"] ?? "u"
        let rounds = Int(environment["RULEC_BENCH_ROUNDS"] ?? "") ?? 3
        let events = Int(environment["RULEC_BENCH_EVENTS"] ?? "") ?? 1_000
        let working = source + ".refresh-bench"
        do {
            if !FileManager.default.fileExists(atPath: working) {
                // Read-only: the seeded file is left exactly as it is.
                let database = try Database(path: source, options: Database.Options(readOnly: true))
                try database.execute("VACUUM INTO '\(working)'")
            }
            let store = try EngineStore.open(path: working)
            let creator = store.creator(user)
            let program = try rulesProgram()
            let fans = try creator.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 ?? 0
            let t0 = SeedOptions.defaultNow, t1 = t0 + 3_600
            let segments = program.segments.map(\.name)
            print("refresh: \(fans) fans, \(segments.count) Rules/ segments (\(segments.joined(separator: ", "))), \(events) events, clock +1h")
            try store.database.transaction(.immediate) { () throws -> Void in
                if environment["RULEC_BENCH_PLANS"] == "1" { try plans(creator, program: program, at: t0); throw Undo() }
                let first = try time { try SegmentRefresher(store: creator, program: program).refresh(now: t0, zone: .gmt, mode: .full) }
                print(String(format: "  first refresh at T0 (full): %.3f s, %d members", first.seconds, first.value.map(\.members).reduce(0, +)))
                let written = try time { try insertEvents(events, into: creator, from: t0, span: 3_600) }
                print(String(format: "  %d events written (change log active): %.3f s, %d log rows", events, written.seconds,
                             try store.database.scalar("SELECT count(*) FROM fan_changes").int64 ?? 0))
                var incremental: [Double] = [], full: [Double] = []
                var incrementalCPU: [Double] = [], fullCPU: [Double] = []
                var snapshots: [String: Snapshot] = [:]
                for _ in 0..<rounds {
                    for mode in [RefreshMode.incremental, .full] {
                        let (seconds, cpu, results, snapshot) = try undone(store.database) {
                            let measured = try time { try SegmentRefresher(store: creator, program: program).refresh(now: t1, zone: .gmt, mode: mode) }
                            return (measured.seconds, measured.cpu, measured.value, try Snapshot(creator))
                        }
                        if mode == .incremental { incremental.append(seconds); incrementalCPU.append(cpu) } else { full.append(seconds); fullCPU.append(cpu) }
                        if let earlier = snapshots["\(mode)"], earlier != snapshot { print("  !! two \(mode) refreshes differ") }
                        snapshots["\(mode)"] = snapshot
                        if mode == .incremental, incremental.count == 1 {
                            let detail = results.map { r in "\(r.name) \(r.candidates.map { "\($0) candidates" } ?? "full"), +\(r.entered) −\(r.exited)" }
                            print("  incremental: " + detail.joined(separator: "; "))
                        }
                    }
                }
                let same = snapshots["incremental"] == snapshots["full"]
                let i = median(incremental), f = median(full)
                print(String(format: "  incremental %.4f s, full %.3f s (medians of %d): %.0f× faster; same members and events: %@",
                             i, f, rounds, f / i, same ? "yes" : "NO"))
                print("    incremental runs: " + incremental.map { String(format: "%.4f", $0) }.joined(separator: " ")
                      + "; full runs: " + full.map { String(format: "%.3f", $0) }.joined(separator: " "))
                let ic = median(incrementalCPU), fc = median(fullCPU)
                print(String(format: "  CPU time: incremental %.4f s, full %.3f s (medians): %.0f× faster", ic, fc, fc / ic))
                print("    incremental CPU: " + incrementalCPU.map { String(format: "%.4f", $0) }.joined(separator: " ")
                      + "; full CPU: " + fullCPU.map { String(format: "%.3f", $0) }.joined(separator: " "))
                if environment["RULEC_BENCH_SWEEP"] == "1" { try sweep(creator, program: program, fans: Int(fans), at: t1, full: f) }
                throw Undo()
            }
        } catch is Undo {
        } catch {
            print("refresh benchmark failed: \(error)")
        }
    }

    /// The incremental refresh (never falling back) with a growing share of
    /// the fans changed, against the full refresh's time.
    static func sweep(_ creator: CreatorStore, program: CheckedProgram, fans: Int, at now: Int64, full: Double) throws {
        for share in [0.01, 0.02, 0.05, 0.1] {
            let changed = Int(Double(fans) * share)
            let seconds = try undone(creator.database) {
                try creator.execute("""
                    UPDATE fan_profiles SET updated_at = ? WHERE user_id = :user
                    AND id IN (SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY random() LIMIT ?)
                    """, [.integer(now), .integer(Int64(changed))])
                var refresher = SegmentRefresher(store: creator, program: program)
                refresher.fullRefreshShare = 1
                return try time { try refresher.refresh(now: now, zone: .gmt) }.seconds
            }
            print(String(format: "  sweep: %5.1f%% of fans changed (%d): incremental %.3f s = %.2f × full", share * 100, changed, seconds, seconds / full))
        }
    }

    /// Each segment's candidate-restricted plan over 1,000 random fans: its
    /// SQL, SQLite's query plan and its time (RULEC_BENCH_PLANS=1).
    static func plans(_ creator: CreatorStore, program: CheckedProgram, at now: Int64) throws {
        try creator.database.execute("CREATE TEMP TABLE IF NOT EXISTS rulec_refresh_candidates (fan_id INTEGER PRIMARY KEY)")
        try creator.database.execute("DELETE FROM temp.rulec_refresh_candidates")
        try creator.execute("""
            INSERT INTO temp.rulec_refresh_candidates SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY random() LIMIT 1000
            """)
        let executor = PlanExecutor(store: creator, program: program)
        let context = EvaluationContext(now: now, zone: .gmt)
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .oneFan, candidates: "temp.rulec_refresh_candidates")
            let values = try executor.bindingValues(plan, context: context)
            let steps = try creator.rows("EXPLAIN QUERY PLAN " + plan.sql, values).map { $0.last?.description ?? "" }
            let measured = try time { try executor.fanIDs(plan, context: context).count }
            print(String(format: "  %@: %d of 1,000 in %.4f s", segment.name, measured.value, measured.seconds))
            print("    " + plan.sql + "\n    " + steps.joined(separator: "\n    "))
        }
    }

    /// Runs `body` in a savepoint that is rolled back, returning its result.
    static func undone<T>(_ database: Database, _ body: () throws -> T) throws -> T {
        var result: T?
        do {
            try database.transaction(.immediate) { () throws -> Void in
                result = try body()
                throw Undo()
            }
        } catch is Undo {}
        return result!
    }

    /// Wall-clock seconds of `body`, and the process's CPU seconds over the same span.
    static func time<T>(_ body: () throws -> T) throws -> (seconds: Double, cpu: Double, value: T) {
        let start = ContinuousClock.now, cpuStart = ProcessCPU.seconds()
        let value = try body()
        let elapsed = ContinuousClock.now - start
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, ProcessCPU.seconds() - cpuStart, value)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func rulesProgram() throws -> CheckedProgram {
        let folder = "Rules"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".rules") }.sorted()
        let files = try names.enumerated().map { index, name in
            SourceFile(id: FileID(UInt32(index)), path: folder + "/" + name,
                       bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
        let parsed = files.map { Parse.file($0) }
        let checked = Check.program(parsed.map(\.syntax))
        if let error = (parsed.flatMap(\.diagnostics) + checked.diagnostics).first(where: { $0.severity == .error }) {
            throw BenchError(message: "Rules/ has errors: \(error.message)")
        }
        return checked.program
    }

    struct BenchError: Error { let message: String }

    /// What a refresh wrote: members per segment and the events it appended.
    struct Snapshot: Equatable {
        var members: [[SQLValue]]
        var events: [[SQLValue]]
        var counts: [[SQLValue]]

        init(_ creator: CreatorStore) throws {
            members = try creator.rows("SELECT segment_id, fan_id FROM fan_segment_members WHERE user_id = :user ORDER BY segment_id, fan_id")
            events = try creator.rows("""
                SELECT segment_id, fan_id, change, occurred_at FROM fan_segment_member_events
                WHERE user_id = :user AND id > (SELECT coalesce(max(id), 0) - 100000 FROM fan_segment_member_events) ORDER BY id
                """)
            counts = try creator.rows("SELECT id, member_count, evaluated_at FROM fan_segments WHERE user_id = :user ORDER BY id")
        }
    }

    /// New rows of every kind a refresh reads, spread over `span` seconds.
    static func insertEvents(_ count: Int, into creator: CreatorStore, from start: Int64, span: Int64) throws {
        let maxFan = try creator.scalar("SELECT max(id) FROM fan_profiles WHERE user_id = :user").int64 ?? 1
        let minFan = try creator.scalar("SELECT min(id) FROM fan_profiles WHERE user_id = :user").int64 ?? 1
        var random = BenchRandom(seed: 12)
        for i in 0..<count {
            let time = SQLValue.integer(start + 1 + Int64(i) * span / Int64(max(count, 1)))
            let fan = SQLValue.integer(minFan + Int64(random.below(Int(maxFan - minFan + 1))))
            switch random.below(100) {
            case 0..<30:
                try creator.execute("""
                    INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at) VALUES (:user, ?, 'onlyfans', ?, ?, ?)
                    """, [fan, .text(["tip", "tip", "ppv", "paid_dm"][random.below(4)]), .integer(Int64(100 + random.below(9_900))), time])
            case 30..<60:
                try creator.execute("""
                    INSERT INTO fan_messages (user_id, fan_id, platform, direction, body, status, sent_at, created_at)
                    VALUES (:user, ?, 'onlyfans', 'inbound', 'hey', 'received', ?, ?)
                    """, [fan, time, time])
            case 60..<68:
                try creator.execute("""
                    INSERT INTO fan_subscription_events (user_id, fan_id, platform, event_type, tier, price_cents, occurred_at)
                    VALUES (:user, ?, 'onlyfans', 'renewed', 'standard', 999, ?)
                    """, [fan, time])
            case 68..<74:
                try creator.execute("""
                    UPDATE fan_subscriptions SET status = ?, auto_renew = ?, renews_at = ?, updated_at = ?
                    WHERE id = (SELECT min(id) FROM fan_subscriptions WHERE user_id = :user AND fan_id = ?) AND user_id = :user
                    """, [.text(["active", "cancelled"][random.below(2)]), .integer(Int64(random.below(2))),
                          .integer(start + Int64(random.below(5 * 86_400))), time, fan])
            case 74..<86:
                try creator.execute("""
                    INSERT INTO fan_scores (user_id, fan_id, dimension, value, computed_at) VALUES (:user, ?, ?, ?, ?)
                    ON CONFLICT (user_id, fan_id, dimension) DO UPDATE SET value = excluded.value, computed_at = excluded.computed_at
                    """, [fan, .text(["churn_risk", "loyalty"][random.below(2)]), .real(Double(random.below(101)) / 100), time])
            case 86..<94:
                try creator.execute("UPDATE fan_profiles SET last_active_at = ? WHERE user_id = :user AND id = ?", [time, fan])
            default:
                try creator.execute("""
                    INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)
                    ON CONFLICT (user_id, fan_id, tag) DO NOTHING
                    """, [fan, .text(["vip", "unhappy", "met_irl"][random.below(3)]), time])
            }
        }
    }
}
