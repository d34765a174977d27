import Testing
@testable import Syntax

@Suite struct RenderJSONTests {
    typealias F = RenderFixtures

    private func render(_ diagnostics: [Diagnostic], _ files: [SourceFile]) -> String {
        JSONRenderer().render(diagnostics, in: SourceFiles(files))
    }

    @Test func theShapePinnedByRULECWithAnExclusiveEnd() {
        let file = F.file(0, "rules/a.rules", "let café = oops\n")
        let diagnostic = Diagnostic(F.badToken, "unknown name 'oops'", at: F.range(of: "oops", in: file))
        #expect(render([diagnostic], [file]) == """
            {"diagnostics":[{"file":"rules/a.rules","line":1,"column":12,"end_line":1,"end_column":16,\
            "severity":"error","code":"E0901","message":"unknown name 'oops'"}],"errors":1,"warnings":0}

            """)
    }

    @Test func theFirstFixItIsIncludedWithItsOwnRange() {
        let file = F.file(0, "a.rules", "x\nwhen a && b\n")
        let fixIt = FixIt(range: F.range(of: "&&", in: file), replacement: "and", message: "write 'and'")
        let other = FixIt(range: F.range(of: "b", in: file), replacement: "c", message: "second, left out")
        let diagnostic = Diagnostic(F.shadowed, "prefer 'and'", at: F.range(of: "&&", in: file), fixIts: [fixIt, other])
        #expect(render([diagnostic], [file]).contains("""
            "severity":"warning","code":"W2901","message":"prefer 'and'",\
            "fixit":{"message":"write 'and'","replacement":"and","line":2,"column":8,"end_line":2,"end_column":10}}]
            """))
    }

    @Test func multiLineSpansReportTheirRealEnd() {
        let file = F.file(0, "a.rules", "when a and\n  b\n")
        let diagnostic = Diagnostic(F.badToken, "x", at: SourceRange(file: file.id, start: 5, end: 14))
        #expect(render([diagnostic], [file]).contains(#""line":1,"column":6,"end_line":2,"end_column":4,"#))
    }

    @Test func everythingIsEscaped() {
        let file = F.file(0, "dir \"q\"\\a.rules", "x\n")
        let message = "tab\there, newline\nthere, bell\u{07}, quote \" and backslash \\, line sep \u{2028}, é"
        let diagnostic = Diagnostic(F.badToken, message, at: F.range(of: "x", in: file))
        let output = render([diagnostic], [file])
        #expect(output.contains(#""file":"dir \"q\"\\a.rules""#))
        #expect(output.contains(#""message":"tab\there, newline\nthere, bell\u0007, quote \" and backslash \\, line sep \u2028, é""#))
    }

    @Test func countsFollowTheSortedDiagnosticsAndNotesAreNotCounted() {
        let file = F.file(0, "a.rules", "a b c\n")
        let diagnostics = [
            Diagnostic(F.remark, "n", at: F.range(of: "c", in: file)),
            Diagnostic(F.shadowed, "w", at: F.range(of: "b", in: file)),
            Diagnostic(F.badToken, "e", at: F.range(of: "a", in: file)),
        ]
        let document = JSONRenderer().document(for: diagnostics, in: SourceFiles([file]))
        #expect(document["errors"] == 1)
        #expect(document["warnings"] == 1)
        guard case .array(let entries) = document["diagnostics"] else { Issue.record("no array"); return }
        #expect(entries.map { $0["message"] } == ["e", "w", "n"])
        #expect(entries.map { $0["severity"] } == ["error", "warning", "note"])
    }

    @Test func aCleanReportIsStillADocument() {
        #expect(render([], []) == #"{"diagnostics":[],"errors":0,"warnings":0}"# + "\n")
    }
}
