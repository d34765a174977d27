import Foundation
import Semantics
import Store
import Syntax

/// Estimates from one creator's store that decide the shape of a plan over
/// all fans (docs/PLANS.md): how many fans the fan-level conjuncts leave, how
/// many rows a collection holds in all and per fan, and how many fall in a
/// window. Each figure is counted exactly when a count bounded by what the
/// cheaper plan reads says so, else read off a sample of about a thousand of
/// the creator's fans (`FanSample`), so estimating costs a few milliseconds
/// whatever the store's size, on SQLite or PostgreSQL. One estimator serves one call (`segment eval`,
/// one refresh, one `explain`): what it reads is kept for the next conjunct.
public final class PlanEstimator {
    let store: CreatorStore
    let program: CheckedProgram
    let context: EvaluationContext
    private var indexes: [String: [[String]]] = [:]
    private var perFan: [String: Double] = [:]
    private var perCandidate: [PlanSQL: Double] = [:]
    private var candidateHits: [PlanSQL: Int?] = [:]
    private var sampleCache: FanSample??
    private var planned: [PlanSQL: Double?] = [:]

    /// `store`'s connection must have the `rulec_*` functions (`EngineStore.open`).
    public init(store: CreatorStore, program: CheckedProgram, context: EvaluationContext) {
        self.store = store
        self.program = program
        self.context = context
    }

    /// Fans of the creator, in runs of consecutive ids spread over their id
    /// range: a sample whose rows are read through the `(user_id, fan_id, …)`
    /// indexes, one range search per run.
    struct FanSample {
        /// The creator's fans: exact when the sample holds them all, else the
        /// sample's density of ids scaled to the creator's id range.
        var fans: Double
        var isAll: Bool
        var runs: [ClosedRange<Int64>]
        var size: Int

        var scale: Double { fans / Double(max(size, 1)) }
    }

    /// Runs of this many fans, and at most this many runs.
    static let runLength = 128
    static let runCount = 8

    var sample: FanSample? {
        if let sampleCache { return sampleCache }
        let made = makeSample()
        sampleCache = .some(made)
        return made
    }

    private func makeSample() -> FanSample? {
        let whole = Self.runLength * Self.runCount
        // By `(user_id, id)` on SQLite: its sampled statistics rate every
        // `(user_id, …)` index alike and may pick `fan_profiles_by_creation`,
        // reading all of the creator's fans and sorting them (60 ms at 1,000,000).
        let byID = store.database.dialect == .postgres ? "" : " INDEXED BY fan_profiles_by_user"
        let head: PlanSQL = "SELECT count(*), min(id), max(id) FROM (SELECT id FROM fan_profiles\(raw: byID) WHERE user_id = \(PlanSQL.creator) ORDER BY id LIMIT \(raw: String(whole + 1))) AS head"
        guard let row = try? rows(head).first, let count = row[0].int64 else { return nil }
        guard count > 0, let low = row[1].int64 else { return FanSample(fans: 0, isAll: true, runs: [], size: 0) }
        if count <= whole, let high = row[2].int64 {
            return FanSample(fans: Double(count), isAll: true, runs: [low...high], size: Int(count))
        }
        guard let high = try? rows("SELECT max(id) FROM fan_profiles\(raw: byID) WHERE user_id = \(PlanSQL.creator)").first?[0].int64 else { return nil }
        let span = Double(high - low + 1)
        let starts = (0..<Self.runCount).map { low + Int64(span * Double($0) / Double(Self.runCount)) }
        // One statement for all runs: each the next `runLength` fans from its start.
        let runsQuery = PlanSQL.joined(starts.enumerated().map { index, start -> PlanSQL in
            "SELECT count(*), min(id), max(id) FROM (SELECT id FROM fan_profiles\(raw: byID) WHERE user_id = \(PlanSQL.creator) AND id >= \(PlanSQL.parameter(.value(.int(start)))) ORDER BY id LIMIT \(raw: String(Self.runLength))) AS run\(raw: String(index))"
        }, separator: " UNION ALL ")
        guard let found = try? rows(runsQuery) else { return nil }
        var runs: [ClosedRange<Int64>] = []
        var size = 0
        for row in found {
            guard let n = row[0].int64, n > 0, let first = row[1].int64, let last = row[2].int64 else { continue }
            // Runs that overlap (few fans in a wide id range) count once.
            if let previous = runs.last, first <= previous.upperBound { continue }
            runs.append(first...last)
            size += Int(n)
        }
        let spanned = runs.reduce(0.0) { $0 + Double($1.upperBound - $1.lowerBound + 1) }
        let fans = max(Double(size), Double(size) / max(spanned, 1) * span)
        return FanSample(fans: fans, isAll: false, runs: runs, size: size)
    }

    /// The creator's fans: counted when there are few, else estimated from
    /// the density of the sample's ids.
    var fans: Double {
        if isPostgres { return max(1, plannedRows(Self.fansQuery) ?? 1) }
        return max(1, sample?.fans ?? 1)
    }

    private var fansHow: String {
        if isPostgres { return "about \(Int(fans)) fans (PostgreSQL's statistics)" }
        guard let sample else { return "fans unknown" }
        return sample.isAll ? "\(Int(sample.fans)) fans" : "about \(Int(sample.fans)) fans"
    }

    /// `(column BETWEEN ? AND ? OR …)` over the sample's runs: SQLite reads
    /// it as one range search per run (a multi-index OR).
    private func inSample(_ column: String) -> PlanSQL? {
        guard let sample, !sample.runs.isEmpty else { return nil }
        let ranges = sample.runs.map { run -> PlanSQL in
            "\(raw: column) BETWEEN \(PlanSQL.parameter(.value(.int(run.lowerBound)))) AND \(PlanSQL.parameter(.value(.int(run.upperBound))))"
        }
        return "(\(PlanSQL.joined(ranges, separator: " OR ")))"
    }

    /// One statement per run of the sample, `UNION ALL`ed: `body(low, high)`
    /// reads the fans with ids in `[low, high]`. Each is one range search of
    /// the index it names, read from the index alone when it covers the
    /// columns; the multi-index OR of `inSample` collects row ids and fetches
    /// every table row instead (0.86 against 0.23 ms for the 6,231 sampled
    /// transactions of the 100,000-fan seed).
    private func perRun(_ body: (PlanSQL, PlanSQL) -> PlanSQL) -> PlanSQL? {
        guard let sample, !sample.runs.isEmpty else { return nil }
        return PlanSQL.joined(sample.runs.map { body(PlanSQL.parameter(.value(.int($0.lowerBound))), PlanSQL.parameter(.value(.int($0.upperBound)))) },
                              separator: " UNION ALL ")
    }

    /// The sampled fans that pass `filters` (NOT INDEXED: the runs' rowid
    /// ranges drive, whatever index the filters could use).
    private func sampledFans(_ filters: PlanSQL) -> PlanSQL? {
        // PostgreSQL has no such instruction and needs none: its statistics know the spend range.
        let notIndexed = SQLDialect.named(store.planDialect).notIndexed
        return inSample("f.id").map { "SELECT f.id FROM fan_profiles f\(notIndexed) WHERE \($0) AND f.user_id = \(PlanSQL.creator)\(filters)" }
    }

    /// Rows per fan, over all of the creator's fans (those with none count),
    /// from the sample's rows read through the `(user_id, fan_id, …)` index.
    func rowsPerFan(of table: String) -> Double {
        if let known = perFan[table] { return known }
        var value = 1.0
        if isPostgres {
            value = (plannedRows(Self.rowsQuery(table)) ?? fans) / fans
            perFan[table] = value
            return value
        }
        if let sample, sample.size > 0, let runs = perRun({ "SELECT count(*) AS n FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND fan_id BETWEEN \($0) AND \($1)" }),
           let rows = count("SELECT sum(n) FROM (\(runs)) AS runs") {
            value = Double(rows) / Double(sample.size)
        }
        perFan[table] = value
        return value
    }

    /// Rows per candidate fan: the rows of the sampled fans that pass the
    /// fan-level clauses, per such fan. A filter often selects fans by how
    /// much they have (`lifetime_spend` grows with transactions), so the
    /// candidates' rows are not the average fan's. Without clauses, or
    /// with no candidate in the sample, the average over all fans.
    func rowsPerCandidate(of table: String, _ clauses: [PlanSQL]) -> Double {
        // PostgreSQL's statistics are per column: they cannot see that a spend
        // filter picks fans with more rows, so the average fan's stand in.
        guard !clauses.isEmpty, !isPostgres else { return rowsPerFan(of: table) }
        let filters = PlanSQL.joined(clauses.map { " AND " + $0 }, separator: "")
        // Keyed by the fragments, bindings included: equal text may bind other values.
        let key: PlanSQL = "\(raw: table)\(filters)"
        if let known = perCandidate[key] { return known }
        var value = rowsPerFan(of: table)
        if let candidates = sampledCandidates(clauses), candidates > 0, let fans = sampledFans(filters),
           let rows = count("SELECT count(*) FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND fan_id IN (\(fans))") {
            value = Double(rows) / Double(candidates)
        }
        perCandidate[key] = value
        return value
    }

    /// Whether an index starts with `(user_id, column)`, so a window on
    /// `column` is a range search of it.
    func hasIndex(_ table: String, leading column: String) -> Bool {
        if indexes[table] == nil {
            // On PostgreSQL, from the catalog (read once per connection); a
            // failed statement would abort the batch's transaction, so this one never fails.
            indexes[table] = (try? store.recoverable { try store.database.indexColumns(of: table) }) ?? []
        }
        return indexes[table]!.contains { $0.count >= 2 && $0[0] == "user_id" && $0[1] == column }
    }

    /// How many of the creator's fans pass the fan-level clauses. The sample
    /// answers when it holds every fan or enough of the matching ones;
    /// otherwise (a selective filter) a count bounded at `cap` does, which
    /// reads little through the filter's index.
    func candidates(_ clauses: [PlanSQL], cap: Int = 1_000) -> Estimate {
        guard !clauses.isEmpty else { return Estimate(value: fans, how: "all \(fansHow) (no fan-level condition)") }
        let filters = PlanSQL.joined(clauses.map { " AND " + $0 }, separator: "")
        if isPostgres {
            guard let planned = plannedRows(Self.candidatesQuery(clauses)) else {
                return Estimate(value: fans, how: "unknown (estimating failed)")
            }
            return Estimate(value: planned, how: "about \(Int(planned)) fans (PostgreSQL's estimate)")
        }
        let hits = sampledCandidates(clauses)
        if let hits, let sample {
            if sample.isAll { return Estimate(value: Double(hits), how: "\(hits) fans (counted)") }
            let value = Double(hits) * sample.scale
            if hits >= Self.enoughHits || value >= Double(cap) * 4 {
                return Estimate(value: value, how: "about \(Int(value)) fans (\(hits) of \(sample.size) sampled)")
            }
        }
        let bounded: PlanSQL = "SELECT count(*) FROM (SELECT 1 FROM fan_profiles f WHERE f.user_id = \(PlanSQL.creator)\(filters) LIMIT \(raw: String(cap))) AS bounded"
        guard let counted = count(bounded) else { return Estimate(value: fans, how: "unknown (counting failed)") }
        if counted < cap { return Estimate(value: Double(counted), how: "\(counted) fans (counted)") }
        let value = max(Double(cap), Double(hits ?? 0) * (sample?.scale ?? 1))
        return Estimate(value: value, how: "about \(Int(value)) fans (more than \(cap - 1) counted; \(hits ?? 0) of \(sample?.size ?? 0) sampled)")
    }

    /// The sampled fans that pass the fan-level clauses (counted once per call).
    private func sampledCandidates(_ clauses: [PlanSQL]) -> Int? {
        let filters = PlanSQL.joined(clauses.map { " AND " + $0 }, separator: "")
        if let known = candidateHits[filters] { return known }
        let hits = sampledFans(filters).flatMap { count("SELECT count(*) FROM (\($0)) AS sampled") }
        candidateHits[filters] = hits
        return hits
    }

    /// Sampled hits enough for a share to be trusted (about ±25%).
    static let enoughHits = 16

    /// Rows of `table` whose `column` falls in `[start, now]`: counted on the
    /// `(user_id, column)` index up to the counting limit, else (or without
    /// such an index) the sample's rows in the window scaled to all fans.
    ///
    /// `sampled`, the sample's rows in the window when already read
    /// (`sampledRows`), spares reading them again, and a count through the
    /// time index when they say the window is wide (it would stop at the limit).
    func windowRows(_ table: String, column: String, start: PlanSQL, sampled: Int? = nil) -> Estimate? {
        if isPostgres {
            return plannedRows(Self.windowQuery(table, column: column, start: start))
                .map { Estimate(value: $0, how: "about \(Int($0)) rows in the window (PostgreSQL's estimate)") }
        }
        if let sampled, let sample, sample.isAll { return Estimate(value: Double(sampled), how: "\(sampled) rows in the window (counted)") }
        let limit = Int(Self.countingLimit) + 1
        let wide = sampled.map { Double($0) * sampleScale >= 2 * Self.countingLimit } ?? false
        if hasIndex(table, leading: column), !wide {
            let bounded: PlanSQL = "SELECT count(*) FROM (SELECT 1 FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND \(raw: column) BETWEEN \(start) AND \(PlanSQL.parameter(.now)) LIMIT \(raw: String(limit))) AS bounded"
            guard let counted = count(bounded) else { return nil }
            if counted < limit { return Estimate(value: Double(counted), how: "\(counted) rows in the window (counted)") }
        }
        if let sampled, let sample {
            let value = Double(sampled) * sample.scale
            return Estimate(value: value, how: "about \(Int(value)) rows in the window (\(sampled) for \(sample.size) sampled fans)")
        }
        // `+column` keeps SQLite on the per-fan index: each run is one range search.
        guard let sample, let runs = inSample("fan_id"),
              let hits = count("SELECT count(*) FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND \(runs) AND +\(raw: column) BETWEEN \(start) AND \(PlanSQL.parameter(.now))")
        else { return nil }
        if sample.isAll { return Estimate(value: Double(hits), how: "\(hits) rows in the window (counted)") }
        let value = Double(hits) * sample.scale
        return Estimate(value: value, how: "about \(Int(value)) rows in the window (\(hits) for \(sample.size) sampled fans)")
    }

    /// What an aggregate's window and `where` filter leave of its collection,
    /// read off the sample in one pass over the sampled fans' rows (each run
    /// a range search of the per-fan index, named: the predicates are in the
    /// select list, so they choose no index): the rows, those in the window,
    /// those that also pass the filter, and the fans with such rows (the
    /// grouped set's groups; the runs hold different fans, so their distinct
    /// counts add up).
    /// SQLite only; nil when the predicates cannot run apart from their plan.
    struct SampledRows: Equatable {
        var rows: Int
        var window: Int
        /// In the window and passing the filter; and passing `passes` too
        /// (a threshold's row test), the same without one.
        var filtered: Int
        var passing: Int
        var groups: Int
    }

    func sampledRows(_ table: String, alias: String, window: PlanSQL?, filter: PlanSQL?, passes: PlanSQL? = nil) -> SampledRows? {
        guard !isPostgres else { return nil }
        func all(_ parts: [PlanSQL?]) -> PlanSQL? {
            let present = parts.compactMap { $0 }
            return present.isEmpty ? nil : PlanSQL.joined(present.map { "(\($0))" }, separator: " AND ")
        }
        func counted(_ predicate: PlanSQL?) -> PlanSQL { predicate.map { "count(CASE WHEN \($0) THEN 1 END)" } ?? "count(*)" }
        let filtered = all([window, filter]), passing = all([window, filter, passes])
        let groups: PlanSQL = passing.map { "count(DISTINCT CASE WHEN \($0) THEN \(raw: alias).fan_id END)" } ?? "count(DISTINCT \(raw: alias).fan_id)"
        let index = store.database.dialect == .postgres ? "" : " INDEXED BY \(table)_by_fan"
        guard let runs = perRun({ low, high in
            // Without a row test the filtered rows are the passing ones: not counted twice.
            "SELECT count(*) AS n, \(counted(window)) AS w, \(passes == nil ? "0" : counted(filtered)) AS f, \(counted(passing)) AS p, \(groups) AS g FROM \(raw: table) \(raw: alias)\(raw: index) WHERE \(raw: alias).user_id = \(PlanSQL.creator) AND \(raw: alias).fan_id BETWEEN \(low) AND \(high)"
        }) else { return nil }
        let query: PlanSQL = "SELECT sum(n), sum(w), sum(f), sum(p), sum(g) FROM (\(runs)) AS runs"
        guard let row = try? rows(query).first, row.count == 5,
              let total = row[0].int64, let inside = row[1].int64, let kept = row[2].int64,
              let passed = row[3].int64, let fans = row[4].int64 else { return nil }
        if perFan[table] == nil, let sample, sample.size > 0 { perFan[table] = Double(total) / Double(sample.size) }
        return SampledRows(rows: Int(total), window: Int(inside), filtered: Int(passes == nil ? passed : kept), passing: Int(passed), groups: Int(fans))
    }

    /// The sample's scale: the creator's fans per sampled fan (1 when the sample holds them all).
    var sampleScale: Double { sample.map { $0.isAll ? 1 : $0.scale } ?? 1 }

    /// Whether the sample holds every fan, so its counts are exact.
    var sampleIsAll: Bool { sample?.isAll ?? false }

    /// Rows per distinct value of `column` (a tag's rows), from the sample.
    func rowsPerValue(of table: String, column: String) -> Double {
        if isPostgres {
            let total = rowsPerFan(of: table) * fans
            let values = plannedRows("SELECT DISTINCT \(raw: column) FROM \(raw: table) WHERE user_id = \(PlanSQL.creator)") ?? 1
            return total / max(1, values)
        }
        guard let sample, let runs = inSample("fan_id"),
              let row = try? rows("SELECT count(*), count(DISTINCT \(raw: column)) FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND \(runs)").first,
              let total = row[0].int64, let values = row[1].int64 else { return fans }
        return Double(total) * sample.scale / Double(max(1, values))
    }

    /// The rows of a set of fan ids (`SELECT fan_id FROM fan_tag_values
    /// WHERE … tag = ?`), counted up to `cap`: nil when there are more.
    func setRows(_ set: PlanSQL, cap: Int) -> Int? {
        if isPostgres { return plannedRows(set).flatMap { $0 <= Double(cap) ? Int($0) : nil } }
        return count("SELECT count(*) FROM (SELECT 1 FROM (\(set)) AS members LIMIT \(raw: String(cap + 1))) AS bounded").flatMap { $0 <= cap ? $0 : nil }
    }

    /// Whether the `(user_id, fan_id, …)` index of `table` holds `columns`,
    /// so a per-fan read never fetches a table row.
    func perFanIndexCovers(_ table: String, columns: Set<String>) -> Bool {
        perFanIndexes(of: table).contains { columns.isSubset(of: Set($0)) }
    }

    /// The columns of each `(user_id, fan_id, …)` index of `table`, in index order.
    func perFanIndexes(of table: String) -> [[String]] {
        _ = hasIndex(table, leading: "fan_id")
        return indexes[table]?.filter { $0.count >= 2 && $0[0] == "user_id" && $0[1] == "fan_id" } ?? []
    }

    var isPostgres: Bool { store.database.dialect == .postgres }

    /// Where the per-fan figures come from, for `explain`.
    var figuresSource: String { isPostgres ? "PostgreSQL's statistics" : "sampled" }

    /// PostgreSQL's own estimate of the rows `query` returns (`EXPLAIN`: the
    /// planner's reading of `pg_class.reltuples` and the `pg_stats`
    /// histograms and common values, which `ANALYZE` and autovacuum keep).
    /// Planning a query costs a tenth of a millisecond or so and reads no
    /// row, and it works for any filter the plan holds and any role: a
    /// non-owner under row-level security sees no `pg_stats` rows of the
    /// creators' tables, but its queries are planned with them.
    private func plannedRows(_ query: PlanSQL) -> Double? {
        if let known = planned[query] { return known }
        // One question left of a batch (or asked alone): an EXPLAIN of its own.
        let value = (explained(query)?["Plan Rows"] as? NSNumber)?.doubleValue
        planned[query] = value
        return value
    }

    /// The questions the PostgreSQL estimates ask the planner, one per figure.
    static let fansQuery: PlanSQL = "SELECT 1 FROM fan_profiles WHERE user_id = \(PlanSQL.creator)"
    static func rowsQuery(_ table: String) -> PlanSQL { "SELECT 1 FROM \(raw: table) WHERE user_id = \(PlanSQL.creator)" }
    static func candidatesQuery(_ clauses: [PlanSQL]) -> PlanSQL {
        "SELECT 1 FROM fan_profiles f WHERE f.user_id = \(PlanSQL.creator)\(PlanSQL.joined(clauses.map { " AND " + $0 }, separator: ""))"
    }
    static func windowQuery(_ table: String, column: String, start: PlanSQL) -> PlanSQL {
        "SELECT 1 FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND \(raw: column) BETWEEN \(start) AND \(PlanSQL.parameter(.now))"
    }

    /// On PostgreSQL, asks the planner for several figures in one round trip:
    /// `EXPLAIN` of their `UNION ALL`, whose `Append` lists each question's
    /// estimate in order (planning is most of an estimate's cost, and four
    /// statements' round trips and planning cost as much as the plan of a
    /// selective segment). When the plan is not one child per question (the
    /// planner dropped a branch it proved empty), each is asked alone later.
    func prefetch(_ questions: [PlanSQL]) {
        let open = Array(Set(questions.filter { planned[$0] == nil })).sorted { $0.rendered() < $1.rendered() }
        guard isPostgres, open.count > 1 else { return }
        let union = PlanSQL.joined(open.map { "(\($0))" }, separator: " UNION ALL ")
        guard let plan = explained(union), plan["Node Type"] as? String == "Append",
              let children = plan["Plans"] as? [[String: Any]], children.count == open.count else { return }
        for (question, child) in zip(open, children) {
            if let rows = (child["Plan Rows"] as? NSNumber)?.doubleValue { planned[question] = rows }
        }
    }

    /// The top node of PostgreSQL's plan for `query`, not run.
    private func explained(_ query: PlanSQL) -> [String: Any]? {
        guard case .text(let json)? = try? rows("EXPLAIN (FORMAT JSON) \(query)").first?[0],
              let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { return nil }
        return parsed.first?["Plan"] as? [String: Any]
    }

    /// Counts stop here (a millisecond or so of index entries); beyond it the sample answers.
    static let countingLimit: Double = 4_000

    private func count(_ query: PlanSQL) -> Int? {
        (try? rows(query).first?[0].int64).flatMap { $0.map(Int.init) }
    }

    /// Runs an estimating query; on PostgreSQL inside a transaction, in a
    /// savepoint (`recoverable`), so a failure cannot abort the caller's work.
    private func rows(_ query: PlanSQL) throws -> [[SQLValue]] {
        let values = try PlanExecutor(store: store, program: program).bindingValues(query.bindings, context: context)
        return try store.recoverable { try store.rows(query.rendered(), values) }
    }

    public struct Estimate: Sendable, Hashable {
        public var value: Double
        public var how: String
        /// Counting stopped at a cap: the true figure is larger.
        public var isLowerBound = false
    }
}
