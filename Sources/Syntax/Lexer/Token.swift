/// One token: its kind, its byte range, and for literals the value the lexer
/// already decoded (so the parser never re-reads literal text).
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    /// Byte offsets `[start, end)` into the file.
    public var start: Int
    public var end: Int
    public var value: TokenValue

    public init(kind: TokenKind, start: Int, end: Int, value: TokenValue = .none) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
    }
}

/// The decoded value of a literal token.
///
/// Numeric magnitudes are unsigned and unsigned only: whether `9223372036854775808`
/// fits depends on a `-` the lexer does not see, so the parser folds the sign
/// and reports overflow. `nil` means the magnitude does not even fit in 64 bits.
public enum TokenValue: Hashable, Sendable {
    case none
    case int(magnitude: UInt64?)
    case number(Double)
    /// Cents.
    case money(magnitude: UInt64?)
    /// Seconds.
    case duration(magnitude: UInt64?)
    case string(String)
    case clock(ClockTime)
}
