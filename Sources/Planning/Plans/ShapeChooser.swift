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

/// The cost model of docs/PLANS.md, in rows read. A grouped set reads the
/// rows of its window once (by the `(user_id, time)` index when there is one,
/// else the creator's whole collection) and pays again to group or collect
/// them; a correlated sub-query pays an index seek plus the fan's rows for
/// each candidate fan.
enum ShapeChooser {
    /// An index seek, in rows read (a B-tree descent costs about as much as
    /// reading a handful of adjacent index entries).
    static let seek: Double = 8
    /// Grouping or collecting a row into the set (a sorter or ephemeral
    /// B-tree insert), on top of reading it.
    static let collect: Double = 1

    static func decide(_ conjunct: Expr, reads: [CollectionRead], candidates: PlanEstimator.Estimate,
                       estimator: PlanEstimator, compiler: SQLCompiler) -> ShapeDecision {
        var perFan = 0.0
        var correlatedReasons = ["candidates: " + candidates.how]
        for read in reads {
            let table = read.table
            let rows = estimator.rowsPerFan(of: table)
            perFan += seek + rows
            correlatedReasons.append("\(table): about \(String(format: "%.1f", rows)) rows per fan, plus a seek")
        }
        let correlatedCost = candidates.value * perFan
        var groupedCost = 0.0
        var groupedReasons: [String] = []
        var lowerBound = false
        for read in reads {
            let (rows, how, stopped) = groupedRows(read, cap: correlatedCost, estimator: estimator, compiler: compiler)
            groupedCost += rows * (1 + collect)
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
                            compiler: SQLCompiler) -> (Double, String, Bool) {
        switch read {
        case .list(let table, let column):
            if table == "fan_tag_values", let stat = estimator.stat("fan_tag_values_by_tag"), stat.count >= 3 {
                return (stat[2], "\(table): about \(Int(stat[2])) rows per \(column) (index by \(column))", false)
            }
            let rows = estimator.rows(of: table)
            return (rows, "\(table): all \(Int(rows)) rows (no index by \(column))", false)
        case .aggregate(let aggregate, let collection):
            let table = collection.table, column = collection.timeField.column
            let all = estimator.rows(of: table)
            guard let window = aggregate.window else { return (all, "\(table): all \(Int(all)) rows (no window)", false) }
            guard !compiler.dependsOnFan(window) else { return (all, "\(table): all \(Int(all)) rows (the window depends on the fan)", false) }
            guard estimator.hasIndex(table, leading: column) else {
                return (all, "\(table): all \(Int(all)) rows (no index by \(column))", false)
            }
            guard let start = try? compiler.windowStart(window),
                  let counted = estimator.windowRows(table, column: column, start: start, cap: cap / (1 + collect)) else {
                return (all, "\(table): all \(Int(all)) rows (the window could not be counted)", false)
            }
            return (counted.value, "\(table): " + counted.how, counted.isLowerBound)
        }
    }
}

extension CollectionRead {
    var table: String {
        switch self {
        case .aggregate(_, let collection): collection.table
        case .list(let table, _): table
        }
    }
}
