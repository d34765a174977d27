import Dispatch
import Foundation
import Syntax

/// Runs a `LanguageServer` over a pair of file descriptors (stdin/stdout for
/// `rulec lsp`). A reader thread frames incoming bytes and hands each message
/// to one serial queue, where the server does all its work; `$/cancelRequest`
/// is noted by the reader at once, so a request still waiting its turn is
/// answered "cancelled" instead of being computed. Diagnostics are debounced:
/// every change restarts a short timer, and only the last one checks.
public final class ServerLoop: @unchecked Sendable {
    private let queue = DispatchQueue(label: "rulec.lsp")
    private let output: FileHandle
    private let outputLock = NSLock()
    private let cancelLock = NSLock()
    private var cancelledIDs: Set<String> = []
    private var diagnosticsGeneration = 0
    private var server: LanguageServer!
    public let debounce: DispatchTimeInterval

    public init(options: LanguageServer.Options, output: FileHandle, debounce: DispatchTimeInterval = .milliseconds(80)) {
        self.output = output
        self.debounce = debounce
        server = LanguageServer(options: options) { [unowned self] message in self.write(message) }
        server.scheduleDiagnostics = { [unowned self] in self.scheduleDiagnostics() }
    }

    private func write(_ message: JSONValue) {
        let bytes = MessageFramer.frame(message.serialized())
        outputLock.lock()
        output.write(Data(bytes))
        outputLock.unlock()
    }

    /// Called on the queue: restarts the debounce timer.
    private func scheduleDiagnostics() {
        diagnosticsGeneration += 1
        let generation = diagnosticsGeneration
        queue.asyncAfter(deadline: .now() + debounce) { [unowned self] in
            guard generation == self.diagnosticsGeneration else { return }
            self.server.publishDiagnostics()
        }
    }

    /// Reads until `exit` or end of input; returns the exit code (0 after
    /// `shutdown` then `exit`, 1 otherwise, as LSP says).
    public func run(input: Int32) -> Int32 {
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            framer.append(buffer[0..<count])
            while let item = framer.next() {
                if let code = handle(item) { return code }
            }
        }
        return queue.sync { server.exitCode ?? 1 }
    }

    /// One framed item; returns an exit code once `exit` was handled.
    private func handle(_ item: MessageFramer.Item) -> Int32? {
        let body: [UInt8]
        switch item {
        case .badHeader(let reason):
            write(RPCError(.invalidRequest, reason).response)
            return nil
        case .body(let bytes):
            body = bytes
        }
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch {
            write(RPCError(.parseError, "invalid JSON: \(error.message) at byte \(error.offset)").response)
            return nil
        }
        let message: RPCMessage
        switch RPCMessage.classify(json) {
        case .failure(let error):
            write(error.response)
            return nil
        case .success(let classified):
            message = classified
        }
        if case .notification("$/cancelRequest", let params) = message, let id = params["id"] {
            cancelLock.lock()
            cancelledIDs.insert(id.serialized())
            cancelLock.unlock()
        }
        let isExit: Bool
        if case .notification("exit", _) = message { isExit = true } else { isExit = false }
        let work: @Sendable () -> Void = { [unowned self] in
            if case .request(let id, _, _) = message {
                cancelLock.lock()
                let wasCancelled = cancelledIDs.remove(id.serialized()) != nil
                cancelLock.unlock()
                if wasCancelled {
                    server.cancelled(id)
                    return
                }
            }
            server.receive(message)
        }
        if isExit {
            return queue.sync { work(); return server.exitCode ?? 1 }
        }
        queue.async(execute: work)
        return nil
    }
}
