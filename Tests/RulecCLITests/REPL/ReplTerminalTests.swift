import Foundation
import Testing
@testable import RulecCLI

/// `rulec repl` on a real terminal, driven through tmux. Each test wraps the
/// REPL in a shell line that afterwards prints its exit status and whether the
/// terminal settings (`stty -g`) are what they were before: raw mode must be
/// undone however the REPL ends.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, "tmux is not installed: the real-terminal tests need it"))
struct ReplTerminalTests {
    let prompt = ReplCommand.prompt

    func historyFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("rulec-tmux-history-\(UUID().uuidString)")
    }

    /// A shell line running `rulec repl ARGS`, then reporting how it ended.
    func replCommand(_ arguments: String) throws -> String {
        let rulec = try RulecBinary.require().path
        return "before=$(stty -g); '\(rulec)' repl \(arguments); code=$?; "
            + "if [ \"$(stty -g)\" = \"$before\" ]; then t=restored; else t=CHANGED; fi; "
            + "echo \"[exit $code, terminal $t]\""
    }

    /// The last line that starts with the prompt: the entry being edited.
    /// (Screen lines come without trailing blanks, so an empty prompt line is "rulec>".)
    func promptLine(_ screen: String) -> String? {
        screen.screenLines.last { $0.hasPrefix(bare(prompt)) }
    }

    /// `text` as the screen shows it: without trailing blanks.
    func bare(_ text: String) -> String {
        String(text.reversed().drop { $0 == " " }.reversed())
    }

    @Test func editRecallCancelAndQuit() throws {
        let history = historyFile()
        defer { try? FileManager.default.removeItem(at: history) }
        let tmux = try Tmux(name: "edit", command: replCommand("--history '\(history.path)'"))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }

        // Type with a typo, fix it with Left, then Home/End/Backspace.
        try tmux.type("helo wrld")
        try tmux.press("Left", "Left", "Left")
        try tmux.type("o")
        try tmux.press("Home")
        try tmux.type("say ")
        try tmux.press("End")
        try tmux.type("!!")
        try tmux.press("BSpace")
        try tmux.waitFor("the edited line") { promptLine($0) == prompt + "say helo world!" }
        try tmux.press("Enter")
        try tmux.waitFor("the echo") { $0.contains("(not evaluated yet) say helo world!") }

        // Up recalls it; submitting it again echoes it a second time.
        try tmux.press("Up")
        try tmux.waitFor("the recalled entry") { promptLine($0) == prompt + "say helo world!" }
        try tmux.press("Enter")
        try tmux.waitFor("the second echo") { $0.occurrences(of: "(not evaluated yet) say helo world!") == 2 }

        // Ctrl-C abandons a line and gives a fresh prompt.
        try tmux.type("discard me")
        try tmux.press("C-c")
        var screen = try tmux.waitFor("a fresh prompt after ^C") {
            $0.contains("discard me^C") && $0.screenLines.last == bare(prompt)
        }
        #expect(!screen.contains("(not evaluated yet) discard me"))

        // An open bracket continues the entry on a continuation prompt.
        try tmux.type("f(1,")
        try tmux.press("Enter")
        try tmux.waitFor("the continuation prompt") { $0.screenLines.last == bare(ReplCommand.continuationPrompt) }
        try tmux.type("2)")
        try tmux.press("Enter")
        try tmux.waitFor("the multi-line echo") { $0.contains("(not evaluated yet) f(1,\n2)") }

        // Ctrl-D on an empty line quits, with the terminal as it was.
        try tmux.press("C-d")
        screen = try tmux.waitFor("the REPL to exit") { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0, terminal restored]"))

        #expect(try History.load(from: history).entries == ["say helo world!", "f(1,\n2)"])
        #expect(try String(contentsOf: history, encoding: .utf8) == "say helo world!\nf(1,\\n2)\n")
    }

    @Test func historyIsPersistedAcrossSessions() throws {
        let history = historyFile()
        defer { try? FileManager.default.removeItem(at: history) }

        let first = try Tmux(name: "first", command: replCommand("--history '\(history.path)'"))
        defer { first.kill() }
        try first.waitFor("the first prompt") { promptLine($0) != nil }
        try first.type("first entry")
        try first.press("Enter")
        try first.type("g([1,")
        try first.press("Enter")
        try first.type("2])")
        try first.press("Enter")
        try first.waitFor("both echoes") { $0.contains("(not evaluated yet) g([1,\n2])") }
        try first.press("C-d")
        try first.waitFor("the first session to end") { $0.contains("[exit 0, terminal restored]") }

        let second = try Tmux(name: "second", command: replCommand("--history '\(history.path)'"))
        defer { second.kill() }
        try second.waitFor("the second prompt") { promptLine($0) != nil }
        // Up brings back the multi-line entry whole, on two rows.
        try second.press("Up")
        try second.waitFor("the recalled multi-line entry") {
            $0.screenLines.suffix(2) == [prompt + "g([1,", ReplCommand.continuationPrompt + "2])"]
        }
        // Up again (the cursor is on its first line) goes on to the older entry.
        try second.press("Up")
        try second.waitFor("the older entry, replacing both rows") {
            $0.screenLines.last == prompt + "first entry"
        }
        // Down and Down again return to the unsubmitted draft, kept as typed.
        try second.press("Down", "Down")
        try second.type("draft")
        try second.press("Up", "Up", "Down", "Down")
        try second.waitFor("the draft back") { $0.screenLines.last == prompt + "draft" }
        try second.press("C-u", "C-l")
        try second.waitFor("a cleared screen") { $0.screenLines == [bare(prompt)] }
        try second.press("C-d")
        try second.waitFor("the second session to end") { $0.contains("[exit 0, terminal restored]") }
    }

    @Test func aKilledReplRestoresTheTerminal() throws {
        let rulec = try RulecBinary.require().path
        // The inner shell prints its pid and becomes rulec, so the test knows whom to signal.
        let command = "sh -c 'echo \"pid $$\"; exec \"$0\" repl --no-history' '\(rulec)'"
        let tmux = try Tmux(name: "kill", command: try replCommand("--no-history").replacingOccurrences(
            of: "'\(rulec)' repl --no-history", with: command))
        defer { tmux.kill() }
        let screen = try tmux.waitFor("the prompt") { promptLine($0) != nil }
        let pidLine = try #require(screen.screenLines.first { $0.hasPrefix("pid ") })
        let pid = try #require(pid_t(pidLine.dropFirst(4)))
        try tmux.type("half typed")
        try tmux.waitFor("the typed text") { promptLine($0) == prompt + "half typed" }
        #expect(kill(pid, SIGTERM) == 0)
        let after = try tmux.waitFor("the REPL to die") { $0.contains("[exit ") }
        #expect(after.contains("[exit 143, terminal restored]"), "killed by SIGTERM (128 + 15), settings back")
    }
}
