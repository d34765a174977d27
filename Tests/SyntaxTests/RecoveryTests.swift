import Foundation
import Testing
@testable import Syntax

/// One pass reports every syntax error of a file, each once, without follow-on noise.
@Suite struct RecoveryTests {
    @Test func everyMistakeOfTheFixtureFileOnce() throws {
        let url = packageRoot.appendingPathComponent("Tests/Fixtures/Syntax/errors.rules")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = parse(text)
        #expect(result.diagnostics.map(\.code.id) == [
            "E0101",  // let = 5: missing name
            "E0102",  // fan.x >= }: missing operand
            "E0105",  // 1 < 2 < 3
            "E0108",  // cooldown twice
            "E0101",  // missing `,` in with { }
            "E0101",  // rule b: name must be a string
            "E0004",  // $1.999
            "E0005",  // 3mo
            "E0001",  // unterminated string
        ], "\(describe(result.diagnostics))")
        // The declarations after each mistake were still parsed.
        #expect(result.syntax.declarations.count == 5)
    }

    @Test func resynchronizesAtTheNextDeclaration() {
        let result = parse("""
        let a = )
        let b = 1
        segment s { ) }
        segment t { fan.x > 1 }
        rule "r" { on x when ) then { tag "t" } }
        """)
        #expect(result.diagnostics.map(\.code.id) == ["E0102", "E0102", "E0102"])
        #expect(TreeDump.file(result.syntax).contains("(let b 1)"))
        #expect(TreeDump.file(result.syntax).contains("(segment t (> fan.x 1))"))
        #expect(TreeDump.file(result.syntax).contains(#"(then (tag "t"))"#))
    }

    @Test func errorsInSeveralClausesOfOneRuleAreAllReported() {
        let result = parse("""
        rule "r" {
          on x
          when a ==
          priority +
          cooldown 1d
          limit 1 per 5
          then { tag "t" }
        }
        """)
        #expect(result.diagnostics.map(\.code.id) == ["E0102", "E0102", "E0101"])
    }

    @Test func forgottenClosingBraceBeforeTheNextRule() throws {
        let result = parse("""
        rule "a" {
          on x
          then { tag "t" }
        rule "b" { on y then { tag "u" } }
        """)
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == .unclosedDelimiter)
        #expect(d.fixIts.first?.replacement == "\n}")
        #expect(result.syntax.declarations.count == 2)
    }

    @Test func forgottenBraceOfTheThenBlock() throws {
        let result = parse(#"rule "a" { on x then { tag "t" priority 1 }"#)
        #expect(result.diagnostics.map(\.code) == [.unclosedDelimiter])
        #expect(TreeDump.file(result.syntax) == #"(rule "a" (on x) (then (tag "t")) (priority 1))"#)
    }

    @Test func missingBraceAtEndOfFile() {
        #expect(codes("segment s { true") == ["E0112"])
        #expect(codes(#"rule "r" { on x then { tag "t" }"#) == ["E0112"])
    }

    @Test func junkBetweenDeclarations() {
        let result = parse("""
        } } 42 "x"
        let a = 1
        when
        let b = 2 3
        """)
        #expect(result.diagnostics.map(\.code.id) == ["E0103", "E0103", "E0103"])
        #expect(TreeDump.file(result.syntax) == "(let a 1)\n(let b 2)")
    }

    @Test func lexerErrorsCauseNoParserNoise() {
        #expect(codes("let a = @ + 1\nlet b = 2") == ["E0007"])
        #expect(codes("segment s { fan.x > 3mo }") == ["E0005"])
        #expect(codes("let a = 1 § 2") == ["E0007"])
        #expect(codes(#"rule "r" { on x @ then { tag "t" } }"#) == ["E0007"])
    }

    @Test func unknownClauseResumesAtTheNextClause() {
        let result = parse(#"rule "r" { on x when a whenever b > 1 then { tag "t" } }"#)
        #expect(result.diagnostics.map(\.code) == [.unknownClause])
        #expect(TreeDump.file(result.syntax) == #"(rule "r" (on x) (when a) (then (tag "t")))"#)
    }

    @Test func diagnosticsAreInSourceOrder() {
        let result = parse("let a = \"x\nlet b = )\nlet c = 3mo")
        let starts = result.diagnostics.map(\.range.start)
        #expect(starts == starts.sorted())
        #expect(result.diagnostics.count == 3)
    }
}

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
