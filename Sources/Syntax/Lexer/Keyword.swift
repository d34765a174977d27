/// The reserved words of LANGUAGE.md §2. They are reserved everywhere except
/// right after `.` and as a key inside `with { }`, where the parser accepts
/// any word as a name; the lexer always reports them as keywords and leaves
/// that decision to the parser, which knows the context.
public enum Keyword: String, Hashable, Sendable, CaseIterable {
    case segment, rule, `let`, on, when, then, priority, cooldown, limit, per, paused, description
    case and, or, not, `in`, `is`, null, `true`, `false`, within, ago, after, requires, approval
    case with, via, send, tag, untag, note
    case schedule, daily, weekly, every, at
    case contains, starts, ends, matches, `where`
    case fan, event, now

    /// Looks a word up by its bytes without building a `String` first: the
    /// lexer calls this for every identifier, so it must be cheap.
    static func lookUp(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Keyword? {
        let length = end - start
        guard length >= 2, length <= Keyword.longestSpelling else { return nil }
        for candidate in Keyword.byFirstByte[Int(bytes[start])] where candidate.spelling.count == length {
            var matches = true
            var offset = 1
            while offset < length {
                if candidate.spelling[offset] != bytes[start + offset] { matches = false; break }
                offset += 1
            }
            if matches { return candidate.keyword }
        }
        return nil
    }

    private struct Entry: Sendable {
        let keyword: Keyword
        let spelling: [UInt8]
    }

    private static let longestSpelling = Keyword.allCases.map(\.rawValue.utf8.count).max() ?? 0

    /// Keywords grouped by their first byte, so a look-up compares a handful
    /// of candidates at most.
    private static let byFirstByte: [[Entry]] = {
        var table = [[Entry]](repeating: [], count: 256)
        for keyword in Keyword.allCases {
            let spelling = Array(keyword.rawValue.utf8)
            table[Int(spelling[0])].append(Entry(keyword: keyword, spelling: spelling))
        }
        return table
    }()

    /// Keywords that start a top-level declaration: where recovery resumes.
    var startsDeclaration: Bool { self == .let || self == .segment || self == .rule }

    /// Keywords that start a rule clause.
    var startsClause: Bool {
        switch self {
        case .on, .when, .priority, .cooldown, .limit, .paused, .description, .then: true
        default: false
        }
    }

    /// Keywords that start an action inside `then { }`.
    var startsAction: Bool { self == .send || self == .tag || self == .untag || self == .note }
}
