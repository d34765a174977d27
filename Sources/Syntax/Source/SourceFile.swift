/// Identifies one file of a program; diagnostics and ranges carry it so that a
/// program spread over many files can point into any of them.
public struct FileID: Hashable, Sendable, Comparable {
    public let rawValue: UInt32
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (a: FileID, b: FileID) -> Bool { a.rawValue < b.rawValue }
}

/// The bytes of one `.rules` file. The source is kept as bytes, not a `String`,
/// so that invalid UTF-8 reaches the lexer (which reports it) instead of being
/// silently repaired on load. Line and column are computed only when rendering.
public final class SourceFile: Sendable {
    public let id: FileID
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(id: FileID, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public convenience init(id: FileID, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    /// 1-based line and column of a byte offset; columns count Unicode scalars
    /// (an invalid byte counts as one).
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        var index = lineStart
        while index < clamped {
            index += UTF8Scalar.length(ofSequenceStartingWith: bytes[index], in: bytes, at: index)
            column += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The text of a 1-based line without its newline, invalid bytes replaced.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by a range, invalid bytes replaced.
    public func text(in range: SourceRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

public struct SourceLocation: Hashable, Sendable, Comparable {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

enum UTF8Scalar {
    /// How many bytes the scalar starting at `index` occupies, treating any
    /// malformed sequence as a single byte so that offsets always advance.
    static func length(ofSequenceStartingWith lead: UInt8, in bytes: [UInt8], at index: Int) -> Int {
        let expected: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return 1
        }
        guard index + expected <= bytes.count else { return 1 }
        for k in 1..<expected where bytes[index + k] & 0xC0 != 0x80 { return 1 }
        return expected
    }
}
