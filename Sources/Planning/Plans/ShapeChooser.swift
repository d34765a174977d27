import Semantics
import Syntax

/// One collection a conjunct reads: an aggregate over it, or a list kept as
/// rows (`x in fan.tags`).
enum CollectionRead {
    case aggregate(Aggregate, CollectionSpec)
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
            case .comparison(let op, let lhs, let rhs) where op == .in || op == .notIn:
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
/// order. A correlated sub-query pays an index seek plus the fan's rows (read
/// in order from the `(user_id, fan_id, …)` index) for each candidate fan. A
/// grouped set reads the rows of its window once through the `(user_id,
/// time)` index, which holds neither the fan nor the values, so each row is a
/// seek into the table, then a sorter insert to group it; without a window (or
/// a usable time index) it reads the creator's whole collection in order.
/// Calibrated on the 100,000-fan seed (BENCHMARKS.md, segment matrix).
enum ShapeChooser {
    /// An index or table seek, in entries read in order.
    static let seek: Double = 8
    /// Grouping or collecting a row into the set (a sorter or ephemeral
    /// B-tree insert).
    static let collect: Double = 1
    /// Per row of a window read through the time index: a seek into the
    /// table for the fan and the values, and the sorter's own B-tree insert.
    static let windowRow: Double = 2 * seek + collect
    /// Per row of a whole collection read in order.
    static let scanRow: Double = 1 + collect

    /// A grouped set this cheap is chosen without counting the candidates:
    /// counting them would cost about as much as reading the set.
    static let smallSet: Double = 20_000

    static func decide(_ conjunct: Expr, reads: [CollectionRead], candidates countCandidates: () -> PlanEstimator.Estimate,
                       estimator: PlanEstimator, compiler: SQLCompiler) -> ShapeDecision {
        let small = reads.map { groupedRows($0, cap: smallSet, estimator: estimator, compiler: compiler) }
        let smallCost = small.reduce(0) { $0 + $1.rows * $1.perRow }
        if !small.contains(where: \.stopped), smallCost <= smallSet {
            return ShapeDecision(conjunct: conjunct, shape: .grouped,
                                 candidates: PlanEstimator.Estimate(value: 0, how: "not counted (the grouped set is small)"),
                                 groupedCost: smallCost, groupedReasons: small.map(\.how),
                                 correlatedCost: 0, correlatedReasons: ["not estimated: the grouped set reads at most \(Int(smallSet)) rows"])
        }
        let candidates = countCandidates()
        var perFan = 0.0
        var correlatedReasons = ["candidates: " + candidates.how]
        for read in reads {
            let table = read.table
            // `exists` and a list membership stop at the first row found.
            let stops = read.stopsAtFirstRow
            let rows = estimator.rowsPerFan(of: table)
            perFan += seek + (stops ? min(rows, 2) : rows)
            correlatedReasons.append("\(table): about \(String(format: "%.1f", rows)) rows per fan"
                                     + (stops ? ", stopping at the first" : "") + ", plus a seek")
        }
        let correlatedCost = candidates.value * perFan
        var groupedCost = 0.0
        var groupedReasons: [String] = []
        var lowerBound = false
        for read in reads {
            let (rows, perRow, how, stopped) = groupedRows(read, cap: correlatedCost, estimator: estimator, compiler: compiler)
            groupedCost += rows * perRow
            groupedReasons.append(how)
            lowerBound = lowerBound || stopped
        }
        var decision = ShapeDecision(conjunct: conjunct, shape: correlatedCost < groupedCost ? .correlated : .grouped,
                                     candidates: candidates, groupedCost: groupedCost, groupedReasons: groupedReasons,
                                     correlatedCost: correlatedCost, correlatedReasons: correlatedReasons)
        decision.groupedCostIsLowerBound = lowerBound
        return decision
    }

    /// Rows the grouped set reads for one collection.
    static func groupedRows(_ read: CollectionRead, cap: Double, estimator: PlanEstimator,
                            compiler: SQLCompiler) -> (rows: Double, perRow: Double, how: String, stopped: Bool) {
        switch read {
        case .list(let table, let column):
            if table == "fan_tag_values", let stat = estimator.stat("fan_tag_values_by_tag"), stat.count >= 3 {
                return (stat[2], scanRow, "\(table): about \(Int(stat[2])) rows per \(column) (index by \(column))", false)
            }
            let rows = estimator.rows(of: table, cap: cap / scanRow)
            return (rows.value, scanRow, "\(table): \(rows.how) (no index by \(column))", rows.isLowerBound)
        case .aggregate(let aggregate, let collection):
            let table = collection.table, column = collection.timeField.column
            func whole(_ why: String) -> (Double, Double, String, Bool) {
                let all = estimator.rows(of: table, cap: cap / scanRow)
                return (all.value, scanRow, "\(table): \(all.how) (\(why))", all.isLowerBound)
            }
            guard let window = aggregate.window else { return whole("no window") }
            guard !compiler.dependsOnFan(window) else { return whole("the window depends on the fan") }
            guard estimator.hasIndex(table, leading: column) else { return whole("no index by \(column)") }
            guard let start = try? compiler.windowStart(window),
                  let counted = estimator.windowRows(table, column: column, start: start, cap: cap / windowRow) else {
                return whole("the window could not be counted")
            }
            return (counted.value, windowRow, "\(table): " + counted.how, counted.isLowerBound)
        }
    }
}

extension CollectionRead {
    var stopsAtFirstRow: Bool {
        switch self {
        case .aggregate(let aggregate, _): aggregate.function == .exists
        case .list: true
        }
    }

    var table: String {
        switch self {
        case .aggregate(_, let collection): collection.table
        case .list(let table, _): table
        }
    }
}
