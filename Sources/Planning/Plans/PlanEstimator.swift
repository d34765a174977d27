import Foundation
import Semantics
import Store
import Syntax

/// Estimates from one creator's store that decide the shape of a plan over
/// all fans (docs/PLANS.md): how many fans the fan-level conjuncts leave, how
/// many rows a collection holds in all and per fan, and how many fall in a
/// window. Each figure comes from SQLite's planner statistics
/// (`sqlite_stat1`, kept by `ANALYZE`) or from a count bounded so that
/// estimating never costs more than the cheaper of the two plans it decides
/// between.
public final class PlanEstimator {
    let store: CreatorStore
    let program: CheckedProgram
    let context: EvaluationContext
    private var statistics: [String: [Double]]?
    private var indexes: [String: [[String]]] = [:]

    /// `store`'s connection must have the `rulec_*` functions (`EngineStore.open`).
    public init(store: CreatorStore, program: CheckedProgram, context: EvaluationContext) {
        self.store = store
        self.program = program
        self.context = context
    }

    /// The numbers of an index's `sqlite_stat1` row: rows, then rows per
    /// distinct value of each leading prefix of its columns.
    func stat(_ index: String) -> [Double]? {
        if statistics == nil {
            var table: [String: [Double]] = [:]
            if (try? store.database.tableExists("sqlite_stat1")) == true,
               let rows = try? store.database.rows("SELECT idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL") {
                for row in rows {
                    guard case .text(let name) = row[0], case .text(let stat) = row[1] else { continue }
                    table[name] = stat.split(separator: " ").compactMap { Double($0) }
                }
            }
            statistics = table
        }
        return statistics?[index]
    }

    /// The creator's fans, counted on the `(user_id, id)` index: the
    /// statistics of a large store are sampled (`analysis_limit`), so their
    /// row counts are not the table's.
    lazy var fans: Double = {
        let counted = (try? store.recoverable { try store.scalar("SELECT count(*) FROM fan_profiles WHERE user_id = :user").int64 }) ?? nil
        return Double(max(1, counted ?? 1))
    }()

    /// The creator's rows of a collection's table, counted up to `cap` on
    /// the `(user_id, …)` index (so never more than the cheaper plan reads).
    func rows(of table: String, cap: Double) -> Estimate {
        let limit = Int(min(max(cap, 1), 1e9)) + 1
        let bounded: PlanSQL = "SELECT count(*) FROM (SELECT 1 FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) LIMIT \(raw: String(limit))) AS bounded"
        guard let counted = count(bounded) else { return Estimate(value: fans * rowsPerFan(of: table), how: "about fans × rows per fan") }
        let stopped = counted >= limit
        return Estimate(value: Double(counted), how: stopped ? "more than \(limit - 1) rows (counting stopped)" : "all \(counted) rows (counted)",
                        isLowerBound: stopped)
    }

    /// Average rows per fan (among fans with any), from the `(user_id, fan_id, …)` index's statistics.
    func rowsPerFan(of table: String) -> Double {
        if let stat = stat(table + "_by_fan"), stat.count >= 3 { return max(1, stat[2]) }
        // Without statistics: a sample of the creator's rows against the fans they name.
        let sample: PlanSQL = "SELECT count(*), count(DISTINCT fan_id) FROM (SELECT fan_id FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) LIMIT 2000) AS sample"
        if let row = try? store.recoverable({ try store.rows(sample.rendered()).first }) ?? nil, let rows = row[0].int64, let distinct = row[1].int64, distinct > 0 {
            return max(1, Double(rows) / Double(distinct))
        }
        return 1
    }

    /// Whether an index starts with `(user_id, column)`, so a window on
    /// `column` is a range search of it.
    func hasIndex(_ table: String, leading column: String) -> Bool {
        if indexes[table] == nil {
            var found: [[String]] = []
            if store.database.dialect == .postgres {
                // PostgreSQL's catalog; a failed statement would abort the batch's transaction, so nothing here may fail.
                var columns: [String: [String]] = [:]
                try? store.database.forEachRow("""
                    SELECT i.relname::text, a.attname::text FROM pg_index x
                    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                    WHERE t.relname = ? AND pg_table_is_visible(t.oid) ORDER BY i.relname, k.ord
                    """, [.text(table)]) { columns[$0.string(0), default: []].append($0.string(1)) }
                indexes[table] = Array(columns.values)
                return indexes[table]!.contains { $0.count >= 2 && $0[0] == "user_id" && $0[1] == column }
            }
            let names = (try? store.database.rows("SELECT name FROM pragma_index_list(?)", [.text(table)])) ?? []
            for row in names {
                guard case .text(let name) = row[0] else { continue }
                let columns = (try? store.database.rows("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [.text(name)])) ?? []
                found.append(columns.compactMap { if case .text(let c) = $0[0] { c } else { nil } })
            }
            indexes[table] = found
        }
        return indexes[table]!.contains { $0.count >= 2 && $0[0] == "user_id" && $0[1] == column }
    }

    /// How many of the creator's fans pass the fan-level clauses: counted
    /// exactly up to `cap`, estimated from the first fans beyond it.
    func candidates(_ clauses: [PlanSQL], cap: Int = 1_000) -> Estimate {
        guard !clauses.isEmpty else { return Estimate(value: fans, how: "all \(Int(fans)) fans (no fan-level condition)") }
        let filters = PlanSQL.joined(clauses.map { " AND " + $0 }, separator: "")
        let bounded: PlanSQL = "SELECT count(*) FROM (SELECT 1 FROM fan_profiles f WHERE f.user_id = \(PlanSQL.creator)\(filters) LIMIT \(raw: String(cap))) AS bounded"
        guard let counted = count(bounded) else { return Estimate(value: fans, how: "unknown (counting failed)") }
        if counted < cap { return Estimate(value: Double(counted), how: "\(counted) fans (counted)") }
        let sample = 2_000
        let sampled: PlanSQL = "SELECT count(*) FROM (SELECT * FROM fan_profiles WHERE user_id = \(PlanSQL.creator) ORDER BY id LIMIT \(raw: String(sample))) f WHERE 1 = 1\(filters)"
        guard let hits = count(sampled) else { return Estimate(value: fans, how: "unknown (sampling failed)") }
        let value = max(Double(cap), fans * Double(hits) / Double(min(Double(sample), fans)))
        return Estimate(value: value, how: "about \(Int(value)) fans (\(hits) of the first \(sample) sampled)")
    }

    /// Rows of `table` whose `column` falls in `[start, now]`: counted up to
    /// `cap` when that is cheap, else estimated from the rows of the first
    /// fans (by id) read through the per-fan index.
    func windowRows(_ table: String, column: String, start: PlanSQL, cap: Double) -> Estimate? {
        if cap > Self.countingLimit {
            // `+column` keeps SQLite off the time index: the sample is read per fan.
            let sample = 500
            let sampled: PlanSQL = """
                SELECT count(*) FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND +\(raw: column) BETWEEN \(start) AND \(PlanSQL.parameter(.now)) \
                AND fan_id IN (SELECT id FROM fan_profiles WHERE user_id = \(PlanSQL.creator) ORDER BY id LIMIT \(raw: String(sample)))
                """
            if let hits = count(sampled) {
                let value = Double(hits) * fans / min(Double(sample), fans)
                return Estimate(value: value, how: "about \(Int(value)) rows in the window (\(hits) for the first \(sample) fans)")
            }
        }
        let limit = Int(min(max(cap, 1), 1e9)) + 1
        let bounded: PlanSQL = "SELECT count(*) FROM (SELECT 1 FROM \(raw: table) WHERE user_id = \(PlanSQL.creator) AND \(raw: column) BETWEEN \(start) AND \(PlanSQL.parameter(.now)) LIMIT \(raw: String(limit))) AS bounded"
        guard let counted = count(bounded) else { return nil }
        let stopped = counted >= limit
        return Estimate(value: Double(counted), how: stopped ? "more than \(limit - 1) rows in the window (counting stopped)" : "\(counted) rows in the window (counted)",
                        isLowerBound: stopped)
    }

    /// Above this many rows, a window is estimated from a sample instead of counted.
    static let countingLimit: Double = 10_000

    private func count(_ query: PlanSQL) -> Int? {
        guard let values = try? PlanExecutor(store: store, program: program).bindingValues(query.bindings, context: context),
              let value = (try? store.recoverable({ try store.scalar(query.rendered(), values).int64 })) ?? nil else { return nil }
        return Int(value)
    }

    public struct Estimate: Sendable, Hashable {
        public var value: Double
        public var how: String
        /// Counting stopped at a cap: the true figure is larger.
        public var isLowerBound = false
    }
}
