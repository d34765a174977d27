public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A concrete edit that fixes the problem: replace `range` with `replacement`.
public struct FixIt: Hashable, Sendable {
    public var range: SourceRange
    public var replacement: String
    /// What the edit does, in the user's words ("use `and` to combine the comparisons").
    public var message: String

    public init(range: SourceRange, replacement: String, message: String) {
        self.range = range
        self.replacement = replacement
        self.message = message
    }
}

/// Extra context attached to a diagnostic, optionally pointing elsewhere
/// (the first definition of a duplicate name, a segment in a cycle).
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

public struct Diagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]
    public var fixIts: [FixIt]

    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at range: SourceRange,
        severity: Severity? = nil,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = []
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in the order a reader expects them: by file, then position.
    public func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let ra = a.element.range, rb = b.element.range
            if ra.file != rb.file { return ra.file < rb.file }
            if ra.start != rb.start { return ra.start < rb.start }
            return a.offset < b.offset
        }.map(\.element)
    }
}
