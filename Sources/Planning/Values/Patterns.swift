import Foundation
import Semantics

/// `matches`: ICU regular expressions, unanchored (LANGUAGE.md §6). Patterns
/// are compiled once and shared, by `RegexPattern`, the same code the checker
/// uses to reject invalid ones.
public final class PatternCache: @unchecked Sendable {
    private var compiled: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    public init() {}

    public static let shared = PatternCache()

    public func matches(_ text: String, pattern: String) -> Bool? {
        guard let regex = expression(for: pattern) else { return nil }
        return RegexPattern.matches(regex, text)
    }

    func expression(for pattern: String) -> NSRegularExpression? {
        lock.lock(); defer { lock.unlock() }
        if let regex = compiled[pattern] { return regex }
        guard let regex = try? RegexPattern.compile(pattern) else { return nil }
        compiled[pattern] = regex
        return regex
    }
}
