/// Turns the bytes a terminal sends into `Key`s.
///
/// Bytes arrive in whatever chunks `read` returns, so a sequence may be split
/// across two reads; the decoder keeps an unfinished sequence until the next
/// `feed`. A lone Escape cannot be told from the start of a sequence by the
/// bytes alone: the editor waits briefly and then calls `flush`.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Set after a CR, so that the LF of a CR LF pair (pasted text) is one Enter.
    private var swallowLineFeed = false

    public init() {}

    /// True while an unfinished sequence is held back.
    public var hasPending: Bool { !pending.isEmpty }

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var start = 0
        while start < pending.count {
            if swallowLineFeed {
                swallowLineFeed = false
                if pending[start] == 0x0A { start += 1; continue }
            }
            guard case .key(let key, let length) = Self.decodeOne(pending[start...]) else { break }
            keys.append(key)
            swallowLineFeed = pending[start] == 0x0D
            start += length
        }
        pending.removeFirst(start)
        return keys
    }

    /// Gives up waiting for the rest of a held-back sequence: a lone ESC is the
    /// Escape key, anything else unfinished is unrecognized.
    public mutating func flush() -> [Key] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.unrecognized(pending)]
    }

    // MARK: One key

    private enum Step {
        case key(Key, length: Int)
        case needMoreBytes
    }

    private static let escape: UInt8 = 0x1B

    private static func decodeOne(_ bytes: ArraySlice<UInt8>) -> Step {
        let first = bytes[bytes.startIndex]
        switch first {
        case escape: return decodeEscape(bytes)
        case 0x20..<0x7F: return .key(.character(Unicode.Scalar(first)), length: 1)
        case 0x80...: return decodeUTF8(bytes)
        default: return .key(controlKey(first), length: 1)
        }
    }

    /// Control bytes, with the Emacs bindings most shells also accept.
    private static func controlKey(_ byte: UInt8) -> Key {
        switch byte {
        case 0x0D, 0x0A: .enter
        case 0x7F, 0x08: .backspace
        case 0x09: .tab
        case 0x01: .home          // Ctrl-A
        case 0x05: .end           // Ctrl-E
        case 0x02: .left          // Ctrl-B
        case 0x06: .right         // Ctrl-F
        case 0x10: .up            // Ctrl-P
        case 0x0E: .down          // Ctrl-N
        case 0x03: .interrupt     // Ctrl-C
        case 0x04: .endOfInput    // Ctrl-D
        case 0x15: .deleteToLineStart  // Ctrl-U
        case 0x0B: .deleteToLineEnd    // Ctrl-K
        case 0x0C: .clearScreen   // Ctrl-L
        default: .unrecognized([byte])
        }
    }

    private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> Step {
        let i = bytes.startIndex
        guard bytes.count >= 2 else { return .needMoreBytes }
        switch bytes[i + 1] {
        case UInt8(ascii: "["): return decodeCSI(bytes)
        case UInt8(ascii: "O"):
            // SS3, sent by terminals in "application cursor" mode.
            guard bytes.count >= 3 else { return .needMoreBytes }
            let key = finalKey(bytes[i + 2]) ?? .unrecognized(Array(bytes[i...(i + 2)]))
            return .key(key, length: 3)
        case escape:
            return .key(.unrecognized([escape]), length: 1)
        default:
            // Alt+key; the editor binds none.
            return .key(.unrecognized(Array(bytes[i...(i + 1)])), length: 2)
        }
    }

    /// `ESC [ params final`: parameters and intermediates are 0x20–0x3F, the final byte 0x40–0x7E.
    private static func decodeCSI(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        var i = start + 2
        while i < bytes.endIndex, (0x20...0x3F).contains(bytes[i]) { i += 1 }
        guard i < bytes.endIndex else {
            // A sequence this long is not one we know; stop holding bytes back.
            return bytes.count > 16 ? .key(.unrecognized(Array(bytes)), length: bytes.count) : .needMoreBytes
        }
        let whole = Array(bytes[start...i])
        guard (0x40...0x7E).contains(bytes[i]) else {
            // A control byte inside the sequence: drop what came before it.
            return .key(.unrecognized(Array(bytes[start..<i])), length: i - start)
        }
        let parameters = String(decoding: bytes[(start + 2)..<i], as: UTF8.self)
        if bytes[i] == UInt8(ascii: "~") {
            let first = parameters.split(separator: ";").first.map(String.init) ?? ""
            let key: Key = switch first {
            case "1", "7": .home
            case "4", "8": .end
            case "3": .delete
            default: .unrecognized(whole)
            }
            return .key(key, length: whole.count)
        }
        // Modifiers (`ESC [ 1 ; 5 C` for Ctrl-Right) are ignored: it is still Right.
        return .key(finalKey(bytes[i]) ?? .unrecognized(whole), length: whole.count)
    }

    private static func finalKey(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: nil
        }
    }

    /// One UTF-8 encoded scalar; malformed bytes are unrecognized, one at a time,
    /// so a stray byte never swallows the valid text after it.
    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        let lead = bytes[start]
        let (length, initial, minimum): (Int, UInt32, UInt32) = switch lead {
        case 0xC2...0xDF: (2, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (3, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (4, UInt32(lead & 0x07), 0x10000)
        default: (1, 0, 0)
        }
        guard length > 1 else { return .key(.unrecognized([lead]), length: 1) }
        var value = initial
        for offset in 1..<length {
            guard start + offset < bytes.endIndex else { return .needMoreBytes }
            let byte = bytes[start + offset]
            guard byte & 0xC0 == 0x80 else { return .key(.unrecognized([lead]), length: 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value), !(0x80...0x9F).contains(value) else {
            return .key(.unrecognized(Array(bytes[start..<(start + length)])), length: length)
        }
        return .key(.character(scalar), length: length)
    }
}
