import Foundation
import Semantics
import Syntax

/// The language server's state and its answer to each message. Single-threaded
/// by design: `ServerLoop` calls `receive` and `publishDiagnostics` on one
/// serial queue, so no request sees a half-applied change. Messages go out
/// through `send`; diagnostics are asked for through `scheduleDiagnostics`,
/// which the loop debounces and tests call directly.
public final class LanguageServer {
    public struct Options: Sendable {
        /// `--db` / `RULEC_DB` and `--user` / `RULEC_USER`, already resolved.
        public var storePath: String?
        public var userID: String?
        public init(storePath: String? = nil, userID: String? = nil) {
            self.storePath = storePath
            self.userID = userID
        }
    }

    enum State { case uninitialized, running, shutDown }

    private let send: (JSONValue) -> Void
    private let options: Options
    var state = State.uninitialized
    public private(set) var encoding = PositionEncoding.utf16
    public private(set) var workspace = Workspace(root: nil)
    private(set) var store: StoreFacts?
    /// What was last published per document, so unchanged lists are not resent.
    private var published: [String: JSONValue] = [:]
    /// Called after a change; the loop coalesces calls into one analysis.
    public var scheduleDiagnostics: () -> Void = {}
    /// Set by `exit`: the process's exit code.
    public private(set) var exitCode: Int32?

    public init(options: Options = Options(), send: @escaping (JSONValue) -> Void) {
        self.options = options
        self.send = send
    }

    // MARK: Dispatch

    public func receive(_ message: RPCMessage) {
        switch message {
        case .request(let id, let method, let params):
            do {
                let result = try respond(to: method, params: params)
                send(.object(["jsonrpc": .string("2.0"), "id": id, "result": result]))
            } catch var error {
                error.id = id
                send(error.response)
            }
        case .notification(let method, let params):
            do { try handleNotification(method, params: params) } catch {
                log("\(method): \(error.message)", type: 1)
            }
        case .response:
            break
        }
    }

    /// A request that was cancelled before its turn came.
    public func cancelled(_ id: JSONValue) {
        send(RPCError(.requestCancelled, "request cancelled", id: id).response)
    }

    private func respond(to method: String, params: JSONValue) throws(RPCError) -> JSONValue {
        switch state {
        case .uninitialized where method != "initialize":
            throw RPCError(.serverNotInitialized, "the server is not initialized yet")
        case .running where method == "initialize":
            throw RPCError(.invalidRequest, "initialize was already received")
        case .shutDown:
            throw RPCError(.invalidRequest, "the server is shutting down; only exit is accepted")
        default: break
        }
        switch method {
        case "initialize": return initialize(params)
        case "shutdown":
            state = .shutDown
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/references": return try references(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "textDocument/formatting": return try formatting(params, range: nil)
        case "textDocument/rangeFormatting":
            guard let range = LSPRange(params["range"]) else { throw RPCError(.invalidParams, "rangeFormatting needs a range") }
            return try formatting(params, range: range)
        case "textDocument/codeAction": return try codeActions(params)
        default:
            throw RPCError(.methodNotFound, "unknown method \(method)")
        }
    }

    private func handleNotification(_ method: String, params: JSONValue) throws(RPCError) {
        if method == "exit" {
            exitCode = state == .shutDown ? 0 : 1
            return
        }
        guard state == .running else { return }  // notifications before initialize are dropped, as LSP says
        switch method {
        case "initialized":
            scheduleDiagnostics()  // the whole folder is checked at once, so problems show before any file is opened
        case "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration": break
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
                throw RPCError(.invalidParams, "didOpen needs textDocument.uri and .text")
            }
            workspace.open(TextDocument(uri: uri, version: item["version"]?.int ?? 0, text: text))
            scheduleDiagnostics()
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string, let changes = params["contentChanges"]?.array else {
                throw RPCError(.invalidParams, "didChange needs textDocument.uri and contentChanges")
            }
            let version = params["textDocument"]?["version"]?.int ?? 0
            let encoding = self.encoding
            try workspace.update(uri) { (document: inout TextDocument) throws(RPCError) in
                try document.apply(changes: changes, version: version, encoding: encoding)
            }
            scheduleDiagnostics()
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string else { throw RPCError(.invalidParams, "didClose needs a uri") }
            workspace.close(uri)
            scheduleDiagnostics()
        case "textDocument/didSave":
            break
        case "workspace/didChangeWatchedFiles":
            for change in params["changes"]?.array ?? [] {
                if let path = change["uri"]?.string.flatMap(FileURI.path(of:)) { workspace.refreshFile(path) }
            }
            scheduleDiagnostics()
        default:
            break  // unknown notifications are ignored (`$/…` ones must be)
        }
    }

    // MARK: Lifecycle

    private func initialize(_ params: JSONValue) -> JSONValue {
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.array?.compactMap(\.string)
        encoding = PositionEncoding.negotiate(offered: offered)
        let root = params["workspaceFolders"]?[0]?["uri"]?.string.flatMap(FileURI.path(of:))
            ?? params["rootUri"]?.string.flatMap(FileURI.path(of:))
            ?? params["rootPath"]?.string
        workspace = Workspace(root: root)
        if let path = options.storePath, let user = options.userID {
            let facts = StoreFacts(path: path, userID: user)
            if let problem = facts.openError { log(problem, type: 1) } else { store = facts }
            workspace.setCheckOptions(CheckOptions(templates: store?.templates()))
        }
        state = .running
        return .object([
            "capabilities": .object([
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": .object([
                    "openClose": .bool(true), "change": .int(2),
                    "save": .object(["includeText": .bool(false)]),
                ]),
                "hoverProvider": .bool(true),
                "completionProvider": .object([
                    "triggerCharacters": .array([".", "\"", " "].map(JSONValue.string)),
                ]),
                "definitionProvider": .bool(true),
                "referencesProvider": .bool(true),
                "documentSymbolProvider": .bool(true),
                "documentFormattingProvider": .bool(true),
                "documentRangeFormattingProvider": .bool(true),
                "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
            ]),
            "serverInfo": .object(["name": .string("rulec"), "version": .string("1")]),
        ])
    }

    // MARK: Diagnostics

    /// Checks the workspace and publishes each file's diagnostics (an empty
    /// list clears a file that had some).
    public func publishDiagnostics() {
        guard state == .running else { return }
        let analysis = workspace.analyze()
        var byURI: [String: [JSONValue]] = [:]
        for uri in analysis.uris { byURI[uri] = [] }
        for diagnostic in analysis.diagnostics {
            guard let uri = analysis.uri(diagnostic.range.file) else { continue }
            byURI[uri, default: []].append(DiagnosticConversion.json(diagnostic, in: analysis, encoding: encoding))
        }
        for uri in published.keys where byURI[uri] == nil { byURI[uri] = [] }
        for uri in byURI.keys.sorted() {
            let version = workspace.documents[uri]?.version
            let list = JSONValue.array(byURI[uri]!)
            if published[uri] == list { continue }
            published[uri] = list
            send(.object(["jsonrpc": .string("2.0"), "method": .string("textDocument/publishDiagnostics"),
                          "params": .object(["uri": .string(uri), "version": version.map(JSONValue.int), "diagnostics": list])]))
        }
    }

    // MARK: Helpers for features

    func log(_ message: String, type: Int = 3) {
        send(.object(["jsonrpc": .string("2.0"), "method": .string("window/logMessage"),
                      "params": .object(["type": .int(type), "message": .string(message)])]))
    }

    /// The analysed file behind `params.textDocument.uri` and the byte offset of `params.position`.
    func locate(_ params: JSONValue, needsPosition: Bool = true) throws(RPCError) -> Located {
        guard let uri = params["textDocument"]?["uri"]?.string else { throw RPCError(.invalidParams, "missing textDocument.uri") }
        let analysis = workspace.analyze()
        guard let index = analysis.fileIndex(ofURI: uri) else { throw RPCError(.invalidParams, "\(uri) is not a .rules file of the workspace") }
        let syntax = analysis.parsed[index].syntax
        let lines = LineIndex(syntax.file)
        var offset = 0
        if needsPosition {
            guard let position = Position(params["position"]) else { throw RPCError(.invalidParams, "missing position") }
            offset = lines.offset(of: position, encoding: encoding)
        }
        return Located(uri: uri, analysis: analysis, syntax: syntax, lines: lines, offset: offset, encoding: encoding, store: store)
    }
}

/// A request's document and position, resolved against the current analysis.
struct Located {
    var uri: String
    var analysis: Analysis
    var syntax: FileSyntax
    var lines: LineIndex
    var offset: Int
    var encoding: PositionEncoding
    var store: StoreFacts?

    var file: SourceFile { syntax.file }

    func range(_ range: SourceRange) -> LSPRange { lines.range(start: range.start, end: range.end, encoding: encoding) }

    /// A location in any file of the workspace.
    func location(_ range: SourceRange) -> JSONValue? {
        guard let uri = analysis.uri(range.file), let file = analysis.file(range.file) else { return nil }
        let lines = range.file == self.file.id ? self.lines : LineIndex(file)
        return .object(["uri": .string(uri), "range": lines.range(start: range.start, end: range.end, encoding: encoding).json])
    }
}
