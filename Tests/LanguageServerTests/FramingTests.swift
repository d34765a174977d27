import Testing
@testable import LanguageServer

@Suite struct FramingTests {
    @Test func cutsMessagesArrivingInPieces() {
        var framer = MessageFramer()
        let wire = MessageFramer.frame(#"{"a":1}"#) + MessageFramer.frame(#"{"b":"é"}"#)
        for byte in wire.prefix(10) { framer.append([byte]) }
        #expect(framer.next() == nil)
        framer.append(wire.dropFirst(10))
        #expect(framer.next() == .body(Array(#"{"a":1}"#.utf8)))
        #expect(framer.next() == .body(Array(#"{"b":"é"}"#.utf8)))
        #expect(framer.next() == nil)
    }

    @Test func contentLengthCountsBytesNotCharacters() {
        #expect(MessageFramer.frame("\"é😀\"") == Array("Content-Length: 8\r\n\r\n\"é😀\"".utf8))
    }

    @Test func acceptsContentTypeAndAnyHeaderCase() {
        var framer = MessageFramer()
        framer.append(Array("content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:  2\r\n\r\n{}".utf8))
        #expect(framer.next() == .body(Array("{}".utf8)))
    }

    @Test func aHeaderWithoutLengthIsReportedAndSkipped() {
        var framer = MessageFramer()
        framer.append(Array("Content-Type: x\r\n\r\n".utf8) + MessageFramer.frame("{}"))
        #expect(framer.next() == .badHeader("missing or invalid Content-Length header"))
        #expect(framer.next() == .body(Array("{}".utf8)))
    }
}
