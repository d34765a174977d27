import Foundation
import Testing
@testable import Planning
import Syntax

/// The typed SQL fragments plans are built from: a parameter travels with
/// its fragment, and what a fragment reads of the outer fan is recorded as
/// it is built, not found by reading its text.
@Suite struct PlanSQLTests {
    @Test func bindingsFollowTheTextWhateverOrderFragmentsAreBuiltIn() {
        // Built right to left: the later placeholder's fragment exists first.
        let right = PlanSQL.parameter(.now)
        let left = PlanSQL.parameter(.zoneName)
        let composed: PlanSQL = "rulec_call('x', \(left), \(right))"
        #expect(composed.rendered() == "rulec_call('x', ?, ?)")
        #expect(composed.bindings == [.zoneName, .now])
        // Moving a fragment moves its parameter with it.
        let swapped = PlanSQL.joined([right, left], separator: " AND ")
        #expect(swapped.bindings == [.now, .zoneName])
    }

    @Test func outerColumnsAreRecordedNotScanned() {
        // Text that merely contains `f.` (an alias `f.`-lookalike, a quoted word) reads nothing outer.
        let standalone: PlanSQL = "SELECT fan_id FROM fan_tag_values WHERE user_id = \(PlanSQL.creator) AND tag = 'f.x'"
        #expect(!standalone.readsOuterFan)
        #expect(PlanSQL.fanIn(standalone).fanSet == standalone)
        let correlated: PlanSQL = "SELECT 1 FROM fan_scores s WHERE s.fan_id = \(PlanSQL.outer("id")) AND s.value > \(PlanSQL.outer("lifetime_spend_cents"))"
        #expect(correlated.outerColumns == ["id", "lifetime_spend_cents"])
        #expect(PlanSQL.fanIn(correlated).fanSet == nil)
        #expect(correlated.rendered() == "SELECT 1 FROM fan_scores s WHERE s.fan_id = f.id AND s.value > f.lifetime_spend_cents")
    }

    @Test func aFailedConjunctLeavesNoParameterBehind() throws {
        // The regex conjunct fails to compile after its left side bound a
        // value; the plan's parameters are exactly those of its SQL text.
        let program = try checkedProgram("""
            segment s { fan.lifetime_spend >= $5 and fan.display_name matches "^A" and "vip" in fan.tags }
            """)
        let plan = PlanBuilder.plan(program.segment(named: "s")!.condition, program: program, scope: .allFans)
        #expect(plan.sql.filter { $0 == "?" }.count == plan.bindings.count)
        #expect(plan.bindings.count == 2)
        #expect(plan.residual.count == 1)
    }
}
