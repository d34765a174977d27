import Syntax

/// What a `run` did (or, dry, would do): the summary counts of RULEC.md and,
/// per rule, how often it fired and what it did.
public struct RunReport: Sendable, Equatable {
    /// Source events consumed (stale ones included; cascades are not source events).
    public var events = 0
    /// `automation_rule_runs` rows: one per rule evaluation.
    public var runs = 0
    /// Actions executed now or scheduled for later (`after`).
    public var actions = 0
    public var queuedForApproval = 0
    /// Conditions or actions that failed; each is also recorded in the store.
    public var errors = 0
    /// Rule-raised events handled in the same batch.
    public var cascadeEvents = 0
    public var staleEvents = 0
    public var expiredApprovals = 0
    /// Per rule name.
    public var rules: [String: RuleActivity] = [:]
    /// The batch stopped at its size limit with events left to read.
    public var hasMoreEvents = false
    public var batches = 0

    public init() {}

    public struct RuleActivity: Sendable, Equatable {
        /// Fans fired for (a firing with several actions counts once).
        public var fired = 0
        /// Fans the condition held for but cooldown or limit held back.
        public var heldBack = 0
        /// Actions by outcome word and type: "executed send", "queued tag", "scheduled note".
        public var actions: [String: Int] = [:]
    }

    mutating func noteAction(rule: String, _ what: String) {
        rules[rule, default: RuleActivity()].actions[what, default: 0] += 1
    }

    /// Adds a later batch's counts.
    public mutating func absorb(_ other: RunReport) {
        events += other.events; runs += other.runs; actions += other.actions
        queuedForApproval += other.queuedForApproval; errors += other.errors
        cascadeEvents += other.cascadeEvents; staleEvents += other.staleEvents
        expiredApprovals += other.expiredApprovals
        for (name, activity) in other.rules {
            var merged = rules[name, default: RuleActivity()]
            merged.fired += activity.fired
            merged.heldBack += activity.heldBack
            merged.actions.merge(activity.actions, uniquingKeysWith: +)
            rules[name] = merged
        }
        hasMoreEvents = other.hasMoreEvents
        batches += other.batches
    }

    /// The pinned summary (RULEC.md), keys in this order.
    public var summaryJSON: JSONValue {
        .object([("events", .int(events)), ("runs", .int(runs)), ("actions", .int(actions)),
                 ("queued_for_approval", .int(queuedForApproval)), ("errors", .int(errors))])
    }

    /// A readable account: the totals, then each rule that did something.
    public func text(dryRun: Bool) -> String {
        var lines: [String] = []
        let verb = dryRun ? "would run" : "ran"
        lines.append("\(dryRun ? "dry run: " : "")\(events) events (\(staleEvents) stale, \(cascadeEvents) raised by rules), "
                     + "\(runs) rule evaluations \(verb)")
        lines.append("\(actions) actions, \(queuedForApproval) queued for approval, \(errors) errors"
                     + (expiredApprovals > 0 ? ", \(expiredApprovals) approvals expired" : ""))
        for name in rules.keys.sorted() {
            let activity = rules[name]!
            guard activity.fired > 0 || activity.heldBack > 0 || !activity.actions.isEmpty else { continue }
            var line = "  \"\(name)\": fired \(activity.fired) time\(activity.fired == 1 ? "" : "s")"
            if activity.heldBack > 0 { line += ", held back \(activity.heldBack) (cooldown/limit)" }
            let actions = activity.actions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !actions.isEmpty { line += "; actions: " + actions.joined(separator: ", ") }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
