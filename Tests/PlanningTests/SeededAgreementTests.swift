import Foundation
import RulecTestSupport
import Testing
@testable import Planning
import Semantics
import Store

/// Realistic segments over a seeded store: the compiled plan and the evaluator
/// must pick exactly the same fans.
@Suite(.serialized) struct SeededAgreementTests {
    static let segments = """
        let vip_min = $500
        segment whales { fan.lifetime_spend >= vip_min }
        segment tippers { count(fan.transactions within 30d where kind == "tip") >= 2 }
        segment at_risk { fan.score.churn_risk >= 0.7 }
        segment renewing { exists(fan.subscriptions where status == "active" and auto_renew == false and renews_at < now + 3d) }
        segment vip_tagged { "vip" in fan.tags }
        segment not_whales { not (fan in whales) }
        segment quiet { count(fan.messages within 14d where direction == "inbound") == 0 }
        segment nested { fan in whales and not (fan in at_risk) }
        segment spend_30 { sum(fan.transactions.amount within 30d) > $100 }
        segment big_avg { avg(fan.transactions.amount) >= $25.50 }
        segment multi_platform { length(fan.platforms) >= 2 }
        segment low_sentiment { min(fan.messages.sentiment) < -0.5 or fan.engagement_score < 0.2 }
        segment named { lower(fan.display_name) contains "a" and not (fan.display_name starts with "A") }
        segment regex { fan.display_name matches "^[A-M]" and fan.lifetime_spend > $10 }
        segment no_churn_score { fan.score.churn_risk is null }
        segment old_fans { days_since(fan.created_at) > 90 }
        """

    @Test func compiledPlansAgreeWithTheEvaluator() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try Seeder.run(SeedOptions(fans: 400, seed: 7, userID: "creator_a"), into: store)
        try Seeder.run(SeedOptions(fans: 50, seed: 8, userID: "creator_b"), into: store)
        let program = try checkedProgram(Self.segments)
        let executor = PlanExecutor(store: store.creator("creator_a"), program: program)
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "America/New_York")!)
        var nonEmpty = 0
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
            let viaSQL = try executor.fanIDs(plan, context: context)
            let viaEvaluator = try executor.evaluatorFanIDs(segment.condition, context: context)
            #expect(viaSQL == viaEvaluator, "segment \(segment.name): SQL \(viaSQL.count) fans, evaluator \(viaEvaluator.count)\n\(plan.sql)")
            if !viaSQL.isEmpty && viaSQL.count < 400 { nonEmpty += 1 }
        }
        // The comparison means something only if most segments split the fans.
        #expect(nonEmpty >= 10)
    }

    @Test func oneFanPlansAgreeWithTheEvaluator() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try Seeder.run(SeedOptions(fans: 60, seed: 3, userID: "creator_a"), into: store)
        let program = try checkedProgram(Self.segments)
        let executor = PlanExecutor(store: store.creator("creator_a"), program: program)
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!)
        let fans = try executor.evaluatorFanIDs(nil, context: context)
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .oneFan)
            let expected = Set(try executor.evaluatorFanIDs(segment.condition, context: context))
            for fan in fans {
                let matched = try executor.fanIDs(plan, context: context, fanID: fan)
                #expect(matched == (expected.contains(fan) ? [fan] : []), "segment \(segment.name), fan \(fan)")
            }
        }
    }

    @Test func regexStaysInTheResidualAndEverythingElseIsSQL() throws {
        let program = try checkedProgram(Self.segments)
        for segment in program.segments {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
            #expect(plan.residual.isEmpty == (segment.name != "regex"), "segment \(segment.name)")
            #expect(plan.sql.contains("user_id = :user"), "every query is scoped to the creator")
        }
    }
}
