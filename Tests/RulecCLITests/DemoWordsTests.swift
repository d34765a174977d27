import Testing
@testable import RulecCLI

/// The demo summary's wording: counts agree with their nouns, lists read as
/// sentences, every action outcome the engine reports has words, and printed
/// commands survive a shell.
@Suite struct DemoWordsTests {
    @Test func countsAndLists() {
        #expect(Words.count(1, "tip") == "1 tip")
        #expect(Words.count(0, "tip") == "0 tips")
        #expect(Words.count(2, "PPV purchase or paid DM", plural: "PPV purchases and paid DMs") == "2 PPV purchases and paid DMs")
        #expect(Words.list(["a"]) == "a")
        #expect(Words.list(["a", "b"]) == "a and b")
        #expect(Words.list(["a", "b", "c"]) == "a, b and c")
    }

    @Test(arguments: [
        ("executed send", 1, "1 message drafted"), ("executed send", 3, "3 messages drafted"),
        ("executed tag", 2, "2 tags added"), ("executed untag", 1, "1 tag removed"), ("executed note", 1, "1 note written"),
        ("delayed send", 21, "21 messages scheduled for later"),
        ("queued for approval send", 1, "1 message awaiting approval"),
        ("failed tag", 2, "2 tags failed"),
    ])
    func actionOutcomes(_ key: String, _ count: Int, _ words: String) {
        #expect(Words.action(key, count: count) == words)
    }

    @Test func sendsComeFirst() {
        let keys = ["executed note", "queued for approval send", "executed tag"].sorted(by: Words.actionOrder)
        #expect(keys == ["queued for approval send", "executed tag", "executed note"])
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
