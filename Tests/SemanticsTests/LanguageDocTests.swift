import Foundation
import Testing
@testable import Semantics
@testable import Syntax

/// `docs/LANGUAGE.md` is where a user looks up what a rule can say, so it names
/// everything the checker accepts: each `fan.*` field and score, each collection
/// with its table and fields, each trigger with its `event` fields, each function,
/// enum value, keyword, clause and action. The lists come from the catalog, so a
/// name added to the checker without its documentation fails here.
@Suite struct LanguageDocTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(decoding: Data(contentsOf: root.appendingPathComponent("docs/LANGUAGE.md")), as: UTF8.self)) ?? ""
    }()

    /// The table rows whose first cell starts with `` `start`` (then a space or the closing backtick).
    static func rows(startingWith start: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("| `\(start)`") || $0.hasPrefix("| `\(start) ") }
    }

    @Test func everyFanFieldAndScoreHasARow() {
        for field in Catalog.fanFields {
            #expect(Self.rows(startingWith: "fan.\(field.name)").count == 1, "fan.\(field.name)")
        }
        for score in Catalog.scoreDimensions {
            #expect(Self.rows(startingWith: "fan.score.\(score.name)").count == 1, "fan.score.\(score.name)")
        }
    }

    @Test func everyCollectionHasARowWithItsTableAndFields() {
        for collection in Catalog.collectionList {
            let rows = Self.rows(startingWith: "fan.\(collection.name)")
            #expect(rows.count == 1, "fan.\(collection.name)")
            guard let row = rows.first else { continue }
            #expect(row.contains(collection.table), "\(collection.name): \(collection.table)")
            for field in collection.fields { #expect(row.contains("`\(field.name)`"), "fan.\(collection.name).\(field.name)") }
        }
        for (dropped, gone) in Catalog.droppedCollections {
            #expect(Self.text.contains("`\(dropped)`") && Self.text.contains("`\(gone.replacement)`"))
        }
    }

    @Test func everyTriggerHasARowWithItsEventFields() {
        for trigger in Catalog.triggers {
            let rows = Self.rows(startingWith: trigger.name)
            #expect(rows.count == 1, "\(trigger.name)")
            guard let row = rows.first else { continue }
            for field in trigger.fields { #expect(row.contains("`\(field.name)`"), "\(trigger.name): event.\(field.name)") }
        }
        for schedule in ["schedule daily", "schedule weekly", "schedule every"] {
            let rows = Self.rows(startingWith: schedule)
            #expect(rows.count == 1, "\(schedule)")
            for field in Catalog.scheduleFields { #expect(rows.first?.contains("`\(field.name)`") == true, "\(schedule)") }
        }
    }

    @Test func everyFunctionHasARow() {
        for function in Catalog.functions {
            #expect(Self.text.split(separator: "\n").contains { $0.hasPrefix("| `\(function.name)(") }, "\(function.name)")
        }
    }

    @Test func everyEnumValueAndKeywordIsNamed() {
        for domain in EnumDomain.all {
            for value in domain.values { #expect(Self.text.contains("`\(value)`"), "\(domain.name): \(value)") }
        }
        let keywordLine = Self.text.components(separatedBy: "**Keywords** are reserved:").dropFirst().first ?? ""
        let listed = Set(keywordLine.components(separatedBy: "`")[1].split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(listed == Set(Keyword.allCases.map(\.rawValue)), "the keyword list is exactly the lexer's")
    }

    @Test func everyClauseAndActionHasARow() {
        for keyword in Keyword.allCases where keyword.startsClause {
            #expect(Self.rows(startingWith: keyword.rawValue).count == 1, "clause \(keyword.rawValue)")
        }
        for keyword in Keyword.allCases where keyword.startsAction {
            #expect(Self.rows(startingWith: keyword.rawValue).count == 1, "action \(keyword.rawValue)")
        }
        for modifier in ["after DURATION", "requires approval"] { #expect(Self.text.contains("`\(modifier)`")) }
    }
}
