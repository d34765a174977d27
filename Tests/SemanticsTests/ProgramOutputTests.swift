import Testing
@testable import Semantics
@testable import Syntax

@Suite struct ProgramOutputTests {
    @Test func constantsFoldAndRulesCarryTheirClausesAsNumbers() throws {
        let c = Checked([
            .constant("vip_min", .money(50_000)),
            .constant("double_vip", .binary(.multiply, .name("vip_min"), .int(2))),
            .constant("window", .binary(.add, .days(1), .duration(43_200, "12h"))),
            .segment("whales", .compare(.greaterOrEqual, .path("fan.lifetime_spend"), .name("double_vip"))),
            .rule(RuleT(name: "Tip", on: .event("transaction.tip"), when: .compare(.in, .fan, .name("whales")),
                        priority: .negate(.int(2)), cooldown: .name("window"), limit: (.int(3), .days(7)),
                        then: [.send("thanks", with: [("amount", .path("event.amount"))], after: .days(2))])),
        ])
        #expect(c.codes.isEmpty)
        #expect(c.program.constants["double_vip"]?.value == .money(100_000))
        let rule = try #require(c.program.rule(named: "Tip"))
        #expect(rule.priority == -2)
        #expect(rule.cooldownSeconds == 129_600)
        #expect(rule.limit == RuleLimit(count: 3, windowSeconds: 604_800))
        #expect(rule.actions.first?.afterSeconds == 172_800)
        #expect(rule.segmentsUsed == ["whales"])
        guard case .event(let spec, nil) = rule.trigger else { Issue.record("not an event trigger"); return }
        #expect(spec.sourceTable == "fan_transactions" && spec.filter == EventFilter(column: "kind", value: "tip"))
    }

    @Test func segmentsComeInDependencyOrder() {
        let c = Checked([
            .segment("outer", .compare(.in, .fan, .name("inner"))),
            .segment("inner", .path("fan.is_subscribed")),
            rule(when: .compare(.in, .fan, .name("outer"))),
        ])
        #expect(c.program.segments.map(\.name) == ["inner", "outer"])
    }

    @Test func constantCyclesAndNonConstantValuesAreErrors() {
        #expect(Checked([.constant("a", .name("b")), .constant("b", .name("a"))]).codes == ["E1003"])
        #expect(Checked([.constant("a", .path("fan.lifetime_spend"))]).codes == ["E1004"])
        #expect(Checked([.constant("a", .binary(.multiply, .int(.max), .int(2)))]).codes == ["E1058"])
    }

    @Test func catalogMapsNamesToColumns() throws {
        let messages = try #require(Catalog.collections["messages"])
        #expect(messages.table == "fan_messages" && messages.timeField.name == "sent_at")
        #expect(messages.field(named: "text")?.column == "body")
        #expect(Catalog.collections["subscriptions"]?.field(named: "price")?.column == "price_cents")
        #expect(Catalog.trigger(named: "tag.added")?.field(named: "occurred_at")?.column == "created_at")
        #expect(Catalog.trigger(named: "custom_request.submitted")?.field(named: "account_id") == nil)
        #expect(Catalog.function(named: "hour_of_day")?.acceptsArgumentCount(2) == true)
    }

    @Test func templatesMustExistAndTheirSlotsBeFilled() {
        let decl: DeclT = .rule(RuleT(name: "R", on: .event("transaction.tip"), cooldown: .days(1),
                                      then: [.send("thanks", with: [("amount", .path("event.amount"))]), .send("winbak")]))
        let c = Checked([decl], templates: ["thanks": "Hi {{fan_name}}, thanks for {{ amount }} on {{platform}}", "winback": "x"])
        #expect(c.codes.sorted() == ["E1017", "E1057"])
        #expect(c.diagnostic(.unfilledTemplateSlot)?.message.contains("{{platform}}") == true)
        #expect(c.diagnostic(.unknownTemplate)?.fixIts.first?.replacement == "\"winback\"")
        #expect(TemplateSlots.names(in: "{{a}} {{ b }} {{a}} {{") == ["a", "b"])
    }
}
