import Syntax

/// One document the editor has open: its text as the editor sees it, which
/// wins over the file on disk until the editor closes it.
public struct TextDocument: Sendable {
    public var uri: String
    public var version: Int
    public private(set) var lines: LineIndex

    public var bytes: [UInt8] { lines.bytes }
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        self.lines = LineIndex(bytes: Array(text.utf8))
    }

    /// Applies `contentChanges` of `textDocument/didChange` in order: an entry
    /// with a `range` replaces that range (incremental sync), one without
    /// replaces the whole text (full sync). Each range is read against the
    /// text as the previous entry left it, as the protocol says.
    public mutating func apply(changes: [JSONValue], version: Int, encoding: PositionEncoding) throws(RPCError) {
        for change in changes {
            guard let text = change["text"]?.string else { throw RPCError(.invalidParams, "a content change needs \"text\"") }
            if let rangeJSON = change["range"] {
                guard let range = LSPRange(rangeJSON) else { throw RPCError(.invalidParams, "invalid range in a content change") }
                let start = lines.offset(of: range.start, encoding: encoding)
                let end = max(start, lines.offset(of: range.end, encoding: encoding))
                var bytes = lines.bytes
                bytes.replaceSubrange(start..<end, with: Array(text.utf8))
                lines = LineIndex(bytes: bytes)
            } else {
                lines = LineIndex(bytes: Array(text.utf8))
            }
        }
        self.version = version
    }
}
