import Foundation
@testable import Planning
import Store
import Testing

/// The share of a collection's rows that an aggregate's `where` filter and
/// window leave, and the fans among them: read off the sample by the
/// estimator (`PlanEstimator.sampledRows`), charged by the chooser
/// (`ShapeChooser.AggregateFigures`). Before, every row of the collection
/// counted as a set insert, and the covered grouped `IN` of
/// `exists(fan.subscriptions where status == "active" and auto_renew == false)`
/// lost to a correlated form 1.6 to 2.1 times slower (BENCHMARKS.md).
@Suite struct ShapeFilterShareTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var condition: String
        var table: String
        /// The filter and window as hand-written SQL on the table.
        var filter: String
        var window: Int64?
        var testDescription: String { condition }
    }

    /// A store of at most 1,024 fans is its own sample: the figures must be exact.
    @Test(arguments: [
        Case(condition: "exists(fan.subscriptions where status == \"active\" and auto_renew == false)", table: "fan_subscriptions",
             filter: "status = 'active' AND auto_renew = 0", window: nil),
        Case(condition: "count(fan.transactions within 30d where kind == \"tip\") >= 2", table: "fan_transactions",
             filter: "kind = 'tip'", window: 30 * 86_400),
        Case(condition: "exists(fan.messages within 7d)", table: "fan_messages", filter: "1", window: 7 * 86_400),
    ])
    func theSampleCountsWhatTheFilterAndWindowLeave(_ c: Case) throws {
        let (condition, table, filter, window) = (c.condition, c.table, c.filter, c.window)
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        try Seeder.run(SeedOptions(fans: 1_000, userID: "u"), into: store)
        let program = try checkedProgram("segment s { \(condition) }")
        let now = SeedOptions.defaultNow
        let estimator = PlanEstimator(store: store.creator("u"), program: program,
                                      context: EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!))
        let compiler = SQLCompiler(program: program, scope: .allFans)
        guard case .aggregate(let aggregate, _, _)? = CollectionRead.all(in: program.segment(named: "s")!.condition, compiler: compiler).first else {
            Issue.record("no aggregate read in \(condition)")
            return
        }
        let predicates = try compiler.rowPredicates(of: aggregate)
        let sampled = try #require(estimator.sampledRows(table, alias: predicates.alias, window: predicates.window, filter: predicates.filter))

        let inWindow = window.map { "occurred_at BETWEEN \(now - $0) AND \(now)" } ?? "1"
        let timed = table == "fan_messages" ? inWindow.replacingOccurrences(of: "occurred_at", with: "sent_at") : inWindow
        let creator = store.creator("u")
        func count(_ what: String, _ condition: String) throws -> Int {
            Int(try creator.scalar("SELECT \(what) FROM \(table) WHERE user_id = :user AND \(condition)").int64 ?? -1)
        }
        #expect(sampled.rows == (try count("count(*)", "1")))
        #expect(sampled.window == (try count("count(*)", timed)))
        #expect(sampled.passing == (try count("count(*)", "\(timed) AND \(filter)")))
        #expect(sampled.groups == (try count("count(DISTINCT fan_id)", "\(timed) AND \(filter)")))
        #expect(sampled.passing > 0)
        if filter != "1" { #expect(sampled.passing < sampled.window) }
    }

    /// Fans without a row of the collection: the sample reads no row, and its
    /// figures are zeros, not missing (a rewrite that grouped the rows by fan
    /// summed over no group, which is NULL, and lost them).
    @Test func aCollectionWithoutRowsCountsZero() throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        let creator = store.creator("u")
        for id in Int64(1)...3 { try creator.execute(fanRow(id)) }
        let program = try checkedProgram("segment s { count(fan.transactions within 30d where kind == \"tip\") >= 2 }")
        let estimator = PlanEstimator(store: creator, program: program,
                                      context: EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!))
        let compiler = SQLCompiler(program: program, scope: .allFans)
        guard case .aggregate(let aggregate, _, _)? = CollectionRead.all(in: program.segment(named: "s")!.condition, compiler: compiler).first else {
            Issue.record("no aggregate read")
            return
        }
        let predicates = try compiler.rowPredicates(of: aggregate)
        let sampled = estimator.sampledRows("fan_transactions", alias: predicates.alias, window: predicates.window, filter: predicates.filter)
        #expect(sampled == PlanEstimator.SampledRows(rows: 0, window: 0, filtered: 0, passing: 0, groups: 0))
    }

    /// The figures of the 100,000-fan seed at a 10% spend filter: 89,551
    /// subscriptions, 6,344 active without auto-renewal, 8,593 candidates
    /// with 1.08 subscriptions each. Measured: grouped 11.1–13.0 ms,
    /// correlated 16.1–17.9. Charging every row as a set insert chose correlated.
    @Test func aSelectiveFilterMakesTheGroupedSetCheap() {
        var figures = ShapeChooser.AggregateFigures(total: 89_551, window: 89_551, fans: 100_000, covered: true,
                                                    stops: true, timeIndexUsable: false)
        func costs() -> (grouped: Double, correlated: Double) {
            let (perCandidate, fanOrder, _) = figures.costs(.sqlite)
            // `exists` is an `f.id IN (…)` set: its members may drive the query.
            return ShapeChooser.compare(groupedRead: fanOrder, perCandidate: [perCandidate], rowsPerCandidate: [1.08],
                                        candidates: 8_593, fans: 100_000, setSize: figures.setSize, weights: .sqlite)
        }
        let unfiltered = costs()
        #expect(unfiltered.correlated < unfiltered.grouped)
        figures.passing = 6_344
        figures.groups = 6_100
        let filtered = costs()
        #expect(filtered.grouped < filtered.correlated)
        #expect(filtered.grouped < unfiltered.grouped)
    }

    /// A read the per-fan index covers costs no table fetch, in either shape;
    /// one it does not cover pays a fetch per row in the window.
    @Test func coveredReadsFetchNoRows() {
        let w = ShapeChooser.Weights.sqlite
        let covered = ShapeChooser.AggregateFigures(total: 600_000, window: 460_000, fans: 100_000, covered: true,
                                                    stops: false, timeIndexUsable: true)
        var uncovered = covered
        uncovered.covered = false
        #expect(uncovered.costs(w).fanOrder - covered.costs(w).fanOrder == 460_000 * w.orderedLookup)
        let rows = 4.0
        let fetched = uncovered.costs(w).perCandidate(w.subqueryNear, rows) - covered.costs(w).perCandidate(w.subqueryNear, rows)
        #expect(abs(fetched - w.lookup * rows * 460_000 / 600_000) < 1e-9)
    }
}
