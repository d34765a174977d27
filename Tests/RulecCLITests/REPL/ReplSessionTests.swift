import Testing
@testable import RulecCLI

@Suite struct ReplSessionTests {
    @Test func helpListsEveryDirectiveOfTheSpec() {
        var session = ReplSession()
        let response = session.handle(entry: ":help")
        for name in [":explain", ":fan", ":why", ":load", ":schema", ":now", ":help", ":quit"] {
            #expect(response.output.contains { $0.hasPrefix("  \(name)") }, "\(name)")
        }
        #expect(!response.quit)
    }

    @Test func quitEndsTheSession() {
        var session = ReplSession()
        #expect(session.handle(entry: ":quit").quit)
        #expect(session.handle(entry: "  :quit  ").quit)
    }

    @Test func otherEntriesAreEchoedUntilEvaluationIsWired() {
        var session = ReplSession()
        #expect(session.handle(entry: "fan.spend > $20\n").output == ["(not evaluated yet) fan.spend > $20"])
        #expect(session.handle(entry: ":fan 42").output == ["(not evaluated yet) :fan 42"])
        #expect(session.handle(entry: "   ") == ReplSession.Response())
    }

    @Test func anUnknownDirectiveIsAnErrorWithASuggestion() {
        var session = ReplSession()
        let response = session.handle(entry: ":schem fans")
        #expect(response.output.isEmpty)
        #expect(response.errors == ["unknown command ':schem'. Did you mean ':schema'? Type :help for the list."])
    }
}
