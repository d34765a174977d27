import Foundation
import RulecTestSupport
import Syntax
@testable import LanguageServer

/// A language server over a temporary workspace folder, driven message by
/// message as an editor would, with everything it sends collected.
final class ServerHarness {
    let folder: TemporaryFolder
    let server: LanguageServer
    private var nextID = 1

    init(files: [String: String], encodings: [String]? = nil, options: LanguageServer.Options = .init(),
         label: String = "lsp") throws {
        folder = try TemporaryFolder(label)
        for (name, text) in files { try folder.write(text, to: name) }
        let sink = Sink()
        server = LanguageServer(options: options) { sink.messages.append($0) }
        self.sink = sink
        var capabilities: [(String, JSONValue)] = []
        if let encodings {
            capabilities.append(("general", .object([("positionEncodings", .array(encodings.map(JSONValue.string)))])))
        }
        _ = request("initialize", .object([("rootUri", .string(uri(""))), ("capabilities", .object(capabilities))]))
        notify("initialized", .object([]))
    }

    private final class Sink { var messages: [JSONValue] = [] }
    private let sink: Sink

    func uri(_ name: String) -> String { FileURI.uri(of: folder.path(name)) }

    /// Sends a request and returns the response message (result or error).
    @discardableResult
    func request(_ method: String, _ params: JSONValue) -> JSONValue {
        let id = nextID
        nextID += 1
        server.receive(.request(id: .int(id), method: method, params: params))
        return sink.messages.last { $0["id"] == .int(id) } ?? .null
    }

    func notify(_ method: String, _ params: JSONValue) {
        server.receive(.notification(method: method, params: params))
    }

    func open(_ name: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(uri(name))), ("languageId", .string("rules")), ("version", .int(version)), ("text", .string(text)),
        ]))]))
    }

    func change(_ name: String, version: Int, _ changes: [JSONValue]) {
        notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(uri(name))), ("version", .int(version))])),
            ("contentChanges", .array(changes)),
        ]))
    }

    /// Runs the (otherwise debounced) check now; returns the diagnostics last published per file name.
    func diagnostics() -> [String: [JSONValue]] {
        server.publishDiagnostics()
        var result: [String: [JSONValue]] = [:]
        for message in sink.messages where message["method"]?.string == "textDocument/publishDiagnostics" {
            let uri = message["params"]?["uri"]?.string ?? ""
            let name = String(uri.dropFirst(self.uri("").count).drop { $0 == "/" })
            result[name] = message["params"]?["diagnostics"]?.array ?? []
        }
        return result
    }

    func at(_ name: String, _ line: Int, _ character: Int) -> JSONValue {
        .object([("textDocument", .object([("uri", .string(uri(name)))])),
                 ("position", .object([("line", .int(line)), ("character", .int(character))]))])
    }

    func document(_ name: String) -> JSONValue { .object([("textDocument", .object([("uri", .string(uri(name)))]))]) }

    var messages: [JSONValue] { sink.messages }
}

extension JSONValue {
    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSONValue {
        .object([("start", .object([("line", .int(l1)), ("character", .int(c1))])),
                 ("end", .object([("line", .int(l2)), ("character", .int(c2))]))])
    }

    var labels: [String] { (self["items"]?.array ?? []).compactMap { $0["label"]?.string } }
}
