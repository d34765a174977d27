import Foundation
import Syntax
import Testing
@testable import LanguageServer

@Suite struct JSONRPCTests {
    @Test func parsesAndPrintsJSON() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5, true, null, "x\"\u00e9\ud83d\ude00\n"], "b": {}}"#)
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[1] == .number(-2.5))
        #expect(value["a"]?[2] == .bool(true))
        #expect(value["a"]?[4]?.string == "x\"é😀\n")
        #expect(value.serialized() == #"{"a":[1,-2.5,true,null,"x\"é😀\n"],"b":{}}"#)
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"a\":}") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[1] 2") }
    }

    @Test func classifiesMessages() {
        guard case .success(.request(.int(3), "x", _)) = RPCMessage.classify(try! JSONParser.parse(#"{"jsonrpc":"2.0","id":3,"method":"x"}"#)) else {
            Issue.record("a request"); return
        }
        guard case .success(.notification("y", _)) = RPCMessage.classify(try! JSONParser.parse(#"{"jsonrpc":"2.0","method":"y"}"#)) else {
            Issue.record("a notification"); return
        }
        guard case .failure(let error) = RPCMessage.classify(try! JSONParser.parse(#"{"jsonrpc":"2.0","id":4}"#)) else {
            Issue.record("no method"); return
        }
        #expect(error.code == .invalidRequest)
        #expect(error.id == .int(4))
        guard case .failure(let other) = RPCMessage.classify(.array([])) else { Issue.record("an array"); return }
        #expect(other.code == .invalidRequest)
    }

    /// The loop over real pipes: a malformed body gets -32700, a message that
    /// is JSON but not a request gets -32600, and the server keeps answering;
    /// shutdown then exit ends with 0.
    @Test func malformedMessagesGetErrorsAndTheServerKeepsRunning() throws {
        let input = Pipe(), output = Pipe()
        var wire: [UInt8] = []
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":2,"method":"#)
        wire += MessageFramer.frame(#"[1,2]"#)
        wire += Array("Content-Type: x\r\n\r\n".utf8)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":3,"method":"no/such"}"#)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        input.fileHandleForWriting.write(Data(wire))
        try input.fileHandleForWriting.close()
        let loop = ServerLoop(options: .init(), output: output.fileHandleForWriting)
        let code = loop.run(input: input.fileHandleForReading.fileDescriptor)
        try output.fileHandleForWriting.close()
        #expect(code == 0)
        var framer = MessageFramer()
        framer.append(output.fileHandleForReading.readDataToEndOfFile())
        var replies: [JSONValue] = []
        while case .body(let body)? = framer.next() { replies.append(try JSONParser.parse(body)) }
        let errors = replies.compactMap { $0["error"]?["code"]?.int }
        #expect(errors.sorted() == [-32700, -32601, -32600, -32600].sorted())
        let parseError = replies.first { $0["error"]?["code"]?.int == -32700 }
        #expect(parseError?["error"]?["message"]?.string == "invalid JSON: unexpected end of input at byte 33")
        #expect(replies.contains { $0["id"] == .int(1) && $0["result"]?["capabilities"] != nil })
        #expect(replies.contains { $0["id"] == .int(4) && $0["result"] == .null })
    }

    @Test func exitWithoutShutdownIsCode1AndRequestsBeforeInitializeAreRefused() {
        var sent: [JSONValue] = []
        let server = LanguageServer { sent.append($0) }
        server.receive(.request(id: .int(1), method: "textDocument/hover", params: .null))
        #expect(sent.last?["error"]?["code"]?.int == -32002)
        server.receive(.notification(method: "exit", params: .null))
        #expect(server.exitCode == 1)
    }

    @Test func aCancelledRequestIsAnsweredCancelled() throws {
        let input = Pipe(), output = Pipe()
        var wire: [UInt8] = []
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        // The cancel is read before the request's turn on the queue comes only if it
        // arrives first; a client may cancel anything it sent, so send it first.
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}"#)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#)
        wire += MessageFramer.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        input.fileHandleForWriting.write(Data(wire))
        try input.fileHandleForWriting.close()
        let code = ServerLoop(options: .init(), output: output.fileHandleForWriting).run(input: input.fileHandleForReading.fileDescriptor)
        try output.fileHandleForWriting.close()
        #expect(code == 1, "the cancelled shutdown never ran, so exit is abnormal")
        var framer = MessageFramer()
        framer.append(output.fileHandleForReading.readDataToEndOfFile())
        var replies: [JSONValue] = []
        while case .body(let body)? = framer.next() { replies.append(try JSONParser.parse(body)) }
        #expect(replies.contains { $0["id"] == .int(7) && $0["error"]?["code"]?.int == -32800 })
    }
}
