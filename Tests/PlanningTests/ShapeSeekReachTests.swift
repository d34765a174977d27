import Foundation
@testable import Planning
import Store
import Testing

/// How much of a candidate's rows a correlated sub-query reads
/// (`ShapeChooser.SeekBound`): the per-fan index's columns after the fan,
/// compared with fixed values by the `where` filter and then bounded by the
/// window, keep the seek to the passing rows. Before, every candidate was
/// charged all its rows, and `count(fan.transactions within 30d where kind ==
/// "tip")` at 10% was estimated at 2.8 times its measured cost on the
/// 1,000,000-fan seed (BENCHMARKS.md).
@Suite struct ShapeSeekReachTests {
    static func bound(_ condition: String) throws -> ShapeChooser.SeekBound {
        let program = try checkedProgram("segment s { \(condition) }")
        let compiler = SQLCompiler(program: program, scope: .allFans)
        guard case .aggregate(let aggregate, let collection, _)? = CollectionRead.all(in: program.segment(named: "s")!.condition,
                                                                                   compiler: compiler).first else {
            throw TestFailure(message: "no aggregate read in \(condition)")
        }
        return ShapeChooser.seekBound(of: aggregate, collection, windowCounted: aggregate.window != nil, compiler: compiler)
    }

    @Test func theFilterGivesItsEqualitiesWithFixedValues() throws {
        let tips = try Self.bound("count(fan.transactions within 30d where kind == \"tip\") >= 2")
        #expect(tips == .init(equalities: ["kind"], onlyEqualities: true, timeColumn: "occurred_at"))
        let flipped = try Self.bound("exists(fan.messages within 7d where \"inbound\" == direction)")
        #expect(flipped == .init(equalities: ["direction"], onlyEqualities: true, timeColumn: "sent_at"))
        let both = try Self.bound("exists(fan.subscriptions where (status == \"active\") and auto_renew == false)")
        #expect(both == .init(equalities: ["status", "auto_renew"], onlyEqualities: true, timeColumn: nil))
        let range = try Self.bound("count(fan.transactions within 90d where kind == \"tip\" and amount > $5) >= 1")
        #expect(range == .init(equalities: ["kind"], onlyEqualities: false, timeColumn: "occurred_at"))
        let either = try Self.bound("count(fan.transactions where kind == \"tip\" or kind == \"ppv\") >= 1")
        #expect(either == .init(equalities: [], onlyEqualities: false, timeColumn: nil))
    }

    /// Over the store's own indexes, with 100 rows of which 40 are in the window and 10 pass.
    @Test func theIndexOrderDecidesWhatTheSeekReads() throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        let program = try checkedProgram("")
        let estimator = PlanEstimator(store: store.creator("u"), program: program,
                                      context: EvaluationContext(now: 0, zone: TimeZone(identifier: "UTC")!))
        func reach(_ table: String, _ bound: ShapeChooser.SeekBound) -> (Double, Bool) {
            let r = bound.reach(indexes: estimator.perFanIndexes(of: table), total: 100, window: 40, passing: 10)
            return (r.share, r.inWindow)
        }
        // `(user_id, fan_id, kind, occurred_at, …)`: the tips in the window, and only them.
        #expect(reach("fan_transactions", .init(equalities: ["kind"], onlyEqualities: true, timeColumn: "occurred_at")) == (0.1, true))
        // Without `kind` fixed the window does not bound the seek: every row of the fan.
        #expect(reach("fan_transactions", .init(equalities: [], onlyEqualities: true, timeColumn: "occurred_at")) == (1, false))
        // A filter that also compares a range reads all the fan's rows.
        #expect(reach("fan_transactions", .init(equalities: ["kind"], onlyEqualities: false, timeColumn: "occurred_at")) == (1, false))
        // `(user_id, fan_id, created_at)`: the window's rows.
        #expect(reach("fan_custom_requests", .init(equalities: [], onlyEqualities: true, timeColumn: "created_at")) == (0.4, true))
        // `(user_id, fan_id, status, auto_renew, …)` without a window: the filter's share.
        #expect(reach("fan_subscriptions", .init(equalities: ["status", "auto_renew"], onlyEqualities: true, timeColumn: nil)) == (0.25, false))
        // A fixed column the index does not hold after the fan bounds nothing.
        #expect(reach("fan_subscriptions", .init(equalities: ["tier"], onlyEqualities: true, timeColumn: nil)) == (1, false))
    }

    /// The chooser charges a candidate the rows its seek reads: fewer rows, a cheaper correlated form.
    @Test func aBoundedSeekCostsLessPerCandidate() {
        var figures = ShapeChooser.AggregateFigures(total: 1_000_000, window: 300_000, fans: 100_000, covered: true,
                                                    stops: false, timeIndexUsable: true)
        figures.passing = 80_000
        let w = ShapeChooser.Weights.sqlite
        let whole = figures.costs(w).perCandidate(w.subqueryFar, 30)
        figures.seekShare = 0.08
        figures.seekInWindow = true
        let bounded = figures.costs(w).perCandidate(w.subqueryFar, 30)
        #expect(bounded < whole)
        #expect(abs((whole - bounded) - w.fanRow * 30 * 0.92) < 1e-9)
    }
}
