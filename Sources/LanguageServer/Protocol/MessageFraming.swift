/// LSP's base protocol: each message is a header block (`Content-Length: N`,
/// optionally `Content-Type`, lines ending in CRLF, a blank line) and then
/// exactly N bytes of JSON. `MessageFramer` cuts a byte stream into bodies as
/// bytes arrive, in whatever chunks the pipe delivers them.
public struct MessageFramer: Sendable {
    /// One framed item: a body, or a header block the server cannot use
    /// (answered with -32600 and skipped; the stream stays usable).
    public enum Item: Equatable, Sendable {
        case body([UInt8])
        case badHeader(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    /// Appends bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 65_536, start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete item, or nil when more bytes are needed.
    public mutating func next() -> Item? {
        guard let headerEnd = findHeaderEnd() else { return nil }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces.lowercased()
            if name == "content-length" { length = Int(line[line.index(after: colon)...].trimmingSpaces) }
        }
        let bodyStart = headerEnd + 4
        guard let length, length >= 0 else {
            start = bodyStart
            return .badHeader("missing or invalid Content-Length header")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return .body(body)
    }

    /// Index of the `\r\n\r\n` that ends the header block at `start`.
    private func findHeaderEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    /// A message as bytes on the wire.
    public static func frame(_ body: String) -> [UInt8] {
        let payload = Array(body.utf8)
        return Array("Content-Length: \(payload.count)\r\n\r\n".utf8) + payload
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
