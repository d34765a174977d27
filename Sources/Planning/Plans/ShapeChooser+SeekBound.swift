import Semantics
import Syntax

/// How much of a candidate's rows a correlated sub-query reads (docs/PLANS.md,
/// "Shapes"). The sub-query seeks the `(user_id, fan_id, …)` index; when the
/// columns after the fan are compared with fixed values by the aggregate's
/// `where` (`kind == "tip"`) and then bounded by its window, the seek lands on
/// the first such row and stops after the last: it reads the passing rows,
/// not all of the fan's. `fan_transactions_by_fan` is `(user_id, fan_id,
/// kind, occurred_at, …)`: `count(… within 30d where kind == "tip")` reads a
/// tenth of a fan's rows, `sum(… within 90d)` all of them.
extension ShapeChooser {
    /// What bounds the seek, as figures of the aggregate's collection.
    struct SeekBound: Equatable {
        /// The columns the `where` filter compares with a fixed value, and whether it compares nothing else.
        var equalities: Set<String>
        var onlyEqualities: Bool
        /// The collection's time column when the window bounds the rows (nil without one).
        var timeColumn: String?

        /// The share of a fan's rows the best per-fan index reads, from the
        /// collection's rows (`total`), those in the window and those passing
        /// the filter too (1 when no index bounds the seek), and whether every
        /// row it reads is in the window.
        func reach(indexes: [[String]], total: Double, window: Double, passing: Double) -> (share: Double, inWindow: Bool) {
            guard total > 0 else { return (1, false) }
            var best: (share: Double, inWindow: Bool) = (1, false)
            for columns in indexes {
                var next = 2
                var used = Set<String>()
                while next < columns.count, equalities.contains(columns[next]) {
                    used.insert(columns[next])
                    next += 1
                }
                let filterBound = onlyEqualities && !used.isEmpty && used == equalities
                let windowBound = timeColumn != nil && next < columns.count && columns[next] == timeColumn
                let reach: (share: Double, inWindow: Bool) = switch (filterBound, windowBound) {
                case (true, true): (passing / total, true)
                // The filter's share of the rows, the window read whole.
                case (true, false): (window > 0 ? passing / window : 1, false)
                case (false, true) where used.isEmpty: (window / total, true)
                default: (1, false)
                }
                if reach.share < best.share { best = (max(0, reach.share), reach.inWindow) }
            }
            return best
        }
    }

    /// The bound of `aggregate`'s seek: its filter's `field == value` conjuncts, and its window.
    static func seekBound(of aggregate: Aggregate, _ collection: CollectionSpec, windowCounted: Bool,
                          compiler: SQLCompiler) -> SeekBound {
        var bound = SeekBound(equalities: [], onlyEqualities: true, timeColumn: windowCounted ? collection.timeField.column : nil)
        func visit(_ expr: Expr) {
            switch expr.kind {
            case .parenthesized(let inner):
                visit(inner)
            case .binary(.and, let lhs, let rhs):
                visit(lhs)
                visit(rhs)
            case .comparison(.equal, let lhs, let rhs):
                if let column = fixedEquality(lhs, rhs, compiler) ?? fixedEquality(rhs, lhs, compiler) {
                    bound.equalities.insert(column)
                } else {
                    bound.onlyEqualities = false
                }
            default:
                bound.onlyEqualities = false
            }
        }
        aggregate.filter.map(visit)
        return bound
    }

    /// The column of `field` when it is an element's field and `value` is fixed.
    private static func fixedEquality(_ field: Expr, _ value: Expr, _ compiler: SQLCompiler) -> String? {
        guard case .elementField(_, let spec)? = compiler.program.resolution(of: field), compiler.staticValue(value) != nil else { return nil }
        return spec.column
    }
}
