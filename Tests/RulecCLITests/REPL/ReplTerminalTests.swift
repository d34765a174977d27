import Foundation
import Testing
@testable import RulecCLI

/// `rulec repl` on a real terminal, driven through tmux as a person would use
/// it, on a seeded store whose answers `ReplFixture` computes in SQL. Each test
/// wraps the REPL in a shell line that afterwards prints its exit status and
/// whether the terminal settings (`stty -g`) are what they were before: raw
/// mode must be undone however the REPL ends.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, "tmux is not installed: the real-terminal tests need it"))
struct ReplTerminalTests {
    let prompt = ReplCommand.prompt

    /// A history file in the fixture's folder, so it goes when the fixture does.
    func historyFile(_ fixture: ReplFixture) -> URL { fixture.folder.url.appendingPathComponent("history") }

    /// A shell line running `rulec repl` on the fixture's store with `extra`
    /// options, then reporting how it ended.
    func replCommand(_ fixture: ReplFixture, _ extra: [String]) throws -> String {
        let rulec = try RulecBinary.require().path
        let words = ([rulec, "repl"] + fixture.arguments + extra).map { "'\($0)'" }.joined(separator: " ")
        return "before=$(stty -g); \(words); code=$?; "
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

    /// The counts the screen shows, oldest first.
    func counts(_ screen: String) -> [Int] {
        screen.screenLines.compactMap { MatchLine($0)?.count }
    }

    /// Waits for a fresh prompt after output, so the next keys go to a new entry.
    @discardableResult
    func waitForIdlePrompt(_ tmux: Tmux, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: (String) -> Bool) throws -> String {
        try tmux.waitFor(what, sourceLocation: sourceLocation) { condition($0) && $0.screenLines.last == bare(prompt) }
    }

    /// Ctrl-D on an empty line: the REPL ends with status 0 and the terminal as it was.
    func quit(_ tmux: Tmux, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmux.press("C-d")
        let screen = try tmux.waitFor("the REPL to exit", sourceLocation: sourceLocation) { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0, terminal restored]"), sourceLocation: sourceLocation)
    }

    @Test func typeAConditionThenRecallAndEditIt() throws {
        let fixture = try ReplFixture()
        let history = historyFile(fixture)
        let whales = try fixture.fanIDs(where: "f.lifetime_spend_cents >= 50000")
        let bigger = try fixture.count(where: "f.lifetime_spend_cents >= 100000")
        try #require(whales.count != bigger, "the edit changes the answer")
        let tmux = try Tmux(name: "edit", command: replCommand(fixture, ["--history", history.path]))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }

        // Type with a typo, fix it with Left, then Home/End/Backspace.
        try tmux.type("lifetime_spnd >= $50")
        try tmux.press("Left", times: "nd >= $50".count)
        try tmux.type("e")
        try tmux.press("Home")
        try tmux.type("fan.")
        try tmux.press("End")
        try tmux.type("00")
        try tmux.press("BSpace")
        try tmux.waitFor("the edited line") { promptLine($0) == prompt + "fan.lifetime_spend >= $500" }
        try tmux.press("Enter")
        var screen = try waitForIdlePrompt(tmux, "the count and table") { counts($0) == [whales.count] }
        let lines = screen.screenLines
        let header = try #require(lines.firstIndex { $0.split(separator: " ") == ["id", "display_name", "fan.lifetime_spend"] })
        #expect(lines[header + 1].hasPrefix("\(whales[0]) "), "the first row is the first matching fan")
        #expect(lines.contains("… and \(whales.count - ReplEvaluation.shownFans) more"))

        // Up recalls it; Left and Backspace turn $500 into $1000.
        try tmux.press("Up")
        try tmux.waitFor("the recalled entry") { promptLine($0) == prompt + "fan.lifetime_spend >= $500" }
        try tmux.press("Left", times: 2)
        try tmux.press("BSpace")
        try tmux.type("10")
        try tmux.waitFor("the edited entry") { promptLine($0) == prompt + "fan.lifetime_spend >= $1000" }
        try tmux.press("Enter")
        try waitForIdlePrompt(tmux, "the second count") { counts($0) == [whales.count, bigger] }

        // Ctrl-C abandons a line and gives a fresh prompt; nothing is evaluated.
        try tmux.type("fan.lifetime_spend > ")
        try tmux.press("C-c")
        screen = try waitForIdlePrompt(tmux, "a fresh prompt after ^C") { $0.contains("fan.lifetime_spend > ^C") }
        #expect(!screen.contains("error["), "the abandoned entry was not checked")

        try quit(tmux)
        #expect(try History.load(from: history).entries == ["fan.lifetime_spend >= $500", "fan.lifetime_spend >= $1000"])
    }

    @Test func anEntryContinuesWhileABracketIsOpen() throws {
        let fixture = try ReplFixture()
        let tmux = try Tmux(name: "multi", command: replCommand(fixture, ["--no-history"]))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }
        try tmux.type("fan.lifecycle_stage in [\"active\",")
        try tmux.press("Enter")
        try tmux.waitFor("the continuation prompt") { $0.screenLines.last == bare(ReplCommand.continuationPrompt) }
        try tmux.type("\"at_risk\"]")
        try tmux.press("Enter")
        let expected = try fixture.count(where: "f.lifecycle_stage IN ('active', 'at_risk')")
        let screen = try waitForIdlePrompt(tmux, "the count") { counts($0) == [expected] }
        #expect(screen.screenLines.contains { $0.split(separator: " ") == ["id", "display_name", "fan.lifecycle_stage"] })
        try quit(tmux)
    }

    @Test func aTypoShowsTheDiagnosticAndTheSessionGoesOn() throws {
        let fixture = try ReplFixture()
        let tmux = try Tmux(name: "typo", command: replCommand(fixture, ["--no-history"]))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }
        try tmux.type("fan.lifetime_spend > 500")
        try tmux.press("Enter")
        let screen = try waitForIdlePrompt(tmux, "the diagnostic") { $0.contains("help: write `$500`") }
        let lines = screen.screenLines
        #expect(lines.contains { $0.hasPrefix("<expression>:1:22: error[E1031]: ") })
        #expect(lines.contains("   |                      ^~~"), "the caret under `500`")
        #expect(lines.contains(" 1 | fan.lifetime_spend > $500"), "the fix-it applied")

        let expected = try fixture.count(where: "f.lifetime_spend_cents > 50000")
        try tmux.type("fan.lifetime_spend > $500")
        try tmux.press("Enter")
        try waitForIdlePrompt(tmux, "the count") { counts($0) == [expected] }
        try quit(tmux)
    }

    @Test func sessionSegmentsFanAndWhy() throws {
        let fixture = try ReplFixture()
        try fixture.deploy([fixture.rulesPath])
        let tmux = try Tmux(name: "why", command: replCommand(fixture, ["--no-history", "--rules", fixture.rulesPath]))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }

        try tmux.type("segment big { fan.lifetime_spend > $1000 }")
        try tmux.press("Enter")
        try waitForIdlePrompt(tmux, "the definition") { $0.contains("segment big defined for this session") }
        try tmux.type("fan in big")
        try tmux.press("Enter")
        let big = try fixture.fanIDs(where: "f.lifetime_spend_cents > 100000")
        try waitForIdlePrompt(tmux, "the segment's count") { counts($0) == [big.count] }

        let fan = try #require(big.first)
        try tmux.type(":fan \(fan)")
        try tmux.press("Enter")
        let transactions = try fixture.scalar("SELECT count(*) FROM fan_transactions WHERE fan_id = ?", [.integer(fan)]).int64!
        let dossier = try tmux.waitFor("the dossier", scrollback: true) {
            $0.contains("fan.accounts: ") && $0.screenLines.last == bare(prompt)
        }
        let name = try fixture.displayName(fan)
        #expect(dossier.screenLines.contains { $0.hasPrefix("fan.display_name ") && $0.hasSuffix(" " + name) })
        #expect(dossier.screenLines.contains { $0.hasPrefix("fan.transactions: \(transactions) row") })

        try tmux.press("C-l")
        try tmux.type(":why \"Tag whales\" \(fan)")
        try tmux.press("Enter")
        let why = try waitForIdlePrompt(tmux, "the trace") { $0.contains("→ ") }
        #expect(why.contains("rule \"Tag whales\" for fan \(fan), slot 2026-11-23T"), "the latest slot before the clock")
        #expect(why.screenLines.contains("→ fires"), "fan \(fan) spent over $1000, so is a whale")
        try quit(tmux)
    }

    @Test func bannerSaysWhatTheSessionWorksOn() throws {
        let fixture = try ReplFixture()
        let tmux = try Tmux(name: "banner", command: replCommand(fixture, ["--no-history"]), width: 200)
        defer { tmux.kill() }
        let screen = try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }
        #expect(screen.screenLines.contains(
            "store \(fixture.database), creator \(ReplFixture.user), now \(ReplFixture.now) (fixed; :now clock follows the system clock)"),
            "\(screen)")
        try quit(tmux)
    }

    /// `:fan` uses the terminal's width: on 160 columns a fan's tags are not cut at 32.
    @Test func fanUsesTheTerminalsWidth() throws {
        let fixture = try ReplFixture()
        let fan = try #require(fixture.fanIDs(where: "1").first)
        let tags = ["alpha_collector", "bravo_supporter", "charlie_regular", "delta_night_owl"]
        for tag in tags {
            try fixture.store.database.execute("INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (?, ?, ?, 0)",
                                               [.text(ReplFixture.user), .integer(fan), .text(tag)])
        }
        let all = try fixture.store.database.rows("SELECT tag FROM fan_tag_values WHERE user_id = ? AND fan_id = ? ORDER BY tag",
                                                  [.text(ReplFixture.user), .integer(fan)]).map { $0[0].string! }.joined(separator: ", ")
        #expect(all.count > 60)
        let tmux = try Tmux(name: "wide", command: replCommand(fixture, ["--no-history"]), width: 160)
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }
        try tmux.type(":fan \(fan)")
        try tmux.press("Enter")
        let dossier = try tmux.waitFor("the dossier", scrollback: true) { $0.contains("fan.accounts: ") && $0.screenLines.last == bare(prompt) }
        #expect(dossier.screenLines.contains { $0.hasPrefix("fan.tags ") && $0.hasSuffix(" " + all) }, "\(dossier)")

        // `:quit now` is refused with a message and the session goes on.
        try tmux.type(":quit now")
        try tmux.press("Enter")
        try waitForIdlePrompt(tmux, "the refusal") { $0.contains(":quit takes no arguments, got 'now'; type :quit alone to leave") }
        try quit(tmux)
    }

    @Test func schemaAndNow() throws {
        let fixture = try ReplFixture()
        let tmux = try Tmux(name: "now", command: replCommand(fixture, ["--no-history"]))
        defer { tmux.kill() }
        try tmux.waitFor("the first prompt") { promptLine($0) == bare(prompt) }

        try tmux.type(":schema transactions")
        try tmux.press("Enter")
        let schema = try waitForIdlePrompt(tmux, "the collection's fields") { $0.contains("(table fan_transactions)") }
        #expect(schema.screenLines.contains { $0.hasPrefix("  amount ") && $0.hasSuffix(" amount_cents") })

        try tmux.type(":now 2026-08-01T00:00:00Z")
        try tmux.press("Enter")
        try waitForIdlePrompt(tmux, "the new clock") { $0.contains("now is 2026-08-01T00:00:00Z") }
        try tmux.type("fan.last_active_at within 30d")
        try tmux.press("Enter")
        let august: Int64 = 1_785_542_400
        let expected = try fixture.count(where: "f.last_active_at BETWEEN ? AND ?", [.integer(august - 30 * 86_400), .integer(august)])
        try waitForIdlePrompt(tmux, "the count at the new clock") { counts($0) == [expected] }
        try quit(tmux)
    }

    @Test func historyIsPersistedAcrossSessions() throws {
        let fixture = try ReplFixture()
        let history = historyFile(fixture)

        let first = try Tmux(name: "first", command: replCommand(fixture, ["--history", history.path]))
        defer { first.kill() }
        try first.waitFor("the first prompt") { promptLine($0) != nil }
        try first.type("fan.lifetime_spend >= $500")
        try first.press("Enter")
        // Keys typed while a query runs are echoed by the terminal (cooked mode)
        // onto the count's line; wait for the prompt as a person would.
        try waitForIdlePrompt(first, "the first count") { counts($0).count == 1 }
        try first.type("fan.lifecycle_stage in [\"active\",")
        try first.press("Enter")
        try first.type("\"at_risk\"]")
        try first.press("Enter")
        try waitForIdlePrompt(first, "both counts") { counts($0).count == 2 }
        try quit(first)
        #expect(try String(contentsOf: history, encoding: .utf8)
                == "fan.lifetime_spend >= $500\nfan.lifecycle_stage in [\"active\",\\n\"at_risk\"]\n")

        let second = try Tmux(name: "second", command: replCommand(fixture, ["--history", history.path]))
        defer { second.kill() }
        try second.waitFor("the second prompt") { promptLine($0) != nil }
        // Up brings back the multi-line entry whole, on two rows.
        try second.press("Up")
        try second.waitFor("the recalled multi-line entry") {
            $0.screenLines.suffix(2) == [prompt + "fan.lifecycle_stage in [\"active\",", ReplCommand.continuationPrompt + "\"at_risk\"]"]
        }
        // Up again (the cursor is on its first line) goes on to the older entry.
        try second.press("Up")
        try second.waitFor("the older entry, replacing both rows") {
            $0.screenLines.last == prompt + "fan.lifetime_spend >= $500"
        }
        // Down and Down again return to the unsubmitted draft, kept as typed.
        try second.press("Down", "Down")
        try second.type("draft")
        try second.press("Up", "Up", "Down", "Down")
        try second.waitFor("the draft back") { $0.screenLines.last == prompt + "draft" }
        try second.press("C-u", "C-l")
        try second.waitFor("a cleared screen") { $0.screenLines == [bare(prompt)] }
        try quit(second)
    }

    @Test func aKilledReplRestoresTheTerminal() throws {
        let fixture = try ReplFixture()
        let rulec = try RulecBinary.require().path
        // The inner shell prints its pid and becomes rulec, so the test knows whom to signal.
        let options = (fixture.arguments + ["--no-history"]).map { "'\($0)'" }.joined(separator: " ")
        let inner = "sh -c 'echo \"pid $$\"; exec \"$0\" repl \"$@\"' '\(rulec)' \(options)"
        let command = try replCommand(fixture, ["--no-history"])
            .replacingOccurrences(of: "'\(rulec)' 'repl' \(options)", with: inner)
        #expect(command.contains("exec"), "the REPL runs inside the pid-reporting shell")
        let tmux = try Tmux(name: "kill", command: command)
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
