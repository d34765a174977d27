import Foundation

/// Fills the `{{slot}}` marks of a message template body. Slot names are read
/// the way the checker reads them (`TemplateSlots`: spaces inside the braces
/// are ignored). A slot with no value is left visible as written, so a
/// creator reviewing the draft sees what is missing instead of a silent gap.
public struct TemplateRenderer: Sendable {
    /// Values by slot name: the `with` values, plus `fan_name` and `creator_name`.
    public var slots: [String: String]

    public init(slots: [String: String]) { self.slots = slots }

    /// Scans the UTF-8 bytes for the ASCII marks `{{` and `}}` (a byte of an
    /// ASCII character never occurs inside another character's encoding).
    /// Run renders every `send` twice (preview and draft), and Foundation's
    /// `range(of:)` was most of that time.
    public func render(_ body: String) -> String {
        let bytes = Array(body.utf8)
        var out = ""
        var copiedUpTo = 0
        var index = 0
        while let open = Self.find(0x7B, in: bytes, from: index) {
            guard let close = Self.find(0x7D, in: bytes, from: open + 2) else { break }
            let name = Self.slotName(String(decoding: bytes[(open + 2)..<close], as: UTF8.self))
            out += String(decoding: bytes[copiedUpTo..<open], as: UTF8.self)
            out += slots[name] ?? String(decoding: bytes[open..<(close + 2)], as: UTF8.self)
            copiedUpTo = close + 2
            index = close + 2
        }
        return out + String(decoding: bytes[copiedUpTo...], as: UTF8.self)
    }

    /// The first index at or after `start` where `byte` occurs twice in a row.
    private static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == byte && bytes[index + 1] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The text between the braces without surrounding whitespace; trimming
    /// (Foundation) only when there is some.
    private static func slotName(_ raw: String) -> String {
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
              !first.properties.isWhitespace && !last.properties.isWhitespace
        else { return raw.trimmingCharacters(in: .whitespaces) }
        return raw
    }
}
