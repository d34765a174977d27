import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Issue 12's matrix: segments over every collection and aggregate, each
/// behind a fan-level filter matching about 0.1%, 10% and 90% of the fans,
/// timed as the compiled plan (estimated, planned and run, as `segment eval`
/// does) against the best of the hand-written shapes a careful engineer
/// would write (a correlated sub-query per fan; a grouped `IN` list; a JOIN
/// with GROUP BY where the empty aggregate fails; for an extreme against a
/// threshold, both first forms with the comparison on each row), in the same run.
///
/// `RulecBench segment-matrix` — env: RULEC_BENCH_DB (a seeded store, e.g.
/// `rulec db seed --fans 100000 --seed 3 --user u`), RULEC_BENCH_USER (u),
/// RULEC_BENCH_RUNS (5), RULEC_BENCH_ONLY (substrings of the conditions to run, `|`-separated), RULEC_BENCH_WALL=1 for wall-clock instead of CPU time,
/// RULEC_BENCH_FORMS=1 to time the compiled plan forced into each shape and order too, with the chooser's estimated costs
/// (on PostgreSQL, CPU time is this process's plus its server backend's, the server being on this machine), RULEC_BENCH_JOIN=1 to time the JOIN shape too (it
/// never beat the better of the other two on the seed, and takes seconds).
enum SegmentMatrixBenchmark {
    /// One collection read. Hand-written SQL binds `?1` the creator, `?2`
    /// the window's start, `?3` now.
    struct Read {
        let condition: String
        let table: String
        /// Seconds of the window, or nil for none.
        let window: Int64?
        /// Row restriction besides user and fan (`kind = 'tip'`), may be empty.
        let rows: String
        /// The aggregate and its comparison (`count(*) >= 2`); nil for `exists`.
        let test: String?
        /// Whether a fan with no rows satisfies the comparison (`count(*) == 0`).
        let holdsWhenEmpty: Bool
        /// The comparison as a test on each row, when the aggregate is an
        /// extreme compared with a threshold (`max(x) >= K` is "some x >= K"):
        /// a careful engineer writes that too, as `EXISTS` and as an ungrouped
        /// `IN` list ("correlated, rows" and "grouped IN, rows").
        var rowTest: String? = nil

        var rowFilter: String {
            var parts: [String] = []
            if window != nil { parts.append("t.\(timeColumn) BETWEEN ?2 AND ?3") }
            if !rows.isEmpty { parts.append(rows) }
            return parts.map { " AND " + $0 }.joined()
        }

        var timeColumn: String {
            switch table {
            case "fan_messages": "sent_at"
            case "fan_subscriptions": "started_at"
            case "fan_custom_requests": "created_at"
            case "fan_platform_accounts": "linked_at"
            default: "occurred_at"
            }
        }
    }

    static let day: Int64 = 86_400
    static let reads: [Read] = [
        Read(condition: "count(fan.transactions within 30d where kind == \"tip\") >= 2", table: "fan_transactions", window: 30 * day,
             rows: "t.kind = 'tip'", test: "count(*) >= 2", holdsWhenEmpty: false),
        Read(condition: "sum(fan.transactions.amount within 90d) >= $100", table: "fan_transactions", window: 90 * day,
             rows: "", test: "coalesce(sum(t.amount_cents), 0) >= 10000", holdsWhenEmpty: false),
        Read(condition: "max(fan.transactions.amount within 365d) >= $50", table: "fan_transactions", window: 365 * day,
             rows: "", test: "max(t.amount_cents) >= 5000", holdsWhenEmpty: false, rowTest: "t.amount_cents >= 5000"),
        Read(condition: "avg(fan.transactions.amount) >= $20", table: "fan_transactions", window: nil,
             rows: "", test: "round(avg(t.amount_cents)) >= 2000", holdsWhenEmpty: false),
        Read(condition: "min(fan.transactions.amount within 90d) <= $5", table: "fan_transactions", window: 90 * day,
             rows: "", test: "min(t.amount_cents) <= 500", holdsWhenEmpty: false, rowTest: "t.amount_cents <= 500"),
        Read(condition: "count(fan.transactions within 7d) < 2", table: "fan_transactions", window: 7 * day,
             rows: "", test: "count(*) < 2", holdsWhenEmpty: true),
        Read(condition: "exists(fan.messages within 7d where direction == \"inbound\")", table: "fan_messages", window: 7 * day,
             rows: "t.direction = 'inbound'", test: nil, holdsWhenEmpty: false),
        Read(condition: "count(fan.messages within 30d) == 0", table: "fan_messages", window: 30 * day,
             rows: "", test: "count(*) = 0", holdsWhenEmpty: true),
        Read(condition: "count(fan.messages within 30d where direction == \"outbound\") >= 3", table: "fan_messages", window: 30 * day,
             rows: "t.direction = 'outbound'", test: "count(*) >= 3", holdsWhenEmpty: false),
        Read(condition: "exists(fan.subscriptions where status == \"active\" and auto_renew == false)", table: "fan_subscriptions", window: nil,
             rows: "t.status = 'active' AND t.auto_renew = 0", test: nil, holdsWhenEmpty: false),
        Read(condition: "count(fan.subscription_events within 90d) >= 2", table: "fan_subscription_events", window: 90 * day,
             rows: "", test: "count(*) >= 2", holdsWhenEmpty: false),
        Read(condition: "exists(fan.custom_requests within 180d)", table: "fan_custom_requests", window: 180 * day,
             rows: "", test: nil, holdsWhenEmpty: false),
        Read(condition: "count(fan.accounts) >= 2", table: "fan_platform_accounts", window: nil,
             rows: "", test: "count(*) >= 2", holdsWhenEmpty: false),
        Read(condition: "\"vip\" in fan.tags", table: "fan_tag_values", window: nil,
             rows: "t.tag = 'vip'", test: nil, holdsWhenEmpty: false),
    ]

    static func run() {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["RULEC_BENCH_DB"] ?? "/tmp/rulec-bench-100000.sqlite"
        let user = environment["RULEC_BENCH_USER"] ?? "u"
        let runs = Int(environment["RULEC_BENCH_RUNS"] ?? "") ?? 5
        do {
            let store = try EngineStore.open(path: path)
            try measure(store: store, creator: store.creator(user), path: path, runs: runs,
                        withJoin: environment["RULEC_BENCH_JOIN"] == "1")
        } catch {
            print("segment matrix failed: \(error)")
        }
    }

    static func measure(store: Store, creator: CreatorStore, path: String, runs: Int, withJoin: Bool) throws {
        let fans = try creator.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 ?? 0
        guard fans > 0 else { print("no fans for \(creator.userID) in \(path): seed it first"); return }
        func spend(atRank fraction: Double) throws -> Int64 {
            try creator.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE user_id = :user ORDER BY lifetime_spend_cents DESC LIMIT 1 OFFSET ?",
                               [.integer(Int64(Double(fans) * fraction))]).int64 ?? 0
        }
        let top = try spend(atRank: 0.001), tenth = try spend(atRank: 0.10)
        // (label, language, SQL over fan_profiles f)
        let filters: [(String, String, String)] = [
            ("0.1%", "fan.lifetime_spend >= \(dollars(top))", "f.lifetime_spend_cents >= \(top)"),
            ("10%", "fan.lifetime_spend >= \(dollars(tenth))", "f.lifetime_spend_cents >= \(tenth)"),
            ("90%", "fan.lifetime_spend < \(dollars(tenth))", "f.lifetime_spend_cents < \(tenth)"),
        ]
        let now = SeedOptions.defaultNow
        let context = EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!)
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        if store.database.dialect == .postgres, !wallClock {
            // The queries run in the server's backend for this connection: on a
            // server on this machine, its CPU time is read beside this process's.
            let backend = try store.database.scalar("SELECT pg_backend_pid()").int64.map { pid_t($0) }
            var id = clockid_t()
            if let backend, clock_getcpuclockid(backend, &id) == 0 {
                serverClock = id
            } else {
                print("cannot read the server backend's CPU clock (server not on this machine?): timing wall-clock")
                wallClock = true
            }
        }
        let what = wallClock ? "wall-clock" : serverClock != nil ? "CPU (user + system) of this process and of its PostgreSQL backend" : "CPU (user + system)"
        print("\nSegment matrix on \(fans) fans (\(path)); median of \(runs) runs after a warm-up, \(what) ms; load \(load)")
        print("| segment | filter | fans | compiled (shape) | of which planning | correlated | grouped IN | JOIN+GROUP BY | best hand | ratio |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        var ratios: [Double] = []
        // RULEC_BENCH_ONLY="sum(|exists(fan.messages": only the reads whose condition contains one of these.
        let only = ProcessInfo.processInfo.environment["RULEC_BENCH_ONLY"].map { $0.split(separator: "|").map(String.init) }
        // RULEC_BENCH_FORMS=1: also time the compiled plan forced into each shape and order (calibrating `ShapeChooser.Weights`).
        let forms = ProcessInfo.processInfo.environment["RULEC_BENCH_FORMS"] == "1"
        for read in reads where only.map({ $0.contains { read.condition.contains($0) } }) ?? true {
            for (label, language, sql) in filters {
                let condition = "\(language) and \(read.condition)"
                let program = try program(condition)
                let segment = program.segment(named: "m")!
                let executor = PlanExecutor(store: creator, program: program)
                var compiledIDs: [Int64] = []
                var shape = ""
                let compiled = try median(runs) {
                    let estimator = PlanEstimator(store: creator, program: program, context: context)
                    let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator)
                    shape = plan.shapes.map { $0.shape == .correlated ? "correlated" : $0.order.map { "grouped, \($0.rawValue)" } ?? "grouped" }.joined(separator: "; ")
                    compiledIDs = try executor.fanIDs(plan, context: context)
                }
                // Estimating and planning alone, inside the compiled time above.
                let planning = try median(runs) {
                    let estimator = PlanEstimator(store: creator, program: program, context: context)
                    _ = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator)
                }
                let bindings: [SQLValue] = [.text(creator.userID), .integer(now - (read.window ?? 0)), .integer(now)]
                var handTimes: [String: Double] = [:]
                var mismatch: [String] = []
                for (name, query) in handWritten(read, fanFilter: sql) where name != "join" || withJoin {
                    var ids: [Int64] = []
                    let used = (1...3).filter { query.contains("?\($0)") }.max() ?? 1
                    handTimes[name] = try median(runs) {
                        ids = try store.database.rows(query, Array(bindings.prefix(used))).compactMap { $0[0].int64 }
                    }
                    if ids != compiledIDs { mismatch.append("\(name) \(ids.count)") }
                }
                if forms {
                    // The compiled plan in every form it can take, with the chooser's costs: the data its weights are fitted to.
                    let estimator = PlanEstimator(store: creator, program: program, context: context)
                    let chosen = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator).shapes.first
                    var times: [String] = []
                    for (name, shape, order) in [("correlated", PlanShape.correlated, GroupedOrder?.none), ("fan order", .grouped, .fanOrder), ("time index", .grouped, .timeIndex)] {
                        let forced = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, forcing: shape, order: order)
                        var ids: [Int64] = []
                        let time = try median(runs) { ids = try executor.fanIDs(forced, context: context) }
                        times.append(String(format: "%@ %.1f%@", name, time, ids == compiledIDs ? "" : " MISMATCH"))
                    }
                    print("  forms: \(times.joined(separator: ", ")); estimated grouped \(Int(chosen?.groupedCost ?? 0)) (\(chosen?.order?.rawValue ?? "-")), correlated \(Int(chosen?.correlatedCost ?? 0)), candidates \(Int(chosen?.candidates.value ?? 0))")
                    for reason in (chosen?.groupedReasons ?? []) + (chosen?.correlatedReasons ?? []) { print("    \(reason)") }
                }
                let best = handTimes.values.min() ?? 0
                let ratio = compiled / max(best, 0.001)
                ratios.append(ratio)
                // A shape's faster variant; "rows" when it is the row test's (`Read.rowTest`).
                func cell(_ name: String) -> String {
                    switch (handTimes[name], handTimes[name + ", rows"]) {
                    case (let whole?, let rows?) where rows < whole: String(format: "%.1f rows (%.1f)", rows, whole)
                    case (let whole?, _): String(format: "%.1f", whole)
                    default: "—"
                    }
                }
                let note = mismatch.isEmpty ? "" : " MISMATCH (compiled \(compiledIDs.count); \(mismatch.joined(separator: ", ")))"
                print(String(format: "| `%@` | %@ | %d | %.1f (%@) | %.1f | %@ | %@ | %@ | %.1f | %.2f%@ |",
                             read.condition, label, compiledIDs.count, compiled, shape, planning, cell("correlated"), cell("grouped"),
                             cell("join"), best, ratio, note))
                fflush(nil)
            }
        }
        let sorted = ratios.sorted()
        print(String(format: "ratios: median %.2f, worst %.2f, %d of %d at most 1.25, %d at most 1.0",
                     sorted[sorted.count / 2], sorted.last ?? 0, ratios.filter { $0 <= 1.25 }.count, ratios.count,
                     ratios.filter { $0 <= 1.0 }.count))
    }

    static func dollars(_ cents: Int64) -> String {
        "$\(cents / 100)." + String(format: "%02d", Int(cents % 100))
    }

    static func program(_ condition: String) throws -> CheckedProgram {
        let source = condition.isEmpty ? "" : "segment m { \(condition) }"
        let checked = Check.program([Parse.file(SourceFile(id: FileID(0), path: "matrix.rules", text: source)).syntax])
        guard !checked.diagnostics.hasErrors else { throw BenchError(message: "\(condition): \(checked.diagnostics)") }
        return checked.program
    }

    struct BenchError: Error { let message: String }

    /// The hand-written shapes of `fan filter and read`.
    static func handWritten(_ read: Read, fanFilter: String) -> [(String, String)] {
        let head = "SELECT f.id FROM fan_profiles f WHERE f.user_id = ?1 AND \(fanFilter)"
        let rows = "FROM \(read.table) t WHERE t.user_id = ?1\(read.rowFilter)"
        var shapes: [(String, String)] = []
        guard let test = read.test else {
            shapes.append(("correlated", "\(head) AND EXISTS (SELECT 1 \(rows) AND t.fan_id = f.id) ORDER BY f.id"))
            shapes.append(("grouped", "\(head) AND f.id IN (SELECT t.fan_id \(rows)) ORDER BY f.id"))
            shapes.append(("join", """
                SELECT DISTINCT f.id FROM fan_profiles f JOIN \(read.table) t ON t.user_id = f.user_id AND t.fan_id = f.id\(read.rowFilter)
                WHERE f.user_id = ?1 AND \(fanFilter) ORDER BY f.id
                """))
            return shapes
        }
        if let rowTest = read.rowTest {
            shapes.append(("correlated, rows", "\(head) AND EXISTS (SELECT 1 \(rows) AND t.fan_id = f.id AND \(rowTest)) ORDER BY f.id"))
            shapes.append(("grouped, rows", "\(head) AND f.id IN (SELECT t.fan_id \(rows) AND \(rowTest)) ORDER BY f.id"))
        }
        shapes.append(("correlated", "\(head) AND (SELECT \(test) \(rows) AND t.fan_id = f.id) ORDER BY f.id"))
        if read.holdsWhenEmpty {
            shapes.append(("grouped", "\(head) AND f.id NOT IN (SELECT t.fan_id \(rows) GROUP BY t.fan_id HAVING NOT (\(test))) ORDER BY f.id"))
        } else {
            shapes.append(("grouped", "\(head) AND f.id IN (SELECT t.fan_id \(rows) GROUP BY t.fan_id HAVING \(test)) ORDER BY f.id"))
            shapes.append(("join", """
                SELECT f.id FROM fan_profiles f JOIN \(read.table) t ON t.user_id = f.user_id AND t.fan_id = f.id\(read.rowFilter)
                WHERE f.user_id = ?1 AND \(fanFilter) GROUP BY f.id HAVING \(test) ORDER BY f.id
                """))
        }
        return shapes
    }

    /// Median milliseconds of `runs` runs (more for a query under 20 ms) after a warm-up: this process's CPU
    /// time (user + system, `CLOCK_PROCESS_CPUTIME_ID`, to the nanosecond) by default, which other processes on
    /// a shared machine barely change; wall-clock time with RULEC_BENCH_WALL=1.
    static func median(_ runs: Int, _ body: () throws -> Void) throws -> Double {
        let warmUp = clock()
        try body()
        // A query of a millisecond or two varies by a third between runs: such
        // queries run until about 100 ms are measured (at most 101 runs).
        let enough = Int((100 / max(clock() - warmUp, 1)).rounded(.up))
        var times: [Double] = []
        for _ in 0..<max(1, runs, min(enough, 101)) {
            let start = clock()
            try body()
            times.append(clock() - start)
        }
        return times.sorted()[times.count / 2]
    }

    nonisolated(unsafe) static var wallClock = ProcessInfo.processInfo.environment["RULEC_BENCH_WALL"] == "1"
    /// On PostgreSQL, the CPU clock of the connection's server backend (a
    /// process on this machine): most of a query's work is there, not here.
    nonisolated(unsafe) static var serverClock: clockid_t?

    /// Milliseconds on the clock `median` reads.
    static func clock() -> Double {
        if wallClock { return Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }
        func read(_ id: clockid_t) -> Double {
            var now = timespec()
            clock_gettime(id, &now)
            return Double(now.tv_sec) * 1e3 + Double(now.tv_nsec) / 1e6
        }
        return read(CLOCK_PROCESS_CPUTIME_ID) + (serverClock.map(read) ?? 0)
    }
}
