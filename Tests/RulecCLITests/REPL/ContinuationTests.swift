import Testing
@testable import RulecCLI

@Suite struct ContinuationTests {
    @Test(arguments: ["f(1,", "[1, 2", "segment vip {", "f(g(1)", "{ [ ( ) ]"])
    func openBracketsContinue(_ text: String) {
        #expect(Continuation.bracketsOpen(in: text))
    }

    @Test(arguments: ["", "fan.spend > $20", "f(1)", "segment vip { fan.spend > $5 }", "f(1,\n2)", "x)", "a) (b"])
    func balancedOrOverclosedTextEnds(_ text: String) {
        #expect(!Continuation.bracketsOpen(in: text))
    }

    @Test func bracketsInStringsAndCommentsDoNotCount() {
        #expect(!Continuation.bracketsOpen(in: #"tag "(" # a comment with {"#))
        #expect(!Continuation.bracketsOpen(in: #"note "quote \" ( still string""#))
        #expect(Continuation.bracketsOpen(in: "f( # ) in a comment"))
        #expect(Continuation.bracketsOpen(in: #"f("\\", "#), "an escaped backslash ends before the quote")
    }

    @Test func aCommentOrUnterminatedStringEndsAtTheNewline() {
        #expect(!Continuation.bracketsOpen(in: "f( # open\n)"))
        #expect(Continuation.bracketsOpen(in: "\"unterminated\n("))
    }
}
