import Syntax

/// The program's `policy { ... }` once checked (LANGUAGE.md §11): every cap
/// applies to every rule's sends except those of rules with `bypass policy`.
public struct CheckedPolicy: Hashable, Sendable {
    public var limits: [PolicyLimit]
    public var quietHours: QuietHours?
    public var declaration: PolicyDecl

    public init(limits: [PolicyLimit], quietHours: QuietHours?, declaration: PolicyDecl) {
        self.limits = limits
        self.quietHours = quietHours
        self.declaration = declaration
    }
}

/// `limit N sends per fan per D`.
public struct PolicyLimit: Hashable, Sendable, CustomStringConvertible {
    public var count: Int64
    public var windowSeconds: Int64
    /// The window as the author wrote it (`1d`), for reasons and `explain`.
    public var windowText: String

    public init(count: Int64, windowSeconds: Int64, windowText: String) {
        self.count = count
        self.windowSeconds = windowSeconds
        self.windowText = windowText
    }

    /// `3 sends per fan per 1d`: the words a skipped action's reason names.
    public var description: String { "\(count) sends per fan per \(windowText)" }
}

/// `quiet hours HH:MM to HH:MM` as minutes since midnight on the fan's clock;
/// `start > end` crosses midnight. The ends differ (the checker saw to it).
public struct QuietHours: Hashable, Sendable, CustomStringConvertible {
    public var startMinute: Int
    public var endMinute: Int

    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Whether a wall-clock minute of the day is quiet: `[start, end)`, so a
    /// send due at the end minute goes out.
    public func contains(minuteOfDay minute: Int) -> Bool {
        startMinute < endMinute ? (minute >= startMinute && minute < endMinute)
                                : (minute >= startMinute || minute < endMinute)
    }

    public var description: String {
        func clock(_ m: Int) -> String {
            let h = m / 60, mm = m % 60
            return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
        }
        return "\(clock(startMinute)) to \(clock(endMinute))"
    }
}
