import Testing
@testable import Syntax

/// Every lexical error of LANGUAGE.md §2: a diagnostic with a byte range and a
/// clear message, and lexing goes on after it.
@Suite struct LexicalErrorTests {
    private func single(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let diagnostics = lexDiagnostics(text)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))", sourceLocation: sourceLocation)
        return diagnostics.first
    }

    @Test func unterminatedStringEndsAtTheLineAndLexingGoesOn() throws {
        let d = try #require(single("x = \"abc\ny"))
        #expect(d.code == .unterminatedString)
        #expect((d.range.start, d.range.end) == (4, 8))
        #expect(d.fixIts.first?.replacement == "\"")
        #expect(tokenKinds("x = \"abc\ny") == [.identifier, .equal, .stringLiteral, .identifier])
        #expect(single("\"abc")?.code == .unterminatedString)
        #expect(single("\"abc\\")?.code == .unterminatedString)
    }

    @Test func badEscapes() {
        #expect(single(#""\q""#)?.code == .invalidEscape)
        #expect(single(#""\q""#)?.message.contains("\\q") == true)
        #expect(single(#""\u{0}""#)?.code == .invalidEscape)
        #expect(single(#""\u{000}""#)?.code == .invalidEscape)
        #expect(single(#""\u{D800}""#)?.code == .invalidEscape)
        #expect(single(#""\u{110000}""#)?.code == .invalidEscape)
        #expect(single(#""\u{}""#)?.code == .invalidEscape)
        #expect(single(#""\u{1234567}""#)?.code == .invalidEscape)
        #expect(single(#""\u1F600""#)?.code == .invalidEscape)
        #expect(single(#""\u{zz}""#)?.code == .invalidEscape)
        // The rest of the string survives the bad escape.
        let lexed = Lexer.tokenize(SourceFile(id: FileID(0), path: "t", text: #""a\qb""#))
        #expect(lexed.tokens.first?.value == .string("ab"))
    }

    @Test func rawControlCharactersInStrings() {
        let tab = single("\"a\tb\"")
        #expect(tab?.code == .controlCharacterInString)
        #expect(tab?.fixIts.first?.replacement == "\\t")
        #expect(single("\"a\u{1}\u{2}b\"")?.code == .controlCharacterInString)  // one per run
        #expect(single("\"a\u{7F}b\"")?.code == .controlCharacterInString)
        #expect(single("\"a\u{0}b\"")?.code == .nulByte)
    }

    @Test func moneyWithThreeDecimals() {
        let d = single("$19.999")
        #expect(d?.code == .moneyPrecision)
        #expect(tokenKinds("$19.999 x") == [.invalidLiteral, .identifier])
        #expect(single("$")?.code == .malformedMoney)
        #expect(single("$5k")?.code == .invalidLiteralSuffix)
        let spaced = single("$ 5")
        #expect(spaced?.code == .malformedMoney)
        #expect(spaced?.fixIts.first?.replacement == "")
        #expect(codes("let x = $ 5") == ["E0013"])  // the amount is still read: no parser error
    }

    @Test func unknownOrUppercaseDurationUnits() throws {
        let month = try #require(single("3mo"))
        #expect(month.code == .invalidDurationUnit)
        #expect(month.notes.contains { $0.message.contains("30d") })
        let upper = try #require(single("7D"))
        #expect(upper.code == .invalidDurationUnit)
        #expect(upper.fixIts.first?.replacement == "d")
        #expect(single("5ms")?.code == .invalidDurationUnit)
        #expect(single("1_000")?.code == .invalidLiteralSuffix)
        #expect(tokenKinds("3mo 1") == [.invalidLiteral, .intLiteral])
    }

    @Test func fractionalDurations() throws {
        let d = try #require(single("1.5h"))
        #expect(d.code == .fractionalDuration)
        #expect(d.fixIts.first?.replacement == "90m")
        #expect(single("0.5d")?.fixIts.first?.replacement == "12h")
        #expect(single("0.3s")?.fixIts.isEmpty == true)
        // The fix-it keeps the unit written when it divides: `7.0d` is `7d`, not `1w`.
        #expect(single("7.0d")?.fixIts.first?.replacement == "7d")
        #expect(single("14.0d")?.fixIts.first?.replacement == "14d")
        #expect(single("1.0w")?.fixIts.first?.replacement == "1w")
        #expect(single("1.5w")?.fixIts.first?.replacement == "252h")
        #expect(single("2.5x")?.code == .invalidLiteralSuffix)
    }

    @Test func strayCharactersOneDiagnosticPerRun() throws {
        let d = try #require(single("a @@~ b"))
        #expect(d.code == .strayCharacter)
        #expect(d.message.contains("@@~"))
        #expect(tokenKinds("a @@~ b") == [.identifier, .unknown, .identifier])
        #expect(single("a & b")?.fixIts.first?.replacement == "and")
        #expect(single("a | b")?.fixIts.first?.replacement == "or")
        #expect(lexDiagnostics("'x'").first?.message.contains("double quotes") == true)
        #expect(single("café")?.message.contains("U+00E9") == true)
    }

    @Test func invalidUTF8ReportedOncePerRun() {
        let bytes: [UInt8] = Array("a ".utf8) + [0xFF, 0xFE, 0xC0, 0x80] + Array(" b ".utf8) + [0xED, 0xA0, 0x80] + Array(" c".utf8)
        let lexed = Lexer.tokenize(SourceFile(id: FileID(0), path: "t", bytes: bytes))
        #expect(lexed.diagnostics.map(\.code) == [.invalidUTF8, .invalidUTF8])
        #expect(lexed.diagnostics.map(\.range.start) == [2, 9])
        #expect(lexed.tokens.map(\.kind) == [.identifier, .unknown, .identifier, .unknown, .identifier, .endOfFile])
    }

    @Test func invalidUTF8InStringsAndComments() {
        let bytes: [UInt8] = [UInt8(ascii: "\""), 0x61, 0xFF, 0xFF, 0x62, UInt8(ascii: "\""), 0x20, UInt8(ascii: "#"), 0xC3]
        let lexed = Lexer.tokenize(SourceFile(id: FileID(0), path: "t", bytes: bytes))
        #expect(lexed.diagnostics.map(\.code) == [.invalidUTF8, .invalidUTF8])
        #expect(lexed.tokens.first?.value == .string("a\u{FFFD}b"))
        #expect(lexed.comments.count == 1)
    }

    @Test func nulBytes() {
        let bytes: [UInt8] = Array("a".utf8) + [0, 0, 0] + Array("b".utf8)
        let lexed = Lexer.tokenize(SourceFile(id: FileID(0), path: "t", bytes: bytes))
        #expect(lexed.diagnostics.map(\.code) == [.nulByte])
        #expect(lexed.tokens.map(\.kind) == [.identifier, .unknown, .identifier, .endOfFile])
    }

    @Test func clockTimesOutOfRange() {
        #expect(single("at 24:00")?.code == .invalidClockTime)
        #expect(single("at 12:60")?.code == .invalidClockTime)
        #expect(single("at 9:00")?.fixIts.first?.replacement == "09:00")
        #expect(single("at 12:5")?.code == .invalidClockTime)
    }

    @Test func everyLexicalDiagnosticHasARangeInsideTheFile() {
        let text = "\"\\q\" \"\u{1}\" $1.999 3mo 7D 1.5h @ \u{0} at 25:00 \"open"
        let diagnostics = lexDiagnostics(text)
        #expect(diagnostics.count == 10)
        for d in diagnostics {
            #expect(d.range.start <= d.range.end && d.range.end <= text.utf8.count)
            #expect(!d.message.isEmpty)
        }
    }
}
