import Testing
@testable import LanguageServer

/// LSP positions count UTF-16 code units by default and UTF-8 bytes when
/// negotiated; the compiler counts bytes. An emoji (4 bytes, 2 UTF-16 units)
/// and an accented letter (2 bytes, 1 unit) must put the caret in the same place.
@Suite struct PositionTests {
    let text = "let a = 1\nsegment s { fan.tags contains \"é😀\" and x }\n"

    @Test func utf16CountsSurrogatePairsAsTwo() {
        let lines = LineIndex(bytes: Array(text.utf8))
        let line = "segment s { fan.tags contains \"é😀\" and x }"
        let andByte = 10 + line.utf8.distance(from: line.utf8.startIndex, to: line.range(of: "and")!.lowerBound.samePosition(in: line.utf8)!)
        let utf16Column = line.utf16.distance(from: line.utf16.startIndex, to: line.range(of: "and")!.lowerBound.samePosition(in: line.utf16)!)
        #expect(utf16Column == 36)
        #expect(lines.position(of: andByte, encoding: .utf16) == Position(line: 1, character: 36))
        #expect(lines.position(of: andByte, encoding: .utf8) == Position(line: 1, character: 39))
        #expect(lines.offset(of: Position(line: 1, character: 36), encoding: .utf16) == andByte)
        #expect(lines.offset(of: Position(line: 1, character: 39), encoding: .utf8) == andByte)
    }

    @Test func everyBoundaryRoundTrips() {
        let lines = LineIndex(bytes: Array(text.utf8))
        var offset = 0
        for scalar in text.unicodeScalars {
            for encoding in [PositionEncoding.utf16, .utf8] {
                #expect(lines.offset(of: lines.position(of: offset, encoding: encoding), encoding: encoding) == offset)
            }
            offset += String(scalar).utf8.count
        }
    }

    @Test func aPositionInsideACharacterSnapsToItsStartAndPastTheLineClampsToItsEnd() {
        let lines = LineIndex(bytes: Array("😀x\nab".utf8))
        #expect(lines.offset(of: Position(line: 0, character: 1), encoding: .utf16) == 0)
        #expect(lines.offset(of: Position(line: 0, character: 2), encoding: .utf16) == 4)
        #expect(lines.offset(of: Position(line: 0, character: 99), encoding: .utf16) == 5)
        #expect(lines.offset(of: Position(line: 7, character: 0), encoding: .utf16) == 8)
    }

    @Test func utf8IsChosenOnlyWhenOffered() {
        #expect(PositionEncoding.negotiate(offered: nil) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16", "utf-8"]) == .utf8)
    }

    @Test func incrementalChangesApplyInOrderInTheNegotiatedEncoding() throws {
        var document = TextDocument(uri: "file:///x.rules", version: 1, text: "a😀b\nc")
        try document.apply(changes: [
            .object([("range", .range(0, 3, 0, 4)), ("text", .string("BB"))]),  // replaces `b` (after 2 UTF-16 units of 😀)
            .object([("range", .range(1, 0, 1, 0)), ("text", .string("é"))]),
        ], version: 2, encoding: .utf16)
        #expect(document.text == "a😀BB\néc")
        try document.apply(changes: [.object([("range", .range(0, 5, 0, 7)), ("text", .string(""))])], version: 3, encoding: .utf8)
        #expect(document.text == "a😀\néc")
        try document.apply(changes: [.object([("text", .string("whole"))])], version: 4, encoding: .utf8)
        #expect(document.text == "whole")
        #expect(document.version == 4)
    }
}
