import Testing
@testable import Semantics
@testable import Syntax

@Suite struct LintTests {
    @Test func contradictoryIntervalsAndEqualitiesNeverHold() {
        let interval = Checked([rule(when: .compare(.greater, .path("fan.engagement_score"), .int(5))
                                     && .compare(.less, .path("fan.engagement_score"), .int(3)))])
        #expect(interval.codes == ["W2002"])
        let equal = Checked([rule(on: .event("transaction"), when: .compare(.equal, .path("event.kind"), .string("tip"))
                                  && .compare(.equal, .path("event.kind"), .string("ppv")))])
        #expect(equal.codes == ["W2002"])
        let fine = Checked([rule(when: .compare(.greaterOrEqual, .path("fan.engagement_score"), .int(3))
                                 && .compare(.lessOrEqual, .path("fan.engagement_score"), .int(3)))])
        #expect(fine.codes.isEmpty)
    }

    @Test func countAtLeastZeroIsAlwaysTrue() {
        let c = Checked([rule(when: .compare(.greaterOrEqual, .aggregate(.count, .path("fan.messages")), .int(0)))])
        #expect(c.codes == ["W2003"])
    }

    @Test func sendingWithoutCooldownOrLimitIsUnbounded() {
        let c = Checked([.rule(RuleT(name: "Spam", on: .event("message.received"), then: [.send("hello")]))])
        #expect(c.codes == ["W2001"])
    }

    @Test func twoRulesSendingTheSameTemplateOnTheSameEventWarn() {
        let send: [ActionT] = [.send("thanks")]
        let c = Checked([.rule(RuleT(name: "A", on: .event("transaction.tip"), cooldown: .days(1), then: send)),
                         .rule(RuleT(name: "B", on: .event("transaction.tip"), cooldown: .days(1), then: send))])
        #expect(c.codes == ["W2004"])
    }

    @Test func unusedSegmentsGetANoteAndLintsWaitForErrors() {
        #expect(Checked([.segment("lonely", .bool(true))]).codes == ["N3001"])
        #expect(Checked([.segment("lonely", .bool(true)), rule(when: .name("nope"))]).codes == ["E1010"])
    }
}
