import Foundation
import Testing
import Syntax
@testable import LanguageServer

/// Each request against a small workspace: the segment lives in one file,
/// the rule using it in another.
@Suite struct FeatureTests {
    static let segments = """
        let big_tip = $20

        segment whales "Big spenders" {
          fan.lifetime_spend >= $500
        }

        """
    static let rules = """
        rule "Thank whales" {
          on transaction.tip
          when fan in whales and event.amount >= big_tip and count(fan.transactions where kind == "tip") > 2
          then {
            tag "thanked"
          }
        }

        """

    func harness() throws -> ServerHarness {
        let harness = try ServerHarness(files: ["segments.rules": Self.segments, "rules.rules": Self.rules])
        harness.open("rules.rules", Self.rules)
        return harness
    }

    func hover(_ harness: ServerHarness, _ name: String, _ line: Int, _ character: Int) -> String {
        harness.request("textDocument/hover", harness.at(name, line, character))["result"]?["contents"]?["value"]?.string ?? ""
    }

    // MARK: Hover

    @Test func hoverExplainsFieldsFunctionsTriggersKeywordsAndEnumValues() throws {
        let h = try harness()
        #expect(hover(h, "segments.rules", 3, 8).contains("`fan.lifetime_spend`: `money` — sum of the fan's transactions"))
        #expect(hover(h, "rules.rules", 2, 33).contains("`event.amount`: `money`"))
        #expect(hover(h, "rules.rules", 1, 8).contains("**trigger** `transaction.tip`"))
        #expect(hover(h, "rules.rules", 1, 8).contains("`event.platform`"))
        #expect(hover(h, "rules.rules", 2, 54).contains("`count(fan.COLLECTION"))
        let enumHover = hover(h, "rules.rules", 2, 91)
        #expect(enumHover.contains("one of `kind`"), "\(enumHover)")
        #expect(hover(h, "rules.rules", 2, 3).contains("`when CONDITION`"))
        #expect(hover(h, "rules.rules", 2, 44).contains("**constant** `big_tip`"))
    }

    @Test func hoverOnASegmentShowsItsConditionAndDisplayName() throws {
        let h = try harness()
        let text = hover(h, "rules.rules", 2, 16)
        #expect(text.contains("**segment** `whales` — \"Big spenders\""))
        #expect(text.contains("fan.lifetime_spend >= $500"))
        let rule = hover(h, "rules.rules", 0, 8)
        #expect(rule.contains("**rule** \"Thank whales\""))
        #expect(rule.contains("on transaction.tip"))
        #expect(rule.contains("tag \"thanked\""))
    }

    // MARK: Completion

    func complete(_ h: ServerHarness, _ text: String, line: Int, character: Int) -> [String] {
        h.change("rules.rules", version: 2, [.object([("text", .string(text))])])
        return h.request("textDocument/completion", h.at("rules.rules", line, character))["result"]?.labels ?? []
    }

    @Test func completionAfterFanListsItsFields() throws {
        let h = try harness()
        let labels = complete(h, "rule \"R\" {\n  on transaction.tip\n  when fan.\n}\n", line: 2, character: 11)
        #expect(labels.contains("lifetime_spend"))
        #expect(labels.contains("score"))
        #expect(labels.contains("transactions"))
        #expect(complete(h, "segment s { fan.score. }", line: 0, character: 22) == ["churn_risk", "upsell_readiness", "loyalty", "predicted_ltv"])
    }

    @Test func completionAfterEventListsTheTriggersFields() throws {
        let h = try harness()
        let tip = complete(h, "rule \"R\" {\n  on transaction.tip\n  when event.\n}\n", line: 2, character: 13)
        #expect(tip.contains("amount"))
        #expect(tip.contains("kind"))
        #expect(!tip.contains("text"))
        let message = complete(h, "rule \"R\" {\n  on message.received\n  when event.\n}\n", line: 2, character: 13)
        #expect(message.contains("text"))
        #expect(message.contains("sentiment"))
        #expect(!message.contains("amount"))
    }

    @Test func completionInsideAnEnumComparisonListsTheValues() throws {
        let h = try harness()
        #expect(complete(h, "segment s { fan.lifecycle_stage == \"", line: 0, character: 36) == ["new", "active", "at_risk", "lapsed", "churned"])
        #expect(complete(h, "segment s { count(fan.transactions where kind == \"t", line: 0, character: 51) == ["tip"])
        let platform = complete(h, "rule \"R\" {\n  on transaction\n  when event.platform != \"\n}\n", line: 2, character: 26)
        #expect(platform.contains("onlyfans") || platform.count > 2)
    }

    @Test func completionAfterInListsSegmentsAndOffersSnippets() throws {
        let h = try harness()
        #expect(complete(h, "segment s { fan in ", line: 0, character: 19).contains("whales"))
        let general = complete(h, "", line: 0, character: 0)
        for snippet in ["rule", "segment", "test", "policy"] { #expect(general.contains(snippet)) }
        #expect(general.contains("days_since"))
        #expect(general.contains("big_tip"))
    }

    // MARK: Navigation

    @Test func definitionOfASegmentIsInTheOtherFile() throws {
        let h = try harness()
        let result = h.request("textDocument/definition", h.at("rules.rules", 2, 16))["result"]
        #expect(result?[0]?["uri"]?.string == h.uri("segments.rules"))
        #expect(result?[0]?["range"] == .range(2, 8, 2, 14))
        let constant = h.request("textDocument/definition", h.at("rules.rules", 2, 44))["result"]
        #expect(constant?[0]?["range"] == .range(0, 4, 0, 11))
    }

    @Test func referencesFindEveryUseAcrossFiles() throws {
        let h = try harness()
        let params = JSONValue.object([("textDocument", .object([("uri", .string(h.uri("segments.rules")))])),
                                  ("position", .object([("line", .int(2)), ("character", .int(10))])),
                                  ("context", .object([("includeDeclaration", .bool(true))]))])
        let result = h.request("textDocument/references", params)["result"]?.array ?? []
        #expect(result.count == 2)
        #expect(result.contains { $0["uri"]?.string == h.uri("rules.rules") && $0["range"] == .range(2, 14, 2, 20) })
    }

    /// Tests name rules and segments: find references from a rule's name reaches them.
    @Test func referencesReachIntoTests() throws {
        let tests = """
            test "whales are thanked" {
              fan ana { lifetime_spend: $600 }
              event transaction.tip for ana { amount: $30 }
              expect "Thank whales" fired for ana
              expect ana in whales
            }

            """
        let h = try ServerHarness(files: ["segments.rules": Self.segments, "rules.rules": Self.rules, "a_test.rules": tests])
        h.open("rules.rules", Self.rules)
        let params = JSONValue.object([("textDocument", .object([("uri", .string(h.uri("rules.rules")))])),
                                  ("position", .object([("line", .int(0)), ("character", .int(8))])),
                                  ("context", .object([("includeDeclaration", .bool(false))]))])
        let result = h.request("textDocument/references", params)["result"]?.array ?? []
        #expect(result.count == 1, "\(result)")
        #expect(result.first?["uri"]?.string == h.uri("a_test.rules") && result.first?["range"] == .range(3, 9, 3, 23))
        let segment = JSONValue.object([("textDocument", .object([("uri", .string(h.uri("segments.rules")))])),
                                   ("position", .object([("line", .int(2)), ("character", .int(10))])),
                                   ("context", .object([("includeDeclaration", .bool(false))]))])
        let uses = h.request("textDocument/references", segment)["result"]?.array ?? []
        #expect(uses.contains { $0["uri"]?.string == h.uri("a_test.rules") && $0["range"] == .range(4, 16, 4, 22) }, "\(uses)")
    }

    @Test func documentSymbolsOutlineTheFile() throws {
        let h = try harness()
        let symbols = h.request("textDocument/documentSymbol", h.document("segments.rules"))["result"]?.array ?? []
        #expect(symbols.compactMap { $0["name"]?.string } == ["big_tip", "whales"])
        let rule = h.request("textDocument/documentSymbol", h.document("rules.rules"))["result"]?[0]
        #expect(rule?["name"]?.string == "Thank whales")
        #expect(rule?["detail"]?.string == "rule on transaction.tip")
        #expect(rule?["children"]?.array?.compactMap { $0["name"]?.string } == ["on", "when", "then"])
    }

    // MARK: Formatting

    static let messy = "segment   whales {fan.lifetime_spend>=$500}\n\n\n\nlet  x=1\nsegment s {\n      fan.tags contains \"a\"\n}\n"

    func apply(_ edits: [JSONValue], to text: String) -> String {
        let lines = LineIndex(bytes: Array(text.utf8))
        var bytes = Array(text.utf8)
        let sorted = edits.sorted { (Position($0["range"]?["start"]).map { ($0.line, $0.character) } ?? (0, 0)) > (Position($1["range"]?["start"]).map { ($0.line, $0.character) } ?? (0, 0)) }
        for edit in sorted {
            let range = LSPRange(edit["range"])!
            let start = lines.offset(of: range.start, encoding: .utf16), end = lines.offset(of: range.end, encoding: .utf16)
            bytes.replaceSubrange(start..<end, with: Array(edit["newText"]!.string!.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func formattingGivesWhatFmtWrites() throws {
        let h = try ServerHarness(files: ["m.rules": Self.messy])
        let edits = h.request("textDocument/formatting", h.document("m.rules"))["result"]?.array ?? []
        let expected = Format.source(Parse.file(SourceFile(id: FileID(0), path: "m.rules", text: Self.messy)).syntax)
        #expect(!edits.isEmpty)
        #expect(apply(edits, to: Self.messy) == expected)
    }

    @Test func rangeFormattingTouchesOnlyTheSelectedLines() throws {
        let h = try ServerHarness(files: ["m.rules": Self.messy])
        let params = JSONValue.object([("textDocument", .object([("uri", .string(h.uri("m.rules")))])), ("range", .range(4, 0, 4, 3)),
                                  ("options", .object([]))])
        let edits = h.request("textDocument/rangeFormatting", params)["result"]?.array ?? []
        let result = apply(edits, to: Self.messy)
        #expect(result.contains("let x = 1"))
        #expect(result.hasPrefix("segment   whales {fan.lifetime_spend>=$500}"), "the first segment was not selected")
    }

    @Test func aFileWithSyntaxErrorsIsNotFormatted() throws {
        let h = try ServerHarness(files: ["m.rules": "segment s {"])
        #expect(h.request("textDocument/formatting", h.document("m.rules"))["result"] == .array([]))
    }
}
