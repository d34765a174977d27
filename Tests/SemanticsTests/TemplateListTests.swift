import Testing
@testable import Semantics
@testable import Syntax

/// E1017 names the creator's templates, so the right one can be picked
/// without opening the store.
@Suite struct TemplateListTests {
    func note(templates: [String]) throws -> String {
        let text = "rule \"r\" {\n  on transaction.tip\n  cooldown 1d\n  then { send \"welcom\" }\n}\n"
        let file = SourceFile(id: FileID(0), path: "t.rules", text: text)
        let options = CheckOptions(templates: Dictionary(uniqueKeysWithValues: templates.map { ($0, "Hi {{fan_name}}") }))
        let diagnostic = try #require(Check.sources([file], options: options).diagnostics.first { $0.code == .unknownTemplate })
        return try #require(diagnostic.notes.first?.message)
    }

    @Test func fewTemplatesAreAllListedInNameOrder() throws {
        #expect(try note(templates: ["welcome", "tip_thanks", "hello"]) == #"the creator's templates: "hello", "tip_thanks", "welcome""#)
    }

    @Test func manyTemplatesListTheClosestFiveAndACount() throws {
        let many = (1...20).map { "promo_\($0)" } + ["welcome", "welcome_back"]
        // Closest by edit distance, ties in name order.
        #expect(try note(templates: many)
            == #"the closest of the creator's 22 templates: "welcome", "promo_1", "promo_2", "promo_3", "promo_4" (and 17 more)"#)
    }

    @Test func noTemplatesSaysSo() throws {
        #expect(try note(templates: []) == "the creator has no message templates yet")
    }
}
