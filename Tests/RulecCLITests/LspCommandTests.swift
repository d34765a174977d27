import Foundation
import RulecTestSupport
import Testing

/// `rulec lsp` as an editor runs it: a child process on pipes, framed
/// JSON-RPC in and out. Debounced diagnostics arrive on their own; the test
/// waits for them before shutting the server down.
@Suite struct LspCommandTests {
    static func frame(_ body: String) -> Data {
        Data("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    /// Reads framed messages from the server's stdout.
    final class Reader {
        let handle: FileHandle
        var buffer = Data()
        init(_ handle: FileHandle) { self.handle = handle }

        func next() -> [String: Any]? {
            while true {
                if let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
                    let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
                    let length = Int(header.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))!
                    if buffer.distance(from: headerEnd.upperBound, to: buffer.endIndex) >= length {
                        let body = buffer[headerEnd.upperBound..<buffer.index(headerEnd.upperBound, offsetBy: length)]
                        buffer = Data(buffer[buffer.index(headerEnd.upperBound, offsetBy: length)...])
                        return try? JSONSerialization.jsonObject(with: body) as? [String: Any]
                    }
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func theServerAnswersOverPipesAndExitsCleanly() throws {
        let folder = try TemporaryFolder("lsp-process")
        try folder.write("segment whales { fan.lifetime_spend >= $500 }\n", to: "segments.rules")
        let rules = "rule \"R\" {\n  on transaction.tip\n  when fan in whales and fan.lifecycle_stage == \"actve\"\n  then { tag \"x\" }\n}\n"
        try folder.write(rules, to: "rules.rules")
        let process = Process()
        process.executableURL = try RulecBinary.require()
        process.arguments = ["lsp"]
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = folder.url
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let reader = Reader(stdout.fileHandleForReading)
        let root = URL(fileURLWithPath: folder.path).absoluteString
        let uri = URL(fileURLWithPath: folder.path("rules.rules")).absoluteString

        stdin.fileHandleForWriting.write(Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"\#(root)","capabilities":{}}}"#))
        let initialized = try #require(reader.next())
        #expect((initialized["result"] as? [String: Any])?["capabilities"] != nil)
        stdin.fileHandleForWriting.write(Self.frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
        stdin.fileHandleForWriting.write(Self.frame(#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":2,"character":18}}}"#))

        var hover: String?
        var diagnostics: [[String: Any]]?
        while hover == nil || diagnostics == nil, let message = reader.next() {
            if message["id"] as? Int == 2 {
                hover = ((message["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
            }
            if message["method"] as? String == "textDocument/publishDiagnostics",
               let params = message["params"] as? [String: Any], params["uri"] as? String == uri {
                diagnostics = params["diagnostics"] as? [[String: Any]]
            }
        }
        #expect(hover?.contains("**segment** `whales`") == true)
        #expect(diagnostics?.count == 1)
        #expect(diagnostics?.first?["code"] as? String == "E1018")

        stdin.fileHandleForWriting.write(Self.frame(#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#))
        stdin.fileHandleForWriting.write(Self.frame(#"{"jsonrpc":"2.0","method":"exit"}"#))
        while let message = reader.next(), message["id"] as? Int != 3 {}
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
