import Foundation
import Semantics
import Syntax
import Testing
@testable import Planning

/// `matches` edge cases: the checker (which rejects invalid patterns) and the
/// evaluator (which runs them) compile patterns with the same code
/// (`RegexPattern`), and SQLite never sees one (`explain` lists `matches`
/// under the evaluator), so the three agree by construction; these pin what
/// they agree on.
@Suite struct MatchesPatternTests {
    @Test(arguments: [
        // The empty pattern matches everything, the empty subject included.
        ("", "", true), ("abc", "", true),
        // Empty subject against anchors.
        ("", "^$", true), ("", "^", true), ("", "a", false), ("a", "^$", false),
        // Unanchored search; anchors are the whole subject, not each line.
        ("hello", "ell", true), ("hello", "^ell", false), ("hello", "llo$", true),
        ("one\ntwo", "^two", false), ("one\ntwo", "(?m)^two", true),
        // Unicode: `.` is one code point, emoji included; case folding on request.
        ("café", "^caf.$", true), ("🎉", "^.$", true), ("Zoë", "(?i)^zoë$", true), ("Zoë", "^zoë$", false),
        // Metacharacters escaped in the pattern.
        ("a.b", "a\\.b", true), ("axb", "a\\.b", false),
    ] as [(String, String, Bool)])
    func evaluatorAndCheckerAgree(subject: String, pattern: String, expected: Bool) {
        #expect(PatternCache().matches(subject, pattern: pattern) == expected)
        #expect(checkerErrors(pattern).isEmpty, "the checker accepts \(pattern.debugDescription)")
    }

    @Test(arguments: ["(", "[a-", "*", "a{2,1}", "(?<name", "\\"])
    func invalidPatternsAreRejectedByBoth(pattern: String) {
        #expect(PatternCache().matches("anything", pattern: pattern) == nil)
        #expect(checkerErrors(pattern) == ["E1037"])
    }

    @Test func matchesNeverReachesSQL() throws {
        let program = try checkedProgram("segment s { fan.display_name matches \"\" }")
        let plan = PlanBuilder.plan(program.segment(named: "s")!.condition, program: program, scope: .allFans)
        #expect(plan.residual.count == 1)
    }

    private func checkerErrors(_ pattern: String) -> [String] {
        let text = "segment s { fan.display_name matches \(LiteralPrinter.string(pattern)) }\n"
        let file = SourceFile(id: FileID(0), path: "p.rules", text: text)
        return Check.sources([file]).diagnostics.filter { $0.severity == .error }.map(\.code.id)
    }
}
