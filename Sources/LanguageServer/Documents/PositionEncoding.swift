import Syntax

/// How a client counts the `character` of an LSP position: UTF-16 code units
/// (the protocol's default, what VS Code uses) or UTF-8 bytes (offered by
/// Neovim and others through `general.positionEncodings`).
public enum PositionEncoding: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    /// The encoding to use given what the client offered: UTF-8 when offered
    /// (no conversion at all: the server's offsets are bytes), else UTF-16.
    public static func negotiate(offered: [String]?) -> PositionEncoding {
        (offered ?? []).contains("utf-8") ? .utf8 : .utf16
    }
}

/// An LSP position: zero-based line and character (in the negotiated encoding).
public struct Position: Hashable, Sendable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) { self.line = line; self.character = character }

    public var json: JSONValue { .object(["line": .int(line), "character": .int(character)]) }

    public init?(_ json: JSONValue?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int, line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }
}

public struct LSPRange: Hashable, Sendable {
    public var start: Position
    public var end: Position
    public init(start: Position, end: Position) { self.start = start; self.end = end }

    public var json: JSONValue { .object(["start": start.json, "end": end.json]) }

    public init?(_ json: JSONValue?) {
        guard let start = Position(json?["start"]), let end = Position(json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }
}

/// Converts between byte offsets (what the compiler's ranges hold) and LSP
/// positions over one text. Line breaks are `\n` (a preceding `\r` belongs to
/// the line's text, as LSP counts it). A character past the end of a line
/// clamps to the line's end, and one inside a multi-unit character snaps to
/// its start, so a client's slightly-off position never lands mid-character.
public struct LineIndex: Sendable {
    public let bytes: [UInt8]
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    /// Over a parsed file, reusing the line starts it already has.
    public init(_ file: SourceFile) {
        self.bytes = file.bytes
        self.lineStarts = file.lineStarts
    }

    /// End of a line's content (before its `\n`).
    private func lineEnd(_ line: Int) -> Int {
        line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
    }

    public func offset(of position: Position, encoding: PositionEncoding) -> Int {
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line], end = lineEnd(position.line)
        var offset = start
        var units = 0
        while offset < end, units < position.character {
            let length = Self.scalarLength(bytes, offset, end)
            let width = encoding == .utf8 ? length : (length == 4 ? 2 : 1)
            if units + width > position.character { break }
            units += width
            offset += length
        }
        return offset
    }

    public func position(of offset: Int, encoding: PositionEncoding) -> Position {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        if encoding == .utf8 { return Position(line: low, character: clamped - start) }
        var units = 0
        var index = start
        while index < clamped {
            let length = Self.scalarLength(bytes, index, bytes.count)
            units += length == 4 ? 2 : 1
            index += length
        }
        return Position(line: low, character: units)
    }

    public func range(start: Int, end: Int, encoding: PositionEncoding) -> LSPRange {
        LSPRange(start: position(of: start, encoding: encoding), end: position(of: end, encoding: encoding))
    }

    /// Bytes of the UTF-8 sequence at `index`; a malformed byte counts as one
    /// (and as one UTF-16 unit: it reaches the client as U+FFFD).
    static func scalarLength(_ bytes: [UInt8], _ index: Int, _ limit: Int) -> Int {
        let lead = bytes[index]
        let expected: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return 1
        }
        guard index + expected <= limit else { return 1 }
        for k in 1..<expected where bytes[index + k] & 0xC0 != 0x80 { return 1 }
        return expected
    }
}
