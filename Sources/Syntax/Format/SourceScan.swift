/// Questions about the whitespace of the original source that the tree does
/// not answer: where blank lines were, whether a comment shares its line with
/// code, where a block's closing brace is.
enum SourceScan {
    private static let newline = UInt8(ascii: "\n")

    private static func isHorizontalSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// Whether `bytes[from..<to]` contains an empty (or whitespace-only) line.
    static func hasBlankLine(in bytes: [UInt8], from: Int, to: Int) -> Bool {
        var newlinesSinceText = 0
        for index in max(0, from)..<max(max(0, from), min(to, bytes.count)) {
            let byte = bytes[index]
            if byte == newline {
                newlinesSinceText += 1
                if newlinesSinceText >= 2 { return true }
            } else if !isHorizontalSpace(byte) {
                newlinesSinceText = 0
            }
        }
        return false
    }

    /// Whether code precedes `offset` on its line (the comment there trails that code).
    static func hasCodeBefore(in bytes: [UInt8], offset: Int) -> Bool {
        var index = min(offset, bytes.count) - 1
        while index >= 0, bytes[index] != newline {
            if !isHorizontalSpace(bytes[index]) { return true }
            index -= 1
        }
        return false
    }

    /// Whether a blank line separates `offset` from the next text after it
    /// (false at the end of the file).
    static func blankLineFollows(in bytes: [UInt8], offset: Int) -> Bool {
        var newlines = 0
        var index = max(0, offset)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == newline { newlines += 1 } else if !isHorizontalSpace(byte) { return newlines >= 2 }
            index += 1
        }
        return false
    }

    /// Whether a blank line separates `offset` from the text before it
    /// (false at the start of the file).
    static func blankLinePrecedes(in bytes: [UInt8], offset: Int) -> Bool {
        var newlines = 0
        var index = min(offset, bytes.count) - 1
        while index >= 0 {
            let byte = bytes[index]
            if byte == newline { newlines += 1 } else if !isHorizontalSpace(byte) { return newlines >= 2 }
            index -= 1
        }
        return false
    }

    /// The offset of the `}` that ends a block whose range ends at `end`; if
    /// the byte before `end` is not a brace (a tree built by hand), `end - 1`
    /// is still the best guess at where the block's last token is.
    static func closingBrace(in bytes: [UInt8], endingAt end: Int) -> Int {
        var index = min(end, bytes.count) - 1
        while index > 0, isHorizontalSpace(bytes[index]) || bytes[index] == newline { index -= 1 }
        return max(0, index)
    }

    /// The offset of the first `}` after `offset`, skipping whitespace, commas
    /// and comments (what may sit between a `with` block's last value and its
    /// brace); `offset` itself if there is none.
    static func closingBrace(in bytes: [UInt8], after offset: Int) -> Int {
        var index = max(0, offset)
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "}"): return index
            case UInt8(ascii: "#"): while index < bytes.count, bytes[index] != newline { index += 1 }
            case UInt8(ascii: ","), newline: index += 1
            case let byte where isHorizontalSpace(byte): index += 1
            default: return offset
            }
        }
        return offset
    }
}
