import Testing
@testable import RulecCLI

@Suite struct KeyDecoderTests {
    func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    func decode(_ text: String) -> [Key] { decode(Array(text.utf8)) }

    @Test func printableASCIIAndUTF8BecomeCharacters() {
        #expect(decode("a1 ") == [.character("a"), .character("1"), .character(" ")])
        #expect(decode("é世😀") == [.character("é"), .character("世"), .character("😀")])
    }

    @Test func arrowsInBothEncodings() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}[1;5C") == [.right], "Ctrl-Right is still Right")
    }

    @Test func homeAndEndInEveryCommonEncoding() {
        let homes = ["\u{1B}[H", "\u{1B}[1~", "\u{1B}[7~", "\u{1B}OH", "\u{01}"]
        let ends = ["\u{1B}[F", "\u{1B}[4~", "\u{1B}[8~", "\u{1B}OF", "\u{05}"]
        for home in homes { #expect(decode(home) == [.home], "\(Array(home.utf8))") }
        for end in ends { #expect(decode(end) == [.end], "\(Array(end.utf8))") }
    }

    @Test func editingAndControlKeys() {
        #expect(decode([0x7F, 0x08]) == [.backspace, .backspace])
        #expect(decode("\u{1B}[3~") == [.delete])
        #expect(decode([0x03, 0x04, 0x15, 0x0B, 0x0C, 0x09]) ==
                [.interrupt, .endOfInput, .deleteToLineStart, .deleteToLineEnd, .clearScreen, .tab])
    }

    @Test func enterIsCROrLFAndCRLFIsOneEnter() {
        #expect(decode("a\rb\nc\r\nd") == [.character("a"), .enter, .character("b"), .enter, .character("c"), .enter, .character("d")])
        #expect(decode("\r\r") == [.enter, .enter])
    }

    @Test func aSequenceSplitAcrossReadsIsHeldUntilComplete() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.feed(Array("[".utf8)).isEmpty)
        #expect(decoder.feed(Array("Dx".utf8)) == [.left, .character("x")])
        #expect(!decoder.hasPending)
        let euro = Array("€".utf8)
        #expect(decoder.feed(euro[..<2]).isEmpty)
        #expect(decoder.feed(euro[2...]) == [.character("€")])
    }

    @Test func aLoneEscapeIsFlushedAsUnrecognized() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.flush() == [.unrecognized([0x1B])])
        #expect(!decoder.hasPending)
    }

    @Test func unknownSequencesAreConsumedWhole() {
        // F5 (`ESC [ 1 5 ~`) and Alt-x must not leak "15~" or "x" into the text.
        #expect(decode("\u{1B}[15~a") == [.unrecognized(Array("\u{1B}[15~".utf8)), .character("a")])
        #expect(decode("\u{1B}xa") == [.unrecognized([0x1B, 0x78]), .character("a")])
    }

    @Test func malformedUTF8IsSkippedWithoutEatingValidText() {
        #expect(decode([0xFF, 0x61]) == [.unrecognized([0xFF]), .character("a")])
        #expect(decode([0xE4, 0x61]) == [.unrecognized([0xE4]), .character("a")], "truncated sequence")
        #expect(decode([0xC0, 0x80]) == [.unrecognized([0xC0]), .unrecognized([0x80])], "overlong NUL")
        #expect(decode([0xED, 0xA0, 0x80]) == [.unrecognized([0xED, 0xA0, 0x80])], "surrogate")
    }
}
