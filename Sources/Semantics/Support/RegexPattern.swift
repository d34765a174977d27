import Foundation

/// The one place a `matches` pattern becomes an ICU regular expression, used
/// by the checker (to reject invalid patterns) and by the evaluator (to run
/// them), so the two can never disagree about which patterns are valid.
/// Patterns are unanchored and take no options: `^`/`$` anchor at the start
/// and end of the whole subject, `.` does not match a line break, and
/// `(?i)` and the like are written in the pattern (Grammar/LANGUAGE-NOTES.md).
public enum RegexPattern {
    /// `""` is a valid regular expression that matches the empty string at
    /// every position, so every subject matches it. ICU refuses to compile an
    /// empty pattern (Foundation throws), so it is compiled as `(?:)`, the same
    /// expression spelled so ICU accepts it.
    public static func compile(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern)
    }

    /// Whether `regex` matches anywhere in `subject` (the empty subject included).
    public static func matches(_ regex: NSRegularExpression, _ subject: String) -> Bool {
        let range = NSRange(subject.startIndex..<subject.endIndex, in: subject)
        return regex.firstMatch(in: subject, options: [], range: range) != nil
    }
}
