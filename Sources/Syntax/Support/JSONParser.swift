/// Why a text is not JSON: what was wrong and the byte offset (from 0) where
/// reading stopped. The language server answers it with JSON-RPC's -32700;
/// the runtime reports it as a corrupt stored value.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// The one JSON reader: the language server's incoming messages, and the
/// JSON the runtime wrote and reads back (`files_json`, `params_json`,
/// `plan_json`). It keeps object members in their written order, so a value
/// read and written again with `JSONValue.serialized()` is byte-identical,
/// and it keeps `true` apart from `1` and `1` apart from `1.0`, which
/// Foundation's `JSONSerialization` does not (it hands back `NSNumber` on Linux
/// and loses member order).
///
/// Strict RFC 8259: raw control characters in strings, leading zeros, `+1`,
/// `.5` or `1.` are errors, as is anything but white space after the value.
public enum JSONParser {
    /// Deeper nesting is refused rather than risking the stack: the reader
    /// recurses once per level, and debug builds on a secondary thread (the
    /// language server's reader, a test) have little stack to spare. No message
    /// or stored value comes near it.
    public static let maxDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure("unexpected text after the value") }
        return value
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func failure(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: index) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// The next byte after white space, or a failure at the end of the input.
        mutating func nextSignificant() throws(JSONParseError) -> UInt8 {
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            return bytes[index]
        }

        mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < JSONParser.maxDepth else { throw failure("nested too deeply") }
            switch try nextSignificant() {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw failure("unexpected character")
            }
        }

        mutating func literal(_ word: String) throws(JSONParseError) {
            let end = index + word.utf8.count
            guard end <= bytes.count, bytes[index..<end].elementsEqual(word.utf8) else { throw failure("expected \(word)") }
            index = end
        }

        mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            if try nextSignificant() == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                guard try nextSignificant() == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                let key = try string()
                guard try nextSignificant() == UInt8(ascii: ":") else { throw failure("expected ':'") }
                index += 1
                members.append((key, try value(depth: depth + 1)))
                switch try nextSignificant() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: throw failure("expected ',' or '}'")
                }
            }
        }

        mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            if try nextSignificant() == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                switch try nextSignificant() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(items)
                default: throw failure("expected ',' or ']'")
                }
            }
        }

        /// A string from its opening quote. Runs of plain bytes are copied in one
        /// go and the UTF-8 decoded once at the end: appending to a `String` per
        /// escape copied the whole string each time, quadratic in a stored
        /// program's length (its source has an escaped newline per line).
        mutating func string() throws(JSONParseError) -> String {
            index += 1
            var utf8: [UInt8] = []
            var runStart = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let run = bytes[runStart..<index]
                    index += 1
                    // Most strings have no escape: decoded straight from the input.
                    if utf8.isEmpty { return String(decoding: run, as: UTF8.self) }
                    utf8.append(contentsOf: run)
                    return String(decoding: utf8, as: UTF8.self)
                }
                guard byte >= 0x20 else { throw failure("control character in string") }
                guard byte == UInt8(ascii: "\\") else { index += 1; continue }
                utf8.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: UTF8.encode(try unicodeEscape())!)
                default: index -= 1; throw failure("invalid escape")
                }
                runStart = index
            }
            throw failure("unterminated string")
        }

        /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate
        /// pair. A lone surrogate has no scalar and becomes U+FFFD; when a high
        /// surrogate is followed by a `\u` that is not a low one, that escape is
        /// left to be read on its own rather than swallowed.
        mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
            let unit = try hex4()
            guard (0xD800..<0xDC00).contains(unit) else { return Unicode.Scalar(unit) ?? "\u{FFFD}" }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                return "\u{FFFD}"
            }
            let escapeStart = index
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else {
                index = escapeStart
                return "\u{FFFD}"
            }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("invalid \\u escape")
                }
                value = value * 16 + UInt32(digit)
                index += 1
            }
            return value
        }

        /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`. Without a fraction
        /// or exponent it is an `.int` when it fits, so `1` stays apart from `1.0`
        /// (which is a `.number` and is written back as `1.0`).
        mutating func number() throws(JSONParseError) -> JSONValue {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw failure("leading zero in number") }
            } else {
                skipDigits()
            }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit after '.'") }
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit in the exponent") }
                skipDigits()
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            // An integer too large for `Int` still reads, as the nearest double.
            if isInteger, let value = Int(text) { return .int(value) }
            guard let value = Double(text) else { index = start; throw failure("invalid number") }
            return .number(value)
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        private mutating func skipDigits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
    }
}
