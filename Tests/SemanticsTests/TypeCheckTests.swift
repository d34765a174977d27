import Testing
@testable import Semantics
@testable import Syntax

@Suite struct TypeCheckTests {
    @Test func moneyComparedWithAPlainNumberSuggestsDollars() throws {
        let c = Checked([rule(when: .compare(.greater, .path("fan.lifetime_spend"), .int(500)))])
        let d = try #require(c.diagnostic(.moneyWithoutDollar))
        #expect(d.fixIts.first?.replacement == "$500")
        #expect(c.underlined(.moneyWithoutDollar) == "500")
    }

    @Test func nullComparisonRewritesToIsNull() throws {
        let c = Checked([rule(when: .compare(.notEqual, .path("fan.last_active_at"), .null))])
        #expect(c.diagnostic(.compareWithNull)?.fixIts.first?.replacement == "fan.last_active_at is not null")
    }

    @Test func enumValueIsCheckedAndOrderingRejected() throws {
        let c = Checked([rule(when: .compare(.equal, .path("event.kind"), .string("tipp")))])
        #expect(c.diagnostic(.unknownEnumValue)?.fixIts.first?.replacement == "\"tip\"")
        let ordered = Checked([rule(when: .compare(.less, .path("fan.lifecycle_stage"), .string("active")))])
        #expect(ordered.codes == ["E1033"])
    }

    @Test func enumValuesInListsAndViaAreChecked() {
        let c = Checked([.rule(RuleT(name: "R", on: .event("transaction"),
                                     when: .compare(.in, .path("event.platform"), .list([.string("onlyfans"), .string("fanslyy")])),
                                     cooldown: .days(1), then: [.send("t", via: .string("tiktokk"))]))])
        #expect(c.codes.filter { $0 == "E1018" }.count == 2)
    }

    @Test func mixingRulesFollowTheSpec() {
        #expect(OperatorTyping.arithmetic(.add, .int, .number) == .number)
        #expect(OperatorTyping.arithmetic(.multiply, .int, .money) == .money)
        #expect(OperatorTyping.arithmetic(.divide, .money, .money) == nil)
        #expect(OperatorTyping.arithmetic(.subtract, .timestamp, .timestamp) == .duration)
        #expect(OperatorTyping.arithmetic(.remainder, .number, .int) == nil)
        #expect(OperatorTyping.arithmetic(.add, .duration, .money) == nil)
    }

    @Test func everyExpressionIsTypedAndAggregatesHaveTheirResultTypes() throws {
        let avg: T = .aggregate(.avg, .path("fan.transactions.amount"), within: .days(30))
        let c = Checked([rule(when: .compare(.greater, avg, .money(1_000)))])
        #expect(c.codes.isEmpty)
        let rule = try #require(c.program.rules.first)
        guard case .comparison(_, let lhs, _)? = rule.condition?.kind else { Issue.record("no comparison"); return }
        #expect(c.program.type(of: lhs) == .money)
        var untyped = 0
        rule.condition?.walk { if c.program.types[$0.id] == nil { untyped += 1 } }
        #expect(untyped == 0)
    }

    @Test func regexAndDateAreValidatedAtCheckTime() {
        let c = Checked([rule(on: .event("message.received"),
                              when: .compare(.matches, .path("event.text"), .string("(unclosed"))
                                  && .compare(.greater, .now, .call("date", [.string("2026-02-30")])))])
        #expect(c.codes.sorted() == ["E1037", "E1039"])
    }

    @Test func agoNeedsADurationAndWhenNeedsABool() {
        let c = Checked([rule(when: .compare(.greater, .path("fan.created_at"), .ago(.int(3))))])
        #expect(c.codes == ["E1040"])
        let notBool = Checked([rule(when: .path("fan.engagement_score"))])
        #expect(notBool.codes == ["E1034"])
    }

    @Test func countNeedsACollectionAndSumAField() {
        let c = Checked([rule(when: .compare(.greater, .aggregate(.sum, .path("fan.transactions")), .money(0))
                              && .compare(.greater, .aggregate(.count, .path("fan.transactions.amount")), .int(0)))])
        #expect(c.codes == ["E1041", "E1041"])
    }
}
