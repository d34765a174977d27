public enum Literal: Hashable, Sendable {
    case int(Int64)
    case number(Double)
    /// Integer minor units of the creator's currency (`$19.99` is 1999).
    case money(Int64)
    case string(String)
    /// Whole seconds.
    case duration(Int64)
    case bool(Bool)
    case null
}

/// `HH:MM`, only valid after `at` in a schedule.
public struct ClockTime: Hashable, Sendable {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) { self.hour = hour; self.minute = minute }
    public var minutesSinceMidnight: Int { hour * 60 + minute }
}

/// A string literal with the range of its quotes, for names and messages.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var range: SourceRange
    public init(value: String, range: SourceRange) { self.value = value; self.range = range }
}
