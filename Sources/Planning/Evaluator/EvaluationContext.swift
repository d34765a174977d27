import Foundation

/// The facts of one evaluation that are not about the fan: the clock, the
/// creator's time zone, and the triggering event's fields when there is one.
public struct EvaluationContext: Sendable {
    /// `now` (LANGUAGE.md §4): the event's time for an event trigger, the slot's
    /// time for a schedule, the clock for segments and the REPL.
    public var now: Int64
    /// The creator's zone, for `date("…")`, `hour_of_day` and `day_of_week`.
    public var zone: TimeZone
    /// `event.*` by field name; nil when no event is in scope.
    public var event: [String: Value]?

    public init(now: Int64, zone: TimeZone, event: [String: Value]? = nil) {
        self.now = now
        self.zone = zone
        self.event = event
    }
}
