import Testing
@testable import Semantics
@testable import Syntax

@Suite struct NameResolutionTests {
    @Test func unknownFanFieldSuggestsTheClosestWithAFixIt() throws {
        let c = Checked([rule(when: .compare(.greaterOrEqual, .path("fan.lifetime_spnd"), .money(50_000)))])
        let d = try #require(c.diagnostic(.unknownField))
        #expect(d.message.contains("did you mean `lifetime_spend`?"))
        #expect(d.fixIts.first?.replacement == "lifetime_spend")
        #expect(c.underlined(.unknownField) == "lifetime_spnd")
    }

    @Test func duplicateNamesPointAtBothDefinitions() throws {
        let c = Checked([.constant("x", .int(1)), .constant("x", .int(2)), rule("A"), rule("A")])
        let duplicates = c.result.diagnostics.filter { $0.code == .duplicateName }
        #expect(duplicates.count == 2)
        #expect(duplicates.allSatisfy { $0.notes.first?.message == "first defined here" && $0.notes.first?.range != nil })
    }

    @Test func segmentCycleIsReportedWithItsPath() throws {
        let c = Checked([
            .segment("a", .compare(.in, .fan, .name("b"))),
            .segment("b", .compare(.in, .fan, .name("a"))),
        ])
        let d = try #require(c.diagnostic(.segmentCycle))
        #expect(d.message == "segments form a cycle: a → b → a")
        #expect(d.notes.count == 2)
    }

    @Test func eventFieldMissingFromTheTriggerListsTheFieldsItHas() throws {
        let c = Checked([rule(on: .event("message.received"), when: .compare(.greater, .path("event.amount"), .money(100)))])
        let d = try #require(c.diagnostic(.eventFieldNotOnTrigger))
        #expect(d.message.contains("`message.received` events have no field `amount`"))
        #expect(d.notes.first?.message.contains("text, sentiment, platform, sent_at, id, account_id") == true)
    }

    @Test func scheduleHasNoEventID() {
        let c = Checked([rule(on: .daily(hour: 9, minute: 0), when: .compare(.greater, .path("event.id"), .int(0)))])
        #expect(c.codes.contains("E1013"))
    }

    @Test func scrapedMediaIsNamedAsDropped() throws {
        let c = Checked([rule(when: .compare(.greater, .aggregate(.count, .path("fan.scraped_media")), .int(0)))])
        let d = try #require(c.diagnostic(.droppedCollection))
        #expect(d.message.contains("2026-03-16") && d.message.contains("media_assets"))
    }

    @Test func segmentWithoutFanInGetsAFixIt() throws {
        let c = Checked([.segment("whales", .bool(true)), rule(when: .name("whales"))])
        let d = try #require(c.diagnostic(.segmentNeedsFanIn))
        #expect(d.fixIts.first?.replacement == "fan in whales")
    }

    @Test func bareNameInsideWhereIsTheElementFieldAndWarnsWhenItShadows() throws {
        let where_: T = .compare(.equal, .name("kind"), .string("tip"))
        let c = Checked([.constant("kind", .string("ppv")),
                         rule(when: .compare(.greater, .aggregate(.count, .path("fan.transactions"), where: where_), .int(0)))])
        #expect(c.codes == ["W2005"])
        let resolved = c.program.resolutions.values.contains {
            if case .elementField(let collection, let field) = $0 { collection.name == "transactions" && field.name == "kind" } else { false }
        }
        #expect(resolved)
    }

    @Test func unknownTriggerAndFunctionSuggest() {
        let c = Checked([rule(on: .event("transaction.tipp"), when: .compare(.greater, .call("lenght", [.string("a")]), .int(0)))])
        #expect(c.diagnostic(.unknownTrigger)?.fixIts.first?.replacement == "transaction.tip")
        #expect(c.diagnostic(.unknownFunction)?.fixIts.first?.replacement == "length")
    }
}

@Suite struct CollectionNameTests {
    @Test func misspelledCollectionIsAnUnknownCollection() {
        let c = Checked([rule(when: .compare(.greater, .aggregate(.count, .path("fan.mesages")), .int(0)))])
        #expect(c.codes == ["E1012"])
        #expect(c.diagnostic(.unknownCollection)?.fixIts.first?.replacement == "messages")
    }
}
