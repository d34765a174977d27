import Syntax

/// What a `run` did (or, dry, would do): the summary counts of RULEC.md and,
/// per rule, how often it fired and what it did.
public struct RunReport: Sendable, Equatable {
    /// Source events consumed (stale ones included; cascades are not source events).
    public var events = 0
    /// `automation_rule_runs` rows: one per rule evaluation.
    public var runs = 0
    /// Actions this run executed: the immediate ones of its firings and the
    /// delayed ones (`after`) of earlier firings that came due
    /// (`delayedActions`). An action delayed by this run counts in
    /// `scheduled`, and in `actions` of the run that executes it.
    public var actions = 0
    public var queuedForApproval = 0
    /// Conditions or actions that failed; each is also recorded in the store.
    public var errors = 0
    /// Delayed actions of earlier firings this run executed (also in `actions`).
    public var delayedActions = 0
    /// Actions this run's firings delayed with `after`, to run when due.
    public var scheduled = 0
    /// Delayed actions that came due more than the stale age before this run:
    /// recorded `expired`, not executed.
    public var expiredDelayedActions = 0
    /// Sends the policy skipped (over a cap) or deferred (quiet hours) (LANGUAGE.md §11).
    public var policySkipped = 0
    public var policyDeferred = 0
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
        /// Actions by what became of them and their type.
        public var actions: [ActionTally: Int] = [:]

        /// "2 sends", "1 tag delayed", "3 sends queued for approval", … in a fixed order.
        public var phrases: [String] { actions.sorted { $0.key < $1.key }.map { $0.key.phrase(count: $0.value) } }
    }

    /// What became of an action, and its type: the key of `RuleActivity.actions`.
    public struct ActionTally: Hashable, Sendable, Comparable, CustomStringConvertible {
        public enum Fate: Int, Sendable {
            case executed, delayedExecuted, scheduled, queuedForApproval, skipped, expired, failed
            /// Held by the policy's quiet hours until they end (LANGUAGE.md §11).
            case deferred
        }
        public var fate: Fate
        /// send, tag, untag, note (or "action" when it failed before its type was known).
        public var actionType: String
        /// Why it was skipped (cooldown, limit).
        public var reason: String?

        public init(_ fate: Fate, _ actionType: String, reason: String? = nil) {
            self.fate = fate
            self.actionType = actionType
            self.reason = reason
        }

        public static func < (a: ActionTally, b: ActionTally) -> Bool {
            (a.fate.rawValue, a.actionType, a.reason ?? "") < (b.fate.rawValue, b.actionType, b.reason ?? "")
        }

        /// The words after the count: "1 send", "2 sends delayed", "1 delayed tag expired".
        public func phrase(count: Int) -> String {
            switch fate {
            case .executed: Plural.noun(count, actionType)
            case .delayedExecuted: Plural.noun(count, "delayed " + actionType)
            case .scheduled: Plural.noun(count, actionType) + " delayed"
            case .queuedForApproval: Plural.noun(count, actionType) + " queued for approval"
            case .skipped: Plural.noun(count, actionType) + " skipped" + (reason.map { " (\($0))" } ?? "")
            case .expired: Plural.noun(count, "delayed " + actionType) + " expired"
            case .failed: Plural.noun(count, actionType) + " failed"
            case .deferred: Plural.noun(count, actionType) + " deferred" + (reason.map { " (\($0))" } ?? "")
            }
        }

        /// The phrase without its count.
        public var description: String { String(phrase(count: 2).drop { $0 != " " }.dropFirst()) }
    }

    mutating func noteAction(rule: String, _ tally: ActionTally) {
        rules[rule, default: RuleActivity()].actions[tally, default: 0] += 1
    }

    /// True when the run consumed events, evaluated rules, or ran or expired
    /// delayed actions (`run --watch` prints a pass's text report only then).
    public var didSomething: Bool {
        events > 0 || runs > 0 || actions > 0 || expiredDelayedActions > 0 || expiredApprovals > 0 || errors > 0
            || policySkipped > 0 || policyDeferred > 0
    }

    /// Adds a later batch's counts.
    public mutating func absorb(_ other: RunReport) {
        events += other.events; runs += other.runs; actions += other.actions
        queuedForApproval += other.queuedForApproval; errors += other.errors
        delayedActions += other.delayedActions; scheduled += other.scheduled
        expiredDelayedActions += other.expiredDelayedActions
        cascadeEvents += other.cascadeEvents; staleEvents += other.staleEvents
        expiredApprovals += other.expiredApprovals
        policySkipped += other.policySkipped; policyDeferred += other.policyDeferred
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

    /// The pinned summary (RULEC.md), keys in this order, then the counts this
    /// project adds after them (docs/RUNTIME.md, "Run summary").
    public var summaryJSON: JSONValue {
        .object([("events", .int(events)), ("runs", .int(runs)), ("actions", .int(actions)),
                 ("queued_for_approval", .int(queuedForApproval)), ("errors", .int(errors)),
                 ("delayed_actions", .int(delayedActions)), ("scheduled", .int(scheduled)),
                 ("expired", .int(expiredDelayedActions))])
    }

    /// A readable account: the totals, then each rule that did something.
    ///
    ///     4 events (1 stale), plus 2 events raised by rules; 12 rule evaluations ran
    ///     5 actions (2 of them delayed), 3 actions delayed until later, 1 delayed action expired, 1 queued for approval, 0 errors
    ///       "Thank big tippers": fired 2 times; 2 sends, 2 tags
    public func text(dryRun: Bool) -> String {
        var first = (dryRun ? "dry run: " : "") + Plural.noun(events, "event")
        if staleEvents > 0 { first += " (\(staleEvents) stale)" }
        if cascadeEvents > 0 { first += ", plus " + Plural.noun(cascadeEvents, "event") + " raised by rules" }
        first += "; " + Plural.noun(runs, "rule evaluation") + (dryRun ? " would run" : " ran")

        var totals = [Plural.noun(actions, "action") + (delayedActions > 0 ? " (\(delayedActions) of them delayed)" : "")]
        if scheduled > 0 { totals.append(Plural.noun(scheduled, "action") + " delayed until later") }
        if expiredDelayedActions > 0 { totals.append(Plural.noun(expiredDelayedActions, "delayed action") + " expired") }
        totals.append("\(queuedForApproval) queued for approval")
        totals.append(Plural.noun(errors, "error"))
        if expiredApprovals > 0 { totals.append(Plural.noun(expiredApprovals, "approval") + " expired") }
        if policySkipped > 0 { totals.append(Plural.noun(policySkipped, "send") + " skipped by the policy's caps") }
        if policyDeferred > 0 { totals.append(Plural.noun(policyDeferred, "send") + " deferred by quiet hours") }

        var lines = [first, totals.joined(separator: ", ")]
        for name in rules.keys.sorted() {
            let activity = rules[name]!
            guard activity.fired > 0 || activity.heldBack > 0 || !activity.actions.isEmpty else { continue }
            var line = "  \"\(name)\": "
            var parts: [String] = []
            if activity.fired > 0 || activity.heldBack > 0 { parts.append("fired " + Plural.noun(activity.fired, "time")) }
            if activity.heldBack > 0 { parts.append("held back " + Plural.noun(activity.heldBack, "time") + " (cooldown or limit)") }
            line += parts.joined(separator: ", ")
            let phrases = activity.phrases
            if !phrases.isEmpty { line += (parts.isEmpty ? "" : "; ") + phrases.joined(separator: ", ") }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
