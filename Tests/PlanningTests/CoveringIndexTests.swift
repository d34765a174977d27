import Foundation
@testable import Planning
import Store
import Testing

/// Migration 20's covering per-fan indexes, each justified by the plans that
/// read it: grouped in fan order and correlated, the rows come from the index
/// alone (`COVERING INDEX`), never from the table. And the shape chooser,
/// which reads the store's index list, knows it.
@Suite struct CoveringIndexTests {
    static let amount = "sum(fan.transactions.amount within 90d) >= $100"
    static let renewal = "exists(fan.subscriptions where status == \"active\" and auto_renew == false and renews_at < now + 3d)"

    @Test func transactionAmountsAreReadFromThePerFanIndex() throws {
        let grouped = try WindowIndexTests.queryPlan(Self.amount, forcing: .grouped, order: .fanOrder)
        #expect(grouped.contains("COVERING INDEX fan_transactions_by_fan"), "\(grouped)")
        let correlated = try WindowIndexTests.queryPlan(Self.amount, forcing: .correlated)
        #expect(correlated.contains("COVERING INDEX fan_transactions_by_fan (user_id=? AND fan_id=?)"), "\(correlated)")
    }

    @Test func amountInAFilterIsCoveredToo() throws {
        let detail = try WindowIndexTests.queryPlan("count(fan.transactions within 30d where kind == \"tip\" and amount > $2) >= 2",
                                                    forcing: .correlated)
        #expect(detail.contains("COVERING INDEX fan_transactions_by_fan (user_id=? AND fan_id=? AND kind=?"), "\(detail)")
    }

    @Test func subscriptionRenewalsAreReadFromThePerFanIndex() throws {
        let grouped = try WindowIndexTests.queryPlan(Self.renewal, forcing: .grouped, order: .fanOrder)
        #expect(grouped.contains("COVERING INDEX fan_subscriptions_by_fan"), "\(grouped)")
        let correlated = try WindowIndexTests.queryPlan(Self.renewal, forcing: .correlated)
        #expect(correlated.contains("COVERING INDEX fan_subscriptions_by_fan (user_id=? AND fan_id=? AND status=? AND auto_renew=? AND renews_at<?)"), "\(correlated)")
    }

    /// A column no per-fan index holds (a transaction's platform) is still a
    /// table fetch: the coverage is the index's, not every read's.
    @Test func anUncoveredColumnStillFetchesRows() throws {
        let detail = try WindowIndexTests.queryPlan("exists(fan.transactions within 30d where platform == \"onlyfans\")", forcing: .correlated)
        #expect(detail.contains("fan_transactions_by_fan"), "\(detail)")
        #expect(!detail.contains("COVERING INDEX fan_transactions_by_fan"), "\(detail)")
    }

    @Test func theEstimatorSeesTheCoverage() throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        let program = try checkedProgram("segment s { \(Self.amount) }")
        let estimator = PlanEstimator(store: store.creator("u"), program: program,
                                      context: EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!))
        #expect(estimator.perFanIndexCovers("fan_transactions", columns: ["kind", "occurred_at", "amount_cents"]))
        #expect(estimator.perFanIndexCovers("fan_subscriptions", columns: ["status", "auto_renew", "renews_at"]))
        #expect(!estimator.perFanIndexCovers("fan_transactions", columns: ["occurred_at", "platform"]))
    }
}
