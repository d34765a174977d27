/// `policy { limit N sends per fan per D ... quiet hours HH:MM to HH:MM }`
/// (LANGUAGE.md §11): caps and quiet hours over every rule's sends. The
/// numbers are literals, kept with their ranges so the checker can point at
/// a zero limit or an empty quiet window.
public struct PolicyDecl: Hashable, Sendable {
    public var items: [PolicyItem]
    /// From `policy` to the closing `}`.
    public var range: SourceRange
    public init(items: [PolicyItem], range: SourceRange) { self.items = items; self.range = range }

    public var limits: [PolicyLimitSyntax] {
        items.compactMap { if case .limit(let l) = $0.kind { l } else { nil } }
    }
    public var quietHours: [PolicyQuietHoursSyntax] {
        items.compactMap { if case .quietHours(let q) = $0.kind { q } else { nil } }
    }
}

public struct PolicyItem: Hashable, Sendable {
    public var kind: PolicyItemKind
    public var range: SourceRange
    public init(kind: PolicyItemKind, range: SourceRange) { self.kind = kind; self.range = range }
}

public enum PolicyItemKind: Hashable, Sendable {
    case limit(PolicyLimitSyntax)
    case quietHours(PolicyQuietHoursSyntax)
}

/// `limit N sends per fan per D`
public struct PolicyLimitSyntax: Hashable, Sendable {
    /// The count as written (a `-` folded in); nil when it overflowed.
    public var count: Int64?
    public var countRange: SourceRange
    /// The window in seconds; nil when it overflowed.
    public var windowSeconds: Int64?
    /// The duration as written (`1d`, `24h`), so the formatter keeps the author's unit.
    public var windowText: String
    public var windowRange: SourceRange
    public init(count: Int64?, countRange: SourceRange, windowSeconds: Int64?, windowText: String, windowRange: SourceRange) {
        self.count = count; self.countRange = countRange
        self.windowSeconds = windowSeconds; self.windowText = windowText; self.windowRange = windowRange
    }
}

/// `quiet hours HH:MM to HH:MM`; the window may cross midnight.
public struct PolicyQuietHoursSyntax: Hashable, Sendable {
    public var start: ClockTime
    public var end: ClockTime
    public init(start: ClockTime, end: ClockTime) { self.start = start; self.end = end }
}
