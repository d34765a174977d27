/// Strict UTF-8 validation over raw bytes (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF). `SourceFile` only needs lengths for
/// column counting; the lexer needs to know exactly which bytes are bad.
enum UTF8Validation {
    /// The length of the well-formed scalar starting at `index`, or nil if the
    /// byte there does not start one.
    static func scalarLength(in bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var secondLow: UInt8 = 0x80, secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= secondLow, second <= secondHigh else { return nil }
        var offset = 2
        while offset < length {
            guard bytes[index + offset] & 0xC0 == 0x80 else { return nil }
            offset += 1
        }
        return length
    }

    /// The end of the run of bytes, starting at `index`, that belong to no
    /// well-formed scalar. A run is reported once, however long it is.
    static func endOfInvalidRun(in bytes: [UInt8], from index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] >= 0x80, scalarLength(in: bytes, at: end) == nil {
            end += 1
        }
        return end
    }

    /// The scalar at `index`, which must start a well-formed sequence of `length` bytes.
    static func scalar(in bytes: [UInt8], at index: Int, length: Int) -> Unicode.Scalar {
        String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }
}
