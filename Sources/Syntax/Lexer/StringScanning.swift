/// String literals: `"..."` on one line, with escapes `\" \\ \n \t \u{X}`.
/// Errors inside a string (bad escape, raw control character, invalid UTF-8)
/// are reported and the string goes on, so one typo gives one diagnostic; a
/// string that reaches the end of its line is unterminated and ends there.
extension Lexer {
    mutating func scanString() -> Token {
        let start = position
        position += 1  // opening quote
        var decoded: [UInt8] = []
        var chunkStart = position
        var usedBuffer = false

        func flush(_ lexer: Lexer, upTo end: Int) {
            decoded.append(contentsOf: lexer.bytes[chunkStart..<end])
        }

        while true {
            guard position < bytes.count, !isEndOfLine(at: position) else {
                report(.unterminatedString, "unterminated string: add a closing `\"`", start, position,
                       fixIts: [FixIt(range: range(position, position), replacement: "\"", message: "close the string")])
                flush(self, upTo: position)
                return Token(kind: .stringLiteral, start: start, end: position, value: .string(String(decoding: decoded, as: UTF8.self)))
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let contentEnd = position
                position += 1
                let text: String
                if usedBuffer {
                    flush(self, upTo: contentEnd)
                    text = String(decoding: decoded, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[(start + 1)..<contentEnd], as: UTF8.self)
                }
                return Token(kind: .stringLiteral, start: start, end: position, value: .string(text))
            case UInt8(ascii: "\\"):
                flush(self, upTo: position)
                usedBuffer = true
                scanEscape(into: &decoded)
                chunkStart = position
            case 0..<0x20, 0x7F:
                flush(self, upTo: position)
                usedBuffer = true
                reportControlCharacters()
                chunkStart = position
            case 0x80...:
                if let length = UTF8Validation.scalarLength(in: bytes, at: position) {
                    position += length
                } else {
                    flush(self, upTo: position)
                    usedBuffer = true
                    let runStart = position
                    position = UTF8Validation.endOfInvalidRun(in: bytes, from: position)
                    report(.invalidUTF8, "invalid UTF-8 in string", runStart, position)
                    decoded.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD, once per run
                    chunkStart = position
                }
            default:
                position += 1
            }
        }
    }

    /// A newline ends a string (unterminated); so does `\r\n`.
    private func isEndOfLine(at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "\n")
            || (bytes[index] == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"))
    }

    /// One run of raw control characters (a NUL is reported as such).
    private mutating func reportControlCharacters() {
        let start = position
        let first = bytes[position]
        while position < bytes.count, bytes[position] < 0x20 || bytes[position] == 0x7F, !isEndOfLine(at: position) {
            position += 1
        }
        if first == 0 {
            report(.nulByte, "NUL byte in string", start, position)
            return
        }
        var fixIts: [FixIt] = []
        if position - start == 1, first == UInt8(ascii: "\t") {
            fixIts.append(FixIt(range: range(start, position), replacement: "\\t", message: "write the tab as `\\t`"))
        }
        let code = String(first, radix: 16, uppercase: true).leftPadded(to: 4)
        report(.controlCharacterInString, "raw control character U+\(code) in string; use an escape such as `\\t` or `\\n`",
               start, position, fixIts: fixIts)
    }

    /// Consumes `\` and what follows; appends the decoded bytes, or nothing on error.
    private mutating func scanEscape(into decoded: inout [UInt8]) {
        let start = position
        position += 1
        guard position < bytes.count, !isEndOfLine(at: position) else { return }  // unterminated: reported by the caller
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "\""): decoded.append(byte); position += 1
        case UInt8(ascii: "\\"): decoded.append(byte); position += 1
        case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n")); position += 1
        case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t")); position += 1
        case UInt8(ascii: "u"):
            position += 1
            scanUnicodeEscape(start: start, into: &decoded)
        default:
            // Skip the whole character (not just one byte of it) so the message can show it.
            position += UTF8Validation.scalarLength(in: bytes, at: position) ?? 1
            let shown = String(decoding: bytes[start..<position], as: UTF8.self)
            report(.invalidEscape, "unknown escape `\(shown)`; strings accept \\\" \\\\ \\n \\t and \\u{…}", start, position)
        }
    }

    /// `\u{1F600}`: 1 to 6 hex digits naming a Unicode scalar other than U+0000.
    private mutating func scanUnicodeEscape(start: Int, into decoded: inout [UInt8]) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
            report(.invalidEscape, "`\\u` must be followed by a code point in braces, such as `\\u{1F600}`", start, position)
            return
        }
        position += 1
        let digitsStart = position
        var value: UInt32 = 0
        while position < bytes.count, let digit = Lexer.hexValue(bytes[position]), position - digitsStart < 8 {
            value = value &* 16 &+ digit
            position += 1
        }
        let digitCount = position - digitsStart
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
            report(.invalidEscape, "unterminated `\\u{…}` escape: expected hex digits and `}`", start, position)
            return
        }
        position += 1
        guard digitCount >= 1, digitCount <= 6 else {
            report(.invalidEscape, "`\\u{…}` takes 1 to 6 hex digits", start, position)
            return
        }
        guard value != 0 else {
            report(.invalidEscape, "`\\u{0}` is not allowed in strings", start, position)
            return
        }
        guard let scalar = Unicode.Scalar(value) else {
            report(.invalidEscape, "`\(String(decoding: bytes[start..<position], as: UTF8.self))` is not a Unicode scalar value", start, position)
            return
        }
        decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
