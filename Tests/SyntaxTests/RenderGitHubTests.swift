import Testing
@testable import Syntax

@Suite struct RenderGitHubTests {
    typealias F = RenderFixtures

    private func render(_ diagnostics: [Diagnostic], _ files: [SourceFile]) -> String {
        GitHubRenderer().render(diagnostics, in: SourceFiles(files))
    }

    @Test func oneWorkflowCommandPerDiagnosticBySeverity() {
        let file = F.file(0, "rules/a.rules", "let café = oops ok\n")
        let diagnostics = [
            Diagnostic(F.badToken, "unknown name", at: F.range(of: "oops", in: file)),
            Diagnostic(F.shadowed, "shadowed", at: F.range(of: "café", in: file)),
            Diagnostic(F.remark, "fyi", at: F.range(of: "ok", in: file)),
        ]
        #expect(render(diagnostics, [file]) == """
            ::warning file=rules/a.rules,line=1,col=5,endLine=1,endColumn=9,title=W2901::shadowed
            ::error file=rules/a.rules,line=1,col=12,endLine=1,endColumn=16,title=E0901::unknown name
            ::notice file=rules/a.rules,line=1,col=17,endLine=1,endColumn=19,title=N3901::fyi

            """)
    }

    @Test func multiLineSpansLeaveOutTheEndColumn() {
        let file = F.file(0, "a.rules", "when a and\n  b\n")
        let diagnostic = Diagnostic(F.badToken, "x", at: SourceRange(file: file.id, start: 5, end: 14))
        #expect(render([diagnostic], [file]) == "::error file=a.rules,line=1,col=6,endLine=2,title=E0901::x\n")
    }

    @Test func notesAndFixItsBecomeExtraLinesOfTheMessage() {
        let a = F.file(0, "a.rules", "segment w { true }\n"), b = F.file(1, "b.rules", "segment w { false }\n")
        let diagnostic = Diagnostic(
            F.duplicate, "defined twice", at: F.range(of: "w", in: b),
            notes: [DiagnosticNote("first defined here", at: F.range(of: "w", in: a))],
            fixIts: [FixIt(range: F.range(of: "w", in: b), replacement: "w2", message: "rename it")]
        )
        #expect(render([diagnostic], [a, b]) == """
            ::error file=b.rules,line=1,col=9,endLine=1,endColumn=10,title=E1901::defined twice\
            %0Aa.rules:1:9: note: first defined here%0Ahelp: rename it (replace with "w2")

            """)
    }

    @Test func messagesAndPropertiesAreEscapedPerGitHubsRules() {
        let file = F.file(0, "odd:name,1%.rules", "x\n")
        let diagnostic = Diagnostic(F.badToken, "100% wrong:\r\nreally, yes", at: F.range(of: "x", in: file))
        #expect(render([diagnostic], [file]) == """
            ::error file=odd%3Aname%2C1%25.rules,line=1,col=1,endLine=1,endColumn=2,title=E0901::100%25 wrong:%0D%0Areally, yes

            """)
    }
}
