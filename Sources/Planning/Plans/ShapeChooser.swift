import Foundation
import Semantics
import Syntax

/// One collection a conjunct reads: an aggregate over it, or a list kept as
/// rows (`x in fan.tags`).
enum CollectionRead {
    /// An aggregate's rows; with `threshold` when its conjunct is a threshold
    /// on its extreme or count, compiled as an `exists` (with the comparison as
    /// one more row filter for an extreme; `SQLCompiler.Threshold`), and costed as one.
    case aggregate(Aggregate, CollectionSpec, threshold: SQLCompiler.Threshold? = nil)
    case list(table: String, column: String)

    /// Every collection the conjunct reads, looking into segments it names.
    static func all(in expr: Expr, compiler: SQLCompiler) -> [CollectionRead] {
        var found: [CollectionRead] = []
        func visit(_ expr: Expr) {
            switch expr.kind {
            case .aggregate(let aggregate):
                switch compiler.program.resolution(of: aggregate.source) {
                case .collection(let c)?, .collectionField(let c, _)?: found.append(.aggregate(aggregate, c))
                default: break
                }
                return
            case .comparison(let op, let lhs, let rhs):
                if let threshold = compiler.threshold(op, lhs, rhs) {
                    // K does not depend on the fan: it reads no collection.
                    found.append(.aggregate(threshold.aggregate, threshold.collection, threshold: threshold))
                    return
                }
                guard op == .in || op == .notIn else { break }
                if let list = compiler.fanList(rhs) {
                    found.append(.list(table: list.table, column: list.column))
                    visit(lhs)
                    return
                }
                if case .segment(let name)? = compiler.program.resolution(of: rhs), let segment = compiler.program.segment(named: name) {
                    visit(segment.condition)
                    return
                }
            default:
                break
            }
            expr.children.forEach(visit)
        }
        visit(expr)
        return found
    }
}

/// The cost model of docs/PLANS.md, in units of one index entry read in
/// order (about 0.04 µs on the 100,000-fan seed; 25 units a microsecond of
/// CPU). Fitted on the 100,000- and 1,000,000-fan seeds with their covering
/// per-fan indexes (migration 20) to the compiled plan forced into each shape
/// and order, 252 timings of the matrix's 42 cells (`RULEC_BENCH_FORMS=1
/// RulecBench segment-matrix`): least squares on the ratio of the forms of
/// each cell, then rounded so that no decision of the 10% and 90% cells at
/// either size picks a form measured slower (docs/PLANS.md, "Shapes";
/// BENCHMARKS.md "Segment shapes"):
///
/// - every form reads the creator's fans to test the fan-level conjuncts
///   (`fanScan` each), except that a set standing alone in `f.id IN (…)`
///   may drive the query instead: its members' fans are looked up by id
///   (`setDrive` each), when that is cheaper;
/// - a correlated sub-query per candidate fan pays for starting it and
///   seeking the `(user_id, fan_id, …)` index (`subquery`: from 16 for
///   candidates far apart down to 9.5 when nearly every fan is one, as the
///   fans are visited in id order and each seek lands beside the last), then reads the
///   rows its seek reaches in index order (`fanRow` each: all the fan's
///   rows, or only those of the filter's fixed values and the window when
///   the index orders them so, `SeekBound`), fetching the table row of
///   those in the window when the index lacks a column it needs (`lookup`),
///   and reduces them (`reduce`: the aggregate and its comparison; `exists`
///   stops at the first row instead);
/// - a grouped set read **in fan order** scans the creator's whole
///   `(user_id, fan_id, …)` index (`scanRow` a row, the window and filter checked on
///   the entry), fetching table rows as above (`orderedLookup`) and grouping
///   the rows that pass the window and the `where` filter as they come
///   (`collect`), already in fan order;
/// - a grouped set read **through the time index** reads only the window's
///   rows, but each is a seek into the table (the `(user_id, time)` index
///   holds neither the fan nor the values) and a sorter insert to group it
///   (`timeRow` in all, less for a narrow window, whose rows lie together);
/// - the set's fan ids go into an ephemeral index (`setInsert` each: one
///   per group when grouped, one per passing row for `exists` and lists),
///   then it is probed once per candidate (`probe`).
///
/// Which reads are covered comes from the store's index definitions
/// (`PlanEstimator.perFanIndexCovers`), never from a list here. The time
/// index wins for narrow windows (a week of a year's rows), fan order for
/// wide ones.
enum ShapeChooser {
    /// The weights of the steps above for one engine: one chooser, one set of
    /// formulas, the figures measured on each engine (docs/PLANS.md, "Costs").
    struct Weights: Sendable, Equatable {
        /// A sub-query's start and seek, for candidates far apart and for nearly every fan a candidate.
        var subqueryFar: Double
        var subqueryNear: Double
        var fanRow: Double
        var lookup: Double
        var scanRow: Double
        var orderedLookup: Double
        var collect: Double
        var timeRow: Double
        var setInsert: Double
        var probe: Double
        /// Reducing a candidate's rows to the aggregate and comparing it (not for `exists`).
        var reduce: Double = 0
        /// Reading the fans that the fan-level conjuncts test: every fan of the
        /// creator (`fanScan` each); or, for a selective conjunct, only the
        /// candidates through its index (`candidateRead` each: the plan tells
        /// SQLite the conjunct's share, `PlanBuilder`); or only the members of an
        /// `IN` set smaller than either, each looked up by id (`setDrive`), the set
        /// driving the query. A `NOT IN` set and a correlated sub-query are
        /// reached from the fans.
        var fanScan: Double = 0
        var candidateRead: Double = 0
        var setDrive: Double = 0
        /// A row read through the time index costs `timeRow` when the window
        /// holds the whole collection, times (window / collection)^`timeRowGrowth`
        /// for a narrower one: each row is a look-up of the table row by id,
        /// and a narrow window's rows are the latest, close together in the
        /// table, so their look-ups share pages.
        var timeRowGrowth: Double = 0

        func subquery(density: Double) -> Double {
            subqueryNear + (subqueryFar - subqueryNear) * (1 - min(1, max(0, density)))
        }

        /// The cheapest way to read the fans the fan-level conjuncts test: every
        /// fan, the candidates through the filter's index, or, for a set standing
        /// alone in `f.id IN (…)` (`setSize` ids), its members.
        func fanReading(fans: Double, candidates: Double, setSize: Double? = nil) -> FanReading {
            var best = FanReading(way: .everyFan, count: fans, cost: fans * fanScan)
            if candidates * candidateRead < best.cost { best = FanReading(way: .candidates, count: candidates, cost: candidates * candidateRead) }
            if let setSize, setSize * setDrive < best.cost { best = FanReading(way: .setMembers, count: setSize, cost: setSize * setDrive) }
            return best
        }

        /// The cost of reading the `window`'s rows of a collection of `total` through the time index.
        func timeRows(_ window: Double, of total: Double) -> Double {
            window * timeRow * (timeRowGrowth == 0 || total <= 0 ? 1 : pow(min(1, window / total), timeRowGrowth))
        }

        /// SQLite, fitted on the 100,000- and 1,000,000-fan seeds with migration 20
        /// (BENCHMARKS.md, "Segment shapes"). The fetch weights (`lookup`,
        /// `orderedLookup`) come from the earlier single queries (a row in fan
        /// order 0.09 µs, 0.27 µs with a table fetch): no read of the matrix
        /// fetches rows any more.
        static let sqlite = Weights(subqueryFar: 16, subqueryNear: 9.5, fanRow: 1.4, lookup: 6, scanRow: 1.35,
                                    orderedLookup: 5, collect: 0.4, timeRow: 46, setInsert: 2.6, probe: 0.7,
                                    reduce: 2.2, fanScan: 2.2, candidateRead: 25, setDrive: 5.2, timeRowGrowth: 0.6)

        /// PostgreSQL 15, in the same unit (25 = a microsecond of CPU), measured
        /// on the 20,000-fan seed as CPU of the client and its server backend
        /// (BENCHMARKS.md, "Segment matrix on PostgreSQL"): a correlated
        /// sub-query is an executor sub-plan call (about 1.8 µs, whatever the
        /// candidates' spacing: the pages are cached) and 0.24 µs a row; a
        /// grouped set is a sequential or index read of the creator's rows
        /// (0.1 µs a row, no fetch: the heap is read), a hash-aggregate insert
        /// per row in the window (0.12 µs) and per group (0.3 µs), or through
        /// the time index 0.3 µs a window row; the hashed semi-join probes
        /// 0.5 µs per candidate. Index coverage is PostgreSQL's business
        /// (index-only scans follow the visibility map), so no fetch is charged.
        static let postgres = Weights(subqueryFar: 45, subqueryNear: 45, fanRow: 6, lookup: 0, scanRow: 2.5,
                                      orderedLookup: 0, collect: 3, timeRow: 8, setInsert: 8, probe: 12)

        static func of(_ dialect: PlanDialect) -> Weights {
            switch dialect {
            case .sqlite: .sqlite
            case .postgres: .postgres
            }
        }
    }

    /// How a form reads the fans (`Weights.fanReading`), for its cost and `explain`.
    struct FanReading {
        enum Way { case everyFan, candidates, setMembers }
        var way: Way
        /// The fans, candidates or set members read.
        var count: Double
        var cost: Double

        var how: String {
            switch way {
            case .everyFan: "reading every fan: \(ShapeDecision.rounded(cost))"
            case .candidates: "reading the candidates through the filter's index: \(ShapeDecision.rounded(cost))"
            case .setMembers: "the set's \(ShapeDecision.rounded(count)) fans drive the query: \(ShapeDecision.rounded(cost))"
            }
        }
    }

    /// A grouped set this cheap (about 0.4 ms) is chosen without counting the
    /// candidates: counting them in the sample would cost about as much.
    /// (It was 25,000 with the weights before the two-size refit, which
    /// charged a set about 1.5 times as much: sets of a 2,000-fan store's
    /// selective segments passed as small against a correlated form ten
    /// times cheaper.)
    static let smallSet: Double = 10_000

    /// What one collection read costs each way.
    struct ReadCost {
        /// The correlated cost for one candidate fan: its seek's cost, its rows.
        var perCandidate: (Double, Double) -> Double
        var fanOrder: Double
        /// Nil when the window cannot be read through a time index.
        var timeIndex: Double?
        /// The fan ids in the grouped set.
        var setSize: Double
        var correlatedHow: String
        var groupedHow: String
    }

    static func decide(_ conjunct: Expr, reads: [CollectionRead], set: PlanSQL?, fanLevel: [PlanSQL],
                       candidates countCandidates: () -> PlanEstimator.Estimate,
                       estimator: PlanEstimator, compiler: SQLCompiler) -> ShapeDecision {
        let w = Weights.of(compiler.dialect.name)
        // A membership in a list with its own index (`"vip" in fan.tags`) is one
        // set of rows: counted directly, it is usually small, and nothing else is read.
        if let set, reads.allSatisfy({ if case .list = $0 { true } else { false } }),
           let rows = estimator.setRows(set, cap: Int(smallSet / (w.scanRow + w.setInsert))) {
            let cost = Double(rows) * (w.scanRow + w.setInsert)
            return ShapeDecision(conjunct: conjunct, shape: .grouped,
                                 candidates: PlanEstimator.Estimate(value: 0, how: "not counted (the grouped set is small)"),
                                 groupedCost: cost, groupedReasons: ["\(rows) rows in the set (counted)"],
                                 correlatedCost: 0, correlatedReasons: ["not estimated: the grouped set costs at most \(Int(smallSet))"])
        }
        let costs = reads.map { cost(of: $0, estimator: estimator, compiler: compiler) }
        let fanOrder = costs.reduce(0) { $0 + $1.fanOrder }
        let timeIndex = costs.reduce(0) { $0 + ($1.timeIndex ?? $1.fanOrder) }
        // Lists (tags by their own index, platforms) have no order to choose.
        let readsAggregate = reads.contains { if case .aggregate = $0 { true } else { false } }
        let order: GroupedOrder? = !readsAggregate ? nil : costs.contains(where: { $0.timeIndex != nil }) && timeIndex < fanOrder ? .timeIndex : .fanOrder
        let groupedRead = min(fanOrder, timeIndex)
        let groupedReasons = costs.map(\.groupedHow) + (costs.contains(where: { $0.timeIndex != nil })
            ? ["reading the window \(order == .timeIndex ? "through the time index" : "in fan order"): about \(ShapeDecision.rounded(groupedRead)) (\(order == .timeIndex ? "fan order" : "time index") \(ShapeDecision.rounded(max(fanOrder, timeIndex))))"]
            : [])
        if groupedRead <= smallSet {
            var decision = ShapeDecision(conjunct: conjunct, shape: .grouped,
                                         candidates: PlanEstimator.Estimate(value: 0, how: "not counted (the grouped set is small)"),
                                         groupedCost: groupedRead, groupedReasons: groupedReasons,
                                         correlatedCost: 0, correlatedReasons: ["not estimated: the grouped set costs at most \(Int(smallSet))"])
            decision.order = order
            return decision
        }
        let candidates = countCandidates()
        let rowsPerCandidate = reads.map { estimator.rowsPerCandidate(of: $0.table, fanLevel) }
        let seek = w.subquery(density: candidates.value / estimator.fans)
        // Only a set standing alone in `f.id IN (…)` can drive the query.
        let setSize = set.map { _ in costs.reduce(0) { $0 + $1.setSize } }
        let (groupedCost, correlatedCost) = compare(groupedRead: groupedRead, perCandidate: costs.map(\.perCandidate),
                                                    rowsPerCandidate: rowsPerCandidate, candidates: candidates.value,
                                                    fans: estimator.fans, setSize: setSize, weights: w)
        let perCandidateHow = zip(reads, rowsPerCandidate).map { "\($0.table): \(String(format: "%.2f", $1)) rows per candidate (\(estimator.figuresSource))" }
        // Reading the fans: charged with SQLite's weights only.
        let fansHow = w.fanScan == 0 ? [] : [w.fanReading(fans: estimator.fans, candidates: candidates.value).how]
        let drivenHow = w.fanScan == 0 ? [] : [w.fanReading(fans: estimator.fans, candidates: candidates.value, setSize: setSize).how]
        var decision = ShapeDecision(conjunct: conjunct, shape: correlatedCost < groupedCost ? .correlated : .grouped,
                                     candidates: candidates, groupedCost: groupedCost,
                                     groupedReasons: groupedReasons + ["probing the set for each candidate: \(String(format: "%g", w.probe)) each"] + drivenHow,
                                     correlatedCost: correlatedCost,
                                     correlatedReasons: ["candidates: " + candidates.how + ", a sub-query each (\(Int(seek.rounded())))"] + perCandidateHow + costs.map(\.correlatedHow) + fansHow)
        decision.order = order
        return decision
    }

    /// The costs of one collection read, from the estimator's figures.
    static func cost(of read: CollectionRead, estimator: PlanEstimator, compiler: SQLCompiler) -> ReadCost {
        let w = Weights.of(compiler.dialect.name)
        let table = read.table
        // On SQLite, one pass over the sampled fans' rows of an aggregate's
        // collection: all of them (rows per fan), the window's and the `where`
        // filter's share, and the fans left (the set's groups).
        var sampled: PlanEstimator.SampledRows?
        if case .aggregate(let aggregate, _, let threshold) = read, !estimator.isPostgres {
            let windowReadsFan = aggregate.window.map { compiler.dependsOnFan($0) } ?? false
            sampled = (try? compiler.rowPredicates(of: aggregate, threshold: threshold)).flatMap {
                estimator.sampledRows(table, alias: $0.alias, window: windowReadsFan ? nil : $0.window, filter: $0.filter, passes: $0.passes)
            }
        }
        let perFan = estimator.rowsPerFan(of: table)
        let total = perFan * estimator.fans
        let rowsHow = "about \(ShapeDecision.rounded(total)) rows, \(String(format: "%.2f", perFan)) per fan (\(estimator.figuresSource))"
        switch read {
        case .list(let table, let column):
            // The set is one value's rows: by the `(user_id, tag, fan_id)` index
            // for tags, else the whole collection.
            let rows = table == "fan_tag_values" ? estimator.rowsPerValue(of: table, column: column) : total
            let how = table == "fan_tag_values" ? "\(table): about \(ShapeDecision.rounded(rows)) rows per \(column) (index by \(column))"
                                                 : "\(table): \(rowsHow) (no index by \(column))"
            return ReadCost(perCandidate: { seek, rows in seek + w.fanRow * min(rows, 1) }, fanOrder: rows * (w.scanRow + w.setInsert), timeIndex: nil, setSize: rows,
                            correlatedHow: "\(table): a seek and the fan's rows of one \(column)", groupedHow: how)
        case .aggregate(let aggregate, let collection, let threshold):
            let covered = estimator.perFanIndexCovers(table, columns: columns(read: aggregate, collection, compiler: compiler))
            let windowReadsFan = aggregate.window.map { compiler.dependsOnFan($0) } ?? false
            // Rows in the window, and whether a time index can read them alone.
            var total = total
            var window = total
            var windowHow = "no window"
            var windowCounted = false
            var timeIndexUsable = false
            if let duration = aggregate.window {
                let column = collection.timeField.column
                if windowReadsFan {
                    windowHow = "the window depends on the fan"
                } else if let start = try? compiler.windowStart(duration),
                          let counted = estimator.windowRows(table, column: column, start: start, sampled: sampled?.window) {
                    window = counted.value
                    total = max(total, window)
                    windowCounted = true
                    windowHow = counted.how
                    timeIndexUsable = estimator.hasIndex(table, leading: column)
                    if !timeIndexUsable { windowHow += "; no index by \(column)" }
                } else {
                    windowHow = "the window could not be counted"
                }
            }
            // A threshold stops at its first passing row; without the sample's
            // count of such rows (PostgreSQL) it is priced as the aggregate it replaces.
            let stops = aggregate.function == .exists || threshold.map { $0.rowTest == nil || sampled != nil } ?? false
            var figures = AggregateFigures(total: total, window: window, fans: estimator.fans, covered: covered,
                                           stops: stops, timeIndexUsable: timeIndexUsable)
            if let sampled {
                func inWindow(_ sampledRows: Int) -> Double {
                    sampled.window > 0 ? window * Double(sampledRows) / Double(sampled.window) : Double(sampledRows) * estimator.sampleScale
                }
                figures.passing = inWindow(sampled.passing)
                figures.groups = Double(sampled.groups) * estimator.sampleScale
                let passing = ShapeDecision.rounded(min(window, figures.passing!))
                let rowTest = threshold?.rowTest != nil
                windowHow += aggregate.filter == nil && !rowTest ? ""
                    : "; about \(passing) pass the \(!rowTest ? "filter" : aggregate.filter == nil ? "threshold" : "filter and the threshold") (\(sampled.passing) of \(sampled.window) sampled)"
                windowHow += "; about \(ShapeDecision.rounded(min(figures.groups!, estimator.fans))) fans with such rows (\(sampled.groups) sampled)"
                // The seek is bounded by the filter's equalities, never by a threshold's
                // range: it reaches the rows that pass the filter.
                (figures.seekShare, figures.seekInWindow) = seekBound(of: aggregate, collection, windowCounted: windowCounted, compiler: compiler)
                    .reach(indexes: estimator.perFanIndexes(of: table), total: total, window: window, passing: min(window, inWindow(sampled.filtered)))
            }
            let (perCandidate, fanOrder, timeIndex) = figures.costs(w)
            let coverage = covered ? "the per-fan index holds every column read" : "table rows fetched for the columns the index lacks"
            let seekReads = figures.seekShare < 1 ? " (the seek reads \(String(format: "%.0f", figures.seekShare * 100))% of them)" : ""
            return ReadCost(perCandidate: perCandidate, fanOrder: fanOrder, timeIndex: timeIndex, setSize: figures.setSize,
                            correlatedHow: "\(table): a seek, then the candidate's rows\(seekReads)\(stops ? " up to the first found" : ""); \(coverage)",
                            groupedHow: "\(table): \(rowsHow); \(windowHow)")
        }
    }

    /// Every figure `decide` may ask the estimator about for these conjuncts'
    /// reads, as PostgreSQL planner questions (`PlanEstimator.prefetch` asks
    /// them in one round trip).
    static func questions(_ entries: [(reads: [CollectionRead], set: PlanSQL?)], fanLevel: [PlanSQL], compiler: SQLCompiler) -> [PlanSQL] {
        var questions: [PlanSQL] = []
        for (reads, set) in entries {
            // A list's set is counted first and is usually small: nothing else is asked.
            if let set, reads.allSatisfy({ if case .list = $0 { true } else { false } }) { questions.append(set); continue }
            if questions.isEmpty || questions[0] != PlanEstimator.fansQuery {
                questions.insert(PlanEstimator.fansQuery, at: 0)
                if !fanLevel.isEmpty { questions.append(PlanEstimator.candidatesQuery(fanLevel)) }
            }
            for read in reads {
                questions.append(PlanEstimator.rowsQuery(read.table))
                if case .aggregate(let aggregate, let collection, _) = read, let duration = aggregate.window,
                   !compiler.dependsOnFan(duration), let start = try? compiler.windowStart(duration) {
                    questions.append(PlanEstimator.windowQuery(read.table, column: collection.timeField.column, start: start))
                }
            }
        }
        return questions
    }

    /// The grouped cost (the set's read and a probe per candidate) and the
    /// correlated cost (a sub-query per candidate and its rows) of a conjunct,
    /// each with the reading of the fans, from figures alone: `PlanEstimator`
    /// supplies them, the unit tests fix them. `setSize`: the ids of a set that
    /// stands alone in `f.id IN (…)`, which may drive the query instead of the
    /// fans; nil for a `NOT IN` set.
    static func compare(groupedRead: Double, perCandidate: [(Double, Double) -> Double], rowsPerCandidate: [Double],
                        candidates: Double, fans: Double, setSize: Double? = nil, weights w: Weights) -> (grouped: Double, correlated: Double) {
        let seek = w.subquery(density: candidates / max(fans, 1))
        let each = zip(perCandidate, rowsPerCandidate).reduce(0) { $0 + $1.0(seek, $1.1) }
        return (groupedRead + candidates * w.probe + w.fanReading(fans: fans, candidates: candidates, setSize: setSize).cost,
                candidates * each + w.fanReading(fans: fans, candidates: candidates).cost)
    }

    /// What an aggregate over a collection reads, as figures.
    struct AggregateFigures {
        /// The creator's rows of the collection, and those in the window (all of them without one).
        var total: Double
        var window: Double
        var fans: Double
        /// The `(user_id, fan_id, …)` index holds every column the aggregate reads.
        var covered: Bool
        /// `exists`: stops at the first row found.
        var stops: Bool
        var timeIndexUsable: Bool
        /// Rows in the window that pass the aggregate's `where` filter, and the
        /// fans among them (the grouped set's groups): estimated from the sample
        /// on SQLite (`PlanEstimator.filtered`); nil for the whole window and
        /// at most one group per fan (PostgreSQL, or a filter not estimated).
        var passing: Double? = nil
        var groups: Double? = nil
        /// The share of a candidate's rows its seek reads (`SeekBound`): 1
        /// unless the per-fan index's order bounds it (on SQLite, from the
        /// sample); and whether they are all in the window.
        var seekShare: Double = 1
        var seekInWindow = false

        /// The rows passing the window and the filter (the whole window when not estimated).
        var passingRows: Double { min(window, passing ?? window) }

        /// The fan ids the grouped set holds: a passing row's for `exists`, a group's otherwise.
        var setSize: Double { stops ? passingRows : min(passingRows, fans, groups ?? passingRows) }

        /// The correlated cost per candidate (given its seek and its rows), and
        /// the grouped read in fan order and through the time index (nil without one).
        func costs(_ w: Weights) -> (perCandidate: (Double, Double) -> Double, fanOrder: Double, timeIndex: Double?) {
            let share = total > 0 ? min(1, window / total) : 1
            let passing = passingRows
            // `exists` reads the rows its seek reaches up to the first that
            // passes: about one in `total * seekShare / passing`, at least one.
            let untilFound = self.passing == nil || passing <= 0 ? 2 : max(1, total * seekShare / passing)
            let (covered, stops, seekShare) = (covered, stops, seekShare)
            // Table rows are fetched for the rows read that are in the window.
            let fetched = seekInWindow ? 1 : share
            let perCandidate = { (seek: Double, rows: Double) -> Double in
                let reached = rows * seekShare
                let read = stops ? min(reached, untilFound) : reached
                return seek + w.fanRow * read + (covered ? 0 : w.lookup * read * fetched) + (stops ? 0 : w.reduce)
            }
            // Ids into the set: a passing row's for `exists`, a group's (at most one per fan) otherwise.
            let inserted = setSize * w.setInsert
            let fanOrder = total * w.scanRow + window * (covered ? 0 : w.orderedLookup) + passing * w.collect + inserted
            return (perCandidate, fanOrder, timeIndexUsable ? w.timeRows(window, of: total) + inserted : nil)
        }
    }

    /// The columns an aggregate reads from its collection's rows.
    static func columns(read aggregate: Aggregate, _ collection: CollectionSpec, compiler: SQLCompiler) -> Set<String> {
        var columns: Set<String> = []
        if case .collectionField(_, let field)? = compiler.program.resolution(of: aggregate.source) { columns.insert(field.column) }
        if aggregate.window != nil { columns.insert(collection.timeField.column) }
        func visit(_ expr: Expr) {
            if case .elementField(_, let field)? = compiler.program.resolution(of: expr) { columns.insert(field.column) }
            expr.children.forEach(visit)
        }
        aggregate.filter.map(visit)
        return columns
    }
}

extension CollectionRead {
    var table: String {
        switch self {
        case .aggregate(_, let collection, _): collection.table
        case .list(let table, _): table
        }
    }
}
