import Foundation
import Testing
@testable import Planning
import Semantics
import Syntax

/// `rulec why`'s tree: shape follows the condition, values come from the
/// evaluator's trace, segments open into their conditions.
@Suite struct WhyTraceTests {
    /// A fan known by value, so each test states exactly what the fan is.
    struct Fan: FanFacts {
        var fanID: Int64 = 12
        var fields: [String: Value] = [:]
        var scores: [String: Value] = [:]
        var collections: [String: [ElementRow]] = [:]
        func field(_ field: FanField) throws -> Value { fields[field.name] ?? (field.type == .list(.string) ? .list([]) : .null) }
        func score(_ dimension: ScoreDimension) throws -> Value { scores[dimension.name] ?? .null }
        func rows(of collection: CollectionSpec) throws -> [ElementRow] { collections[collection.name] ?? [] }
    }

    static let now: Int64 = 1_795_478_400  // 2026-11-24T00:00:00Z

    func why(_ source: String, rule: String = "r", fan: Fan, event: [String: Value]? = nil) throws -> WhyNode {
        let program = try checkedProgram(source)
        let condition = try #require(program.rule(named: rule)?.condition)
        let context = EvaluationContext(now: Self.now, zone: TimeZone(identifier: "UTC")!, event: event)
        return try WhyTrace.explain(condition, program: program, context: context, facts: fan)
    }

    @Test func comparisonsShowTheirOperandsValues() throws {
        let source = """
            let vip_min = $500
            rule "r" { on transaction.tip when fan.lifetime_spend >= vip_min and not ("big_tipper" in fan.tags) then { tag "x" } }
            """
        let fan = Fan(fields: ["lifetime_spend": .money(81_240), "tags": .list([.string("big_tipper")])])
        let tree = try why(source, fan: fan)
        #expect(tree.shape == WhyNode(holds: false, text: "all of", children: [
            WhyNode(holds: true, text: "fan.lifetime_spend >= vip_min", detail: "$812.40 >= $500"),
            WhyNode(holds: false, text: "not (\"big_tipper\" in fan.tags)", children: [
                WhyNode(holds: true, text: "\"big_tipper\" in fan.tags", detail: "\"big_tipper\" in [\"big_tipper\"]"),
            ]),
        ]))
        #expect(WhyTrace.render(tree) == """
            ✘ all of
              ✔ fan.lifetime_spend >= vip_min   ($812.40 >= $500)
              ✘ not ("big_tipper" in fan.tags)
                ✔ "big_tipper" in fan.tags   ("big_tipper" in ["big_tipper"])

            """)
    }

    @Test func chainsFlattenAndBothSidesOfOrAreShown() throws {
        let source = """
            rule "r" { on fan.created when fan.engagement_score > 0.5 or fan.score.churn_risk >= 0.7 or fan.is_subscribed then { tag "x" } }
            """
        let fan = Fan(fields: ["engagement_score": .number(0.9), "is_subscribed": .bool(false)])
        let tree = try why(source, fan: fan)
        #expect(tree.text == "any of" && tree.holds)
        #expect(tree.children.map(\.holds) == [true, false, false])
        // A null score is shown as null, not hidden: that is often the answer to "why".
        #expect(tree.children[1].detail == "null >= 0.7")
        #expect(tree.children[2].shape == WhyNode(holds: false, text: "fan.is_subscribed"))
    }

    @Test func segmentMembershipOpensIntoTheSegment() throws {
        let source = """
            segment whales { fan.lifetime_spend >= $500 }
            rule "r" { on subscription.cancelled when fan in whales then { tag "x" } }
            """
        let tree = try why(source, fan: Fan(fields: ["lifetime_spend": .money(20_000)]))
        #expect(tree.shape == WhyNode(holds: false, text: "fan in whales", detail: "segment whales: not a member", children: [
            WhyNode(holds: false, text: "fan.lifetime_spend >= $500", detail: "$200 >= $500"),
        ]))
    }

    @Test func aggregatesEventFieldsAndWindows() throws {
        let source = """
            rule "r" {
              on transaction.tip
              when count(fan.messages within 30d where direction == "inbound") > 0 and event.amount >= $20 and fan.last_active_at within 7d
              then { tag "x" }
            }
            """
        let inbound = ElementRow(["direction": .string("inbound"), "sent_at": .timestamp(Self.now - 86_400)])
        let outbound = ElementRow(["direction": .string("outbound"), "sent_at": .timestamp(Self.now - 86_400)])
        let fan = Fan(fields: ["last_active_at": .timestamp(Self.now - 30 * 86_400)],
                      collections: ["messages": [inbound, outbound, inbound]])
        let tree = try why(source, fan: fan, event: ["amount": .money(2_500)])
        #expect(tree.children.map(\.detail) == [
            "2 > 0",
            "$25 >= $20",
            "2026-10-25T00:00:00Z within 7d of 2026-11-24T00:00:00Z",
        ])
        #expect(tree.children.map(\.holds) == [true, true, false] && !tree.holds)
    }
}
