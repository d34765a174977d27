import Testing
@testable import Syntax

@Suite struct RenderTextTests {
    typealias F = RenderFixtures

    private func render(_ diagnostics: [Diagnostic], _ files: [SourceFile], color: Bool = false, limit: Int = 100) -> String {
        TextRenderer(useColor: color, limit: limit).render(diagnostics, in: SourceFiles(files))
    }

    @Test func headerSourceLineAndCaretUnderTheSpan() {
        let file = F.file(0, "rules/vip.rules", "segment vip {\n  fan.lifetime_spnd >= $500\n}\n")
        let diagnostic = Diagnostic(F.badToken, "unknown field 'lifetime_spnd'", at: F.range(of: "lifetime_spnd", in: file))
        #expect(render([diagnostic], [file]) == """
            rules/vip.rules:2:7: error[E0901]: unknown field 'lifetime_spnd'
             2 |   fan.lifetime_spnd >= $500
               |       ^~~~~~~~~~~~~

            1 error

            """)
    }

    @Test func columnsCountUnicodeScalarsSoTheCaretLinesUp() {
        // "é" is 2 bytes, "🎉" is 4 bytes: byte offsets would put the caret 4 columns too far right.
        let file = F.file(0, "a.rules", "let café = \"🎉\" + oops\n")
        let diagnostic = Diagnostic(F.badToken, "unknown name", at: F.range(of: "oops", in: file))
        #expect(render([diagnostic], [file]) == """
            a.rules:1:18: error[E0901]: unknown name
             1 | let café = "🎉" + oops
               |                  ^~~~

            1 error

            """)
    }

    @Test func tabsStayTabsInTheCaretLine() {
        let file = F.file(0, "a.rules", "\tlet\tx = bad\n")
        let diagnostic = Diagnostic(F.badToken, "bad", at: F.range(of: "bad", in: file))
        let lines = render([diagnostic], [file]).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == " 1 | \tlet\tx = bad")
        #expect(lines[2] == "   | \t   \t    ^~~")
    }

    @Test func aMultiLineSpanIsUnderlinedToTheEndOfItsFirstLine() {
        let file = F.file(0, "a.rules", "when a and\n  b\n")
        let span = SourceRange(file: file.id, start: 5, end: 14)
        let output = render([Diagnostic(F.badToken, "too long", at: span)], [file])
        #expect(output.hasPrefix("""
            a.rules:1:6: error[E0901]: too long
             1 | when a and
               |      ^~~~~

            """))
    }

    @Test func anEmptySpanGetsOneCaretEvenAtTheEndOfTheFile() {
        let file = F.file(0, "a.rules", "let x =")
        let diagnostic = Diagnostic(F.badToken, "expected an expression", at: SourceRange(file: file.id, start: 7, end: 7))
        #expect(render([diagnostic], [file]).contains(" 1 | let x =\n   |        ^\n"))
    }

    @Test func notesPointingIntoAnotherFileShowThatFile() {
        let first = F.file(0, "a.rules", "segment whales { true }\n")
        let second = F.file(1, "b.rules", "\n\n\n\n\n\n\n\n\nsegment whales { false }\n")
        let diagnostic = Diagnostic(
            F.duplicate, "segment 'whales' is defined twice", at: F.range(of: "whales", in: second),
            notes: [
                DiagnosticNote("first defined here", at: F.range(of: "whales", in: first)),
                DiagnosticNote("names are shared by all files of a program"),
            ]
        )
        // The gutter is as wide as the widest line number of the whole diagnostic.
        #expect(render([diagnostic], [first, second]) == """
            b.rules:10:9: error[E1901]: segment 'whales' is defined twice
             10 | segment whales { false }
                |         ^~~~~~
            a.rules:1:9: note: first defined here
              1 | segment whales { true }
                |         ^~~~~~
            note: names are shared by all files of a program

            1 error

            """)
    }

    @Test func fixItsShowTheLineAsItWouldRead() {
        let file = F.file(0, "a.rules", "when a && b\n")
        let replace = FixIt(range: F.range(of: "&&", in: file), replacement: "and", message: "write 'and'")
        let insert = FixIt(range: SourceRange(file: file.id, start: 5, end: 5), replacement: "not ", message: "negate it")
        let delete = FixIt(range: F.range(of: " && b", in: file), replacement: "", message: "drop the second operand")
        let diagnostic = Diagnostic(F.badToken, "use 'and'", at: F.range(of: "&&", in: file), fixIts: [replace, insert, delete])
        #expect(render([diagnostic], [file]) == """
            a.rules:1:8: error[E0901]: use 'and'
             1 | when a && b
               |        ^~
            help: write 'and'
             1 | when a and b
               |        ~~~
            help: negate it
             1 | when not a && b
               |      ++++
            help: drop the second operand
             1 | when a && b
               |       -----

            1 error

            """)
    }

    @Test func aFixItThatSpansLinesIsSpelledOut() {
        let file = F.file(0, "a.rules", "then {\n}\n")
        let fixIt = FixIt(range: SourceRange(file: file.id, start: 6, end: 6), replacement: "\n  tag \"x\"", message: "add an action")
        let diagnostic = Diagnostic(F.badToken, "empty", at: F.range(of: "{", in: file), fixIts: [fixIt])
        #expect(render([diagnostic], [file]).contains("help: add an action (insert \"\\n  tag \\\"x\\\"\" at a.rules:1:7)\n"))
    }

    @Test func diagnosticsAreSortedByFileThenPositionAndSummed() {
        let a = F.file(0, "a.rules", "one two\n"), b = F.file(1, "b.rules", "three\n")
        let diagnostics = [
            Diagnostic(F.badToken, "third", at: F.range(of: "three", in: b)),
            Diagnostic(F.shadowed, "second", at: F.range(of: "two", in: a)),
            Diagnostic(F.badToken, "first", at: F.range(of: "one", in: a)),
            Diagnostic(F.remark, "fourth", at: F.range(of: "three", in: b)),
        ]
        let headers = render(diagnostics, [a, b]).split(separator: "\n").filter { $0.contains(".rules:") }
        #expect(headers == [
            "a.rules:1:1: error[E0901]: first",
            "a.rules:1:5: warning[W2901]: second",
            "b.rules:1:1: error[E0901]: third",
            "b.rules:1:1: note[N3901]: fourth",
        ])
        #expect(render(diagnostics, [a, b]).hasSuffix("\n2 errors, 1 warning, 1 note\n"))
    }

    @Test func aCleanReportPrintsNothing() {
        #expect(render([], []) == "")
    }

    @Test func pastTheLimitTheRestAreCountedButStillSummed() {
        let file = F.file(0, "a.rules", "x\n")
        let diagnostics = Array(repeating: Diagnostic(F.badToken, "bad", at: F.range(of: "x", in: file)), count: 5)
        let output = render(diagnostics, [file], limit: 2)
        #expect(output.split(separator: "\n").filter { $0.contains("error[E0901]") }.count == 2)
        #expect(output.hasSuffix("\nand 3 more\n\n5 errors\n"))
    }

    @Test func colorOnlyWhenAskedAndThenBySeverity() {
        let file = F.file(0, "a.rules", "x y\n")
        let diagnostics = [
            Diagnostic(F.badToken, "bad", at: F.range(of: "x", in: file)),
            Diagnostic(F.shadowed, "meh", at: F.range(of: "y", in: file), notes: [DiagnosticNote("see")]),
        ]
        #expect(!render(diagnostics, [file]).contains("\u{1B}["))
        let colored = render(diagnostics, [file], color: true)
        #expect(colored.contains("\u{1B}[1;31merror[E0901]:\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;33mwarning[W2901]:\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;36mnote:\u{1B}[0m"))
    }

    @Test func controlCharactersAndInvalidBytesCannotMisalignOrEscape() {
        // ESC would start a terminal escape sequence; 0xFF is not UTF-8. Each is one column.
        let bytes: [UInt8] = Array("a".utf8) + [0x1B, 0xFF] + Array("bad\r\n".utf8)
        let file = SourceFile(id: FileID(0), path: "a.rules", bytes: bytes)
        let diagnostic = Diagnostic(F.badToken, "bad", at: SourceRange(file: file.id, start: 3, end: 6))
        #expect(render([diagnostic], [file]).contains(" 1 | a\u{241B}\u{FFFD}bad\n   |    ^~~\n"))
    }

    @Test func aRangeIntoAnUnknownFileStillRenders() {
        let diagnostic = Diagnostic(F.badToken, "lost", at: SourceRange(file: FileID(9), start: 0, end: 1))
        #expect(render([diagnostic], []).hasPrefix("<unknown file 9>:1:1: error[E0901]: lost\n"))
    }
}
