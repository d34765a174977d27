import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI

/// The editor driven through pipes: `.terminal` forced on a pipe runs the whole
/// editing path (decoder, keys, history, redraw) without a terminal; raw mode
/// is skipped because a pipe has none.
@Suite struct LineEditorTests {
    /// Feeds `input` (then end of input) to an editor and collects every entry until `.endOfInput`.
    func entries(typing input: String, source: InputSource = .terminal,
                 continuation: @escaping (String) -> Bool = Continuation.bracketsOpen) throws -> (entries: [Entry], output: String) {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let written = Array(input.utf8).withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        try #require(written == input.utf8.count)
        close(fds[1])
        defer { close(fds[0]) }

        let folder = try TemporaryFolder("editor")
        let outputURL = folder.url.appendingPathComponent("output")
        try #require(FileManager.default.createFile(atPath: outputURL.path, contents: nil))
        let output = try FileHandle(forWritingTo: outputURL)

        let editor = try LineEditor(input: fds[0], output: output.fileDescriptor, source: source, environment: [:])
        var result: [Entry] = []
        while result.count < 50 {
            let entry = editor.readEntry(prompt: "p> ", continuationPrompt: ".> ", needsContinuation: continuation)
            result.append(entry)
            if entry == .endOfInput { break }
        }
        try output.close()
        return (result, try String(contentsOf: outputURL, encoding: .utf8))
    }

    let left = "\u{1B}[D", right = "\u{1B}[C", up = "\u{1B}[A", down = "\u{1B}[B"
    let home = "\u{1B}[H", end = "\u{1B}[F", backspace = "\u{7F}", delete = "\u{1B}[3~"

    @Test func editsWithArrowsHomeEndBackspaceAndDelete() throws {
        let typed = "helo wrld" + left + left + left + "o" + home + "say " + end + "!!" + backspace
            + home + delete + "S" + "\r"
        #expect(try entries(typing: typed).entries == [.line("Say helo world!"), .endOfInput])
    }

    @Test func killsAndCtrlDDeleteForwardInsideAnEntry() throws {
        let typed = "abc def" + left + left + left + "\u{0B}" + "\r"  // Ctrl-K
            + "abc def" + left + left + left + "\u{15}" + "\r"        // Ctrl-U
            + "xy" + "\u{01}" + "\u{04}" + "\r"                       // Ctrl-A, Ctrl-D
        #expect(try entries(typing: typed).entries == [.line("abc "), .line("def"), .line("y"), .endOfInput])
    }

    @Test func upRecallsAndDownReturnsToTheUnsubmittedDraft() throws {
        let typed = "one\r" + "two\r" + up + up + "\r"   // recalls "one"
            + "dra" + up + down + "ft\r"                 // the draft survives a look at history
            + up + up + backspace + "X" + down + down + up + up + "\r"  // edits to a recalled entry stay while browsing
        #expect(try entries(typing: typed).entries ==
                [.line("one"), .line("two"), .line("one"), .line("draft"), .line("onX"), .endOfInput])
    }

    @Test func openBracketsMakeEnterContinueTheEntry() throws {
        let result = try entries(typing: "f(1,\r2)\r")
        #expect(result.entries == [.line("f(1,\n2)"), .endOfInput])
        #expect(result.output.contains("p> f(1,\r\n.> 2)"))
    }

    @Test func upMovesWithinAMultiLineEntryThenToTheOlderEntry() throws {
        // History: "old", "f(1,\n2)". Up recalls the multi-line entry with the
        // cursor on its first line; the next Up goes on to "old".
        let typed = "old\r" + "f(1,\r2)\r" + up + up + "\r"
            + up + up + "\u{05}" + "3" + "\r"  // past "old" to the multi-line entry; Ctrl-E stays on line 1
        #expect(try entries(typing: typed).entries ==
                [.line("old"), .line("f(1,\n2)"), .line("old"), .line("f(1,3\n2)"), .endOfInput])
    }

    @Test func ctrlCCancelsTheEntryAndCtrlDOnAnEmptyOneEnds() throws {
        let result = try entries(typing: "junk\u{03}" + "ok\r" + "\u{04}" + "never\r")
        #expect(result.entries == [.interrupted, .line("ok"), .endOfInput])
        #expect(result.output.contains("p> junk") && result.output.contains("^C\r\n"))
    }

    @Test func endOfInputSubmitsWhatWasTypedThenEnds() throws {
        #expect(try entries(typing: "partial").entries == [.line("partial"), .endOfInput])
        #expect(try entries(typing: "\u{1B}").entries == [.endOfInput], "a lone Escape types nothing")
    }

    @Test func pastedLinesArriveAsSeparateEntries() throws {
        #expect(try entries(typing: "a\r\nb\r\n").entries == [.line("a"), .line("b"), .endOfInput])
    }

    @Test func utf8InputIsKeptIntact() throws {
        let typed = "世界 wörld 😀" + left + backspace + "\r"
        #expect(try entries(typing: typed).entries == [.line("世界 wörld😀"), .endOfInput])
    }

    @Test func pipedInputReadsLinesWithContinuationAndWritesNothing() throws {
        let result = try entries(typing: "a\n\nf(1,\n  [2])\r\nlast (unclosed", source: .piped)
        #expect(result.entries == [.line("a"), .line(""), .line("f(1,\n  [2])"), .line("last (unclosed"), .endOfInput])
        #expect(result.output.isEmpty)
    }

    @Test func theContinuationTestIsTheCallersChoice() throws {
        let untilSemicolon: (String) -> Bool = { !$0.hasSuffix(";") }
        #expect(try entries(typing: "a\rb;\r", continuation: untilSemicolon).entries.first == .line("a\nb;"))
    }

    @Test func submittedEntriesAreSavedToTheHistoryFile() throws {
        let folder = try TemporaryFolder("editor-history")
        let url = folder.url.appendingPathComponent("history")
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let input = "x(\r1)\r\r"
        _ = Array(input.utf8).withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let editor = try LineEditor(input: fds[0], output: devNull, source: .terminal, historyFile: url, environment: [:])
        #expect(editor.readEntry(prompt: "> ", continuationPrompt: ". ") == .line("x(\n1)"))
        #expect(editor.readEntry(prompt: "> ", continuationPrompt: ". ") == .line(""))
        #expect(try History.load(from: url).entries == ["x(\n1)"], "blank entries are not recorded")
    }
}
