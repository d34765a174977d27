import Foundation
import Testing
@testable import Semantics
@testable import Syntax

/// `Grammar/DIAGNOSTICS.md` documents every code of every phase, and only
/// codes that exist: a `## E1001 duplicate-name` heading per code, with a bad
/// example, the message and the fix.
@Suite struct DiagnosticsCatalogTests {
    static let allCodes: [DiagnosticCode] = SyntaxCodes.all + SemanticCodes.all

    static func catalogText() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return String(decoding: try Data(contentsOf: root.appendingPathComponent("Grammar/DIAGNOSTICS.md")), as: UTF8.self)
    }

    /// `(id, name)` of each `## ID name` heading, in order.
    static func headings(_ text: String) -> [(id: String, name: String)] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("## ") else { return nil }
            let words = line.dropFirst(3).split(separator: " ")
            guard words.count >= 2, let first = words.first, first.count == 5 else { return nil }
            return (String(first), String(words[1]))
        }
    }

    @Test func idsAreUniqueAcrossPhases() {
        let ids = Self.allCodes.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyCodeHasAnEntryAndEveryEntryACode() throws {
        let entries = Self.headings(try Self.catalogText())
        let documented = Dictionary(entries.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for code in Self.allCodes {
            #expect(documented[code.id] == code.name, "\(code.id) \(code.name) lacks its entry in DIAGNOSTICS.md")
        }
        let known = Set(Self.allCodes.map(\.id))
        for entry in entries where !known.contains(entry.id) {
            Issue.record("DIAGNOSTICS.md documents \(entry.id), which no phase declares")
        }
    }

    @Test func everyEntryShowsAnExampleAMessageAndAFix() throws {
        let text = try Self.catalogText()
        let sections = text.components(separatedBy: "\n## ").dropFirst()
        for section in sections where section.first == "E" || section.first == "W" || section.first == "N" {
            let id = String(section.prefix(5))
            #expect(section.contains("```"), "\(id): no example")
            #expect(section.contains("Message:"), "\(id): no message")
            #expect(section.contains("Fix:"), "\(id): no fix")
        }
    }
}
