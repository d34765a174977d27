import Foundation
@testable import Planning
import Semantics
import Syntax
import RulecTestSupport
import Testing

/// `rulec explain` output, text and JSON, for whole programs
/// (`Golden/explain/NAME.rules` → `NAME.expected`, `NAME.json.expected`).
@Suite struct ExplainGoldenTests {
    static let folder = GoldenFolder("Golden/explain")

    @Test(arguments: folder.inputs(withExtension: "rules"))
    func explanation(_ name: String) throws {
        let source = String(decoding: try Self.folder.read(name + ".rules"), as: UTF8.self)
        let explanation = ProgramExplanation(program: try checkedProgram(source))
        try Self.folder.expect(explanation.text, matches: name + ".expected")
        try Self.folder.expect(explanation.json.prettySerialized() + "\n", matches: name + ".json.expected")
    }

    @Test func oneRuleOrSegmentIsExplainedAlone() throws {
        let program = try checkedProgram(String(decoding: try Self.folder.read("retention.rules"), as: UTF8.self))
        let rule = ProgramExplanation(program: program, subject: .rule("Thank big tippers"))
        #expect(rule.segments.isEmpty)
        #expect(rule.rules.map(\.name) == ["Thank big tippers"])
        let segment = ProgramExplanation(program: program, subject: .segment("whales"))
        #expect(segment.rules.isEmpty)
        #expect(segment.segments.map(\.name) == ["whales"])
    }

    @Test func eventRulesPlanForOneFanAndSchedulesForAll() throws {
        let program = try checkedProgram(String(decoding: try Self.folder.read("retention.rules"), as: UTF8.self))
        let scopes = Dictionary(uniqueKeysWithValues: ProgramExplanation(program: program).rules.map { ($0.name, $0.plan.scope) })
        #expect(scopes["Thank big tippers"] == .oneFan)
        #expect(scopes["Daily churn save"] == .allFans)
    }

    @Test func sqlLayoutSplitsOnlyTopLevelConjuncts() {
        let lines = SQLLayout.lines("SELECT f.id FROM t f WHERE a = ? AND (b AND c) AND x IN (SELECT 1 WHERE p AND q) ORDER BY f.id")
        #expect(lines == ["SELECT f.id FROM t f", "WHERE a = ?", "  AND (b AND c)", "  AND x IN (SELECT 1 WHERE p AND q)", "ORDER BY f.id"])
    }
}
