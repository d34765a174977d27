import Testing
@testable import RulecCLI
import Runtime

/// The demo summary's wording: counts agree with their nouns, lists read as
/// sentences, every action outcome the engine reports has words, and printed
/// commands survive a shell.
@Suite struct DemoWordsTests {
    @Test func lists() {
        #expect(Words.list(["a"]) == "a")
        #expect(Words.list(["a", "b"]) == "a and b")
        #expect(Words.list(["a", "b", "c"]) == "a, b and c")
    }

    @Test func actionOutcomes() {
        typealias Tally = RunReport.ActionTally
        let cases: [(Tally, Int, String)] = [
            (Tally(.executed, "send"), 1, "1 message drafted"), (Tally(.executed, "send"), 3, "3 messages drafted"),
            (Tally(.executed, "tag"), 2, "2 tags added"), (Tally(.executed, "untag"), 1, "1 tag removed"),
            (Tally(.executed, "note"), 1, "1 note written"), (Tally(.delayedExecuted, "send"), 2, "2 delayed messages drafted"),
            (Tally(.scheduled, "send"), 21, "21 messages scheduled for later"),
            (Tally(.queuedForApproval, "send"), 1, "1 message awaiting approval"),
            (Tally(.skipped, "send", reason: "limit"), 1, "1 message skipped (limit)"),
            (Tally(.expired, "note"), 2, "2 delayed notes expired"), (Tally(.failed, "tag"), 2, "2 tags failed"),
        ]
        for (tally, count, words) in cases { #expect(Words.action(tally, count: count) == words) }
    }

    @Test func sendsComeFirst() {
        let tallies = [RunReport.ActionTally(.executed, "note"), RunReport.ActionTally(.queuedForApproval, "send"),
                       RunReport.ActionTally(.executed, "tag"), RunReport.ActionTally(.executed, "send")]
        #expect(tallies.sorted(by: Words.actionOrder).map(\.description) == ["sends", "sends queued for approval", "tags", "notes"])
    }

    @Test func shellQuoting() {
        #expect(Shell.quote("/tmp/rulec-demo-1/crm.sqlite") == "/tmp/rulec-demo-1/crm.sqlite")
        #expect(Shell.quote("Thank big tippers") == "'Thank big tippers'")
        #expect(Shell.quote("it's") == "'it'\\''s'")
        #expect(Shell.quote("$HOME") == "'$HOME'")
        #expect(Shell.quote("") == "''")
        for word in ["a b", "it's", "$x `y` \"z\"", "\\"] { #expect(ShellWords.split(Shell.quote(word)) == [word]) }
    }
}
