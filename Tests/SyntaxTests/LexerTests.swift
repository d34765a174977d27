import Testing
@testable import Syntax

@Suite struct LexerTests {
    private func tokens(_ text: String) -> [Token] {
        Array(Lexer.tokenize(SourceFile(id: FileID(0), path: "t", text: text)).tokens.dropLast())
    }

    @Test func wordsKeywordsAndPunctuation() {
        #expect(tokenKinds("let x = fan.note") == [.keyword(.let), .identifier, .equal, .keyword(.fan), .dot, .keyword(.note)])
        #expect(tokenKinds("( ) { } [ ] , : . + - * / %") == [
            .leftParen, .rightParen, .leftBrace, .rightBrace, .leftBracket, .rightBracket,
            .comma, .colon, .dot, .plus, .minus, .star, .slash, .percent,
        ])
        #expect(tokenKinds("== != < <= > >= = && || !") == [
            .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .equal,
            .ampersandAmpersand, .pipePipe, .bang,
        ])
    }

    @Test func everyKeywordIsRecognizedAndNothingElse() {
        for keyword in Keyword.allCases {
            #expect(tokenKinds(keyword.rawValue) == [.keyword(keyword)])
            #expect(tokenKinds(keyword.rawValue + "s_") == [.identifier])
        }
        #expect(tokenKinds("Segment count lower") == [.identifier, .identifier, .identifier])
    }

    @Test func rangesAreByteOffsets() {
        let lexed = tokens("é = \"ü\"")  // é is two bytes (and a stray character)
        #expect(lexed.map(\.start) == [0, 3, 5])
        #expect(lexed.map(\.end) == [2, 4, 9])
    }

    @Test func integerAndNumberValues() {
        let lexed = tokens("42 0.75 007 18446744073709551615 18446744073709551616")
        #expect(lexed.map(\.value) == [
            .int(magnitude: 42), .number(0.75), .int(magnitude: 7),
            .int(magnitude: UInt64.max), .int(magnitude: nil),
        ])
    }

    @Test func aNumberNeedsDigitsOnBothSidesOfThePoint() {
        #expect(tokenKinds("1.") == [.intLiteral, .dot])
        #expect(tokenKinds(".5") == [.dot, .intLiteral])
        #expect(tokenKinds("1.x") == [.intLiteral, .dot, .identifier])
    }

    @Test func moneyIsParsedFromTheTextIntoCents() {
        let lexed = tokens("$20 $19.99 $19.9 $0.01 $92233720368547758.07")
        #expect(lexed.map(\.kind) == Array(repeating: .moneyLiteral, count: 5))
        #expect(lexed.map(\.value) == [
            .money(magnitude: 2000), .money(magnitude: 1999), .money(magnitude: 1990),
            .money(magnitude: 1), .money(magnitude: UInt64(Int64.max)),
        ])
        // 0.1 + 0.2 style drift cannot happen: every amount is exact.
        #expect(tokens("$1234567.89").first?.value == .money(magnitude: 123_456_789))
    }

    @Test func durationsAreSeconds() {
        let lexed = tokens("45s 30m 12h 7d 2w")
        #expect(lexed.map(\.kind) == Array(repeating: .durationLiteral, count: 5))
        #expect(lexed.map(\.value) == [
            .duration(magnitude: 45), .duration(magnitude: 1_800), .duration(magnitude: 43_200),
            .duration(magnitude: 604_800), .duration(magnitude: 1_209_600),
        ])
        #expect(tokens("99999999999999999w").first?.value == .duration(magnitude: nil))
    }

    @Test func clockTimesOnlyAfterAt() {
        let lexed = tokens("at 09:00 at 23:59")
        #expect(lexed.map(\.kind) == [.keyword(.at), .clockLiteral, .keyword(.at), .clockLiteral])
        #expect(lexed[1].value == .clock(ClockTime(hour: 9, minute: 0)))
        #expect(lexed[3].value == .clock(ClockTime(hour: 23, minute: 59)))
        #expect(tokenKinds("x 09:00") == [.identifier, .intLiteral, .colon, .intLiteral])
        #expect(tokenKinds("at # comment\n 10:30") == [.keyword(.at), .clockLiteral])
    }

    @Test func stringEscapes() {
        let lexed = tokens(#""a\"b\\c\nd\te\u{1F600}\u{e9}""#)
        #expect(lexed.count == 1)
        #expect(lexed[0].value == .string("a\"b\\c\nd\te😀é"))
        #expect(tokens(#""plain""#)[0].value == .string("plain"))
        #expect(tokens(#""""#)[0].value == .string(""))
        #expect(tokens("\"naïve 😀\"")[0].value == .string("naïve 😀"))
    }

    @Test func commentsAreKeptWithoutTheHashOrNewline() {
        let lexed = Lexer.tokenize(SourceFile(id: FileID(0), path: "t", text: "a # one\r\n# two\nb #"))
        #expect(lexed.tokens.map(\.kind) == [.identifier, .identifier, .endOfFile])
        #expect(lexed.comments.map(\.text) == [" one", " two", ""])
        #expect(lexed.comments.map(\.range.start) == [2, 9, 17])
        #expect(lexed.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() {
        let file = SourceFile(id: FileID(0), path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("let".utf8))
        let lexed = Lexer.tokenize(file)
        #expect(lexed.tokens.map(\.kind) == [.keyword(.let), .endOfFile])
        #expect(lexed.diagnostics.isEmpty)
    }

    @Test func endOfFileIsStable() {
        var lexer = Lexer(file: SourceFile(id: FileID(0), path: "t", text: "x"))
        _ = lexer.next()
        #expect(lexer.next().kind == .endOfFile)
        #expect(lexer.next().kind == .endOfFile)
    }
}
