/// A JSON document as a plain value, with object members kept in the order they
/// were written. Machine-readable output (`check --format json`, `explain`,
/// `run`) is compared byte for byte by golden tests and outside tools, so the
/// serializer is hand-written: Foundation's `JSONSerialization` neither keeps
/// key order nor promises the same number formatting everywhere. The one JSON
/// type of the project: the language server's messages are these values too,
/// read by `JSONParser` and written by `serialized()`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A non-finite double has no JSON spelling and is written as `null`.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

extension JSONValue {
    /// The compact serialization: no spaces, no trailing newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: nil, depth: 0)
        return out
    }

    /// Two-space indentation, one member per line, for output people read.
    public func prettySerialized() -> String {
        var out = ""
        write(to: &out, indent: "  ", depth: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += Self.spell(d)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, to: &out, indent: indent, depth: depth) { i, out in
                items[i].write(to: &out, indent: indent, depth: depth + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, to: &out, indent: indent, depth: depth) { i, out in
                Self.writeString(members[i].key, to: &out)
                out += indent == nil ? ":" : ": "
                members[i].value.write(to: &out, indent: indent, depth: depth + 1)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, to out: inout String, indent: String?, depth: Int,
        element: (Int, inout String) -> Void
    ) {
        out += open
        guard count > 0 else { out += close; return }
        for i in 0..<count {
            if i > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: depth + 1) }
            element(i, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: depth) }
        out += close
    }

    /// Swift's shortest round-tripping spelling, which keeps a `.0` on integral
    /// values (`3.0`), so a reader can tell a number from an int.
    private static func spell(_ d: Double) -> String {
        d.isFinite ? "\(d)" : "null"
    }

    /// Escapes per RFC 8259, plus U+2028/U+2029, which are valid JSON but end a
    /// line in JavaScript, and DEL, so that output pasted anywhere stays intact.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings (template names, tags, memories) need no escape: copied whole.
        if s.utf8.allSatisfy(isVerbatim) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A UTF-8 byte that `writeString` copies as is wherever it appears: not a
    /// control character, DEL, quote or backslash, and not 0xE2, which begins
    /// U+2028 and U+2029 (a string containing it takes the scalar-by-scalar path).
    private static func isVerbatim(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xE2
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keeps the literal's order, which is the point of this type.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONValue {
    /// An object from key–value pairs in order, leaving out the nil ones: an
    /// absent optional property (LSP's `detail?`, `version?`) is not sent at all.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key: key, value: $0) } })
    }
}
