import Planning
import Semantics
import Syntax

/// `rulec why` (and the REPL's `:why`): one rule, one fan, one event or
/// schedule slot, and what `run` does with them. Built by `WhyReport.build`
/// with the engine's own decisions (its view of the event, its stale test,
/// rule status, `FiringLimits`), rendered as text or JSON.
public struct WhyReport: Sendable {
    public var rule: String
    public var fanID: Int64
    /// The event named with `--event`, as the engine reads it.
    public var event: EventReference?
    /// The event's time, when it has one.
    public var eventTime: Int64?
    /// A schedule rule's slot: the latest at or before the clock, or `--slot`.
    public var slot: Int64?
    /// The evaluation's `now`: the event's time, the slot, or the clock.
    public var now: Int64
    /// `--now`: the clock `run` would run at.
    public var clock: Int64
    /// True when the slot is the latest at or before the clock (no `--slot`).
    public var slotIsLatest: Bool
    /// The condition as a tree; nil for a rule without one.
    public var tree: WhyNode?
    /// One check per `cooldown` / `limit` clause.
    public var limits: [LimitCheck]
    /// What the sending policy does to each send of a firing that has not
    /// happened yet (LANGUAGE.md §11), decided by `PolicyGate`, the gate `run`
    /// asks; empty without a policy, for a rule that does not fire, or for an
    /// event `run` has handled (its notes say what the policy did then).
    public var policy: [PolicyCheck] = []
    /// What the reader should know beyond the verdict (no event given, already handled…).
    public var notes: [String]
    public var verdict: WhyVerdict
    /// The program's files, for the lines and columns of the tree's nodes.
    public var files: SourceFiles

    /// `fan_transactions:42`.
    public struct EventReference: Sendable, Equatable, CustomStringConvertible {
        public var source: String
        public var id: Int64
        public init(source: String, id: Int64) { self.source = source; self.id = id }
        public var description: String { "\(source):\(id)" }
    }

    /// One send of the rule and what the policy does to it.
    public struct PolicyCheck: Sendable, Equatable {
        /// The action's place among the rule's actions, from 1.
        public var action: Int
        public var template: String
        /// When the gate decides: the event's time, or when an `after` send
        /// falls due; nil for a send that waits for approval (decided when approved).
        public var at: Int64?
        /// `executes`, `deferred`, `skipped`, `bypasses` or `at_approval`.
        public var decision: String
        /// For `deferred`: when quiet hours end on the fan's clock, and the caps are checked again.
        public var until: Int64?
        public var reason: String
    }

    /// One recorded firing of the rule for the fan: when, by which run, on what.
    public struct Firing: Sendable, Equatable {
        public var firedAt: Int64
        public var runID: Int64
        /// The run's event; nil for a schedule slot.
        public var event: EventReference?

        /// `2026-11-23T10:00:00Z, run 12 on fan_transactions:40`.
        public var description: String {
            "\(Value.timestamp(firedAt)), run \(runID) " + (event.map { "on \($0)" } ?? "at a schedule slot")
        }
    }

    /// A `cooldown` or `limit` clause at `now`, decided by `FiringLimits`.
    public struct LimitCheck: Sendable, Equatable {
        /// `cooldown 1d`, `limit 1 per fan per 90d`.
        public var clause: String
        /// `cooldown` or `limit`.
        public var kind: String
        /// nil when the store cannot tell (the rule is not deployed there).
        public var holdsBack: Bool?
        /// Firings counted in the clause's window, latest first (all of them).
        public var firings: [Firing]
        /// `(fired 2 times for this fan in the window; latest …)`.
        public var reason: String
    }
}

/// What `run` does with the rule for this fan and event or slot, in the order
/// the engine decides: a paused (or undeployed) rule is never run, an event of
/// another trigger does not reach it, an event after the clock waits, a stale
/// one fires nothing, then the condition, then cooldown and limit.
public enum WhyVerdict: Sendable, Equatable {
    case fires
    case doesNotMatch
    /// The condition holds but a clause holds the fan back (its latest firing in the window).
    case heldBack(clause: String, kind: String, by: WhyReport.Firing?)
    case paused
    /// Rules from `--rules` that the store has no row for: `run` knows nothing of them.
    case notDeployed
    /// The event is not one this rule receives (another trigger, another tag, an outbound message).
    case notTriggered(reason: String)
    /// The event is older than the stale age at the clock: `run` records it `stale`.
    case stale(ageSeconds: Int64, staleAfterSeconds: Int64)
    /// The event or slot is after the clock: `run` takes it once the clock reaches it.
    case notYet(at: Int64)
    /// A slot `run` never evaluates: missed slots do not fire one by one, and
    /// a schedule starts (at deploy) at its latest slot without firing it.
    case slotSkipped(reason: String)

    /// The stable word of `--format json`'s `verdict`.
    public var code: String {
        switch self {
        case .fires: "fires"
        case .doesNotMatch: "does_not_match"
        case .heldBack: "held_back"
        case .paused: "paused"
        case .notDeployed: "not_deployed"
        case .notTriggered: "not_triggered"
        case .stale: "stale"
        case .notYet: "not_yet"
        case .slotSkipped: "slot_skipped"
        }
    }

    public var fires: Bool { self == .fires }
}

/// A `why` question that cannot be asked: exit 2 with this message.
public enum WhyError: Error, Equatable, CustomStringConvertible {
    case unknownFan(creator: String, fan: Int64)
    case notAnEventSource(String)
    case wrongSource(expected: String, given: String)
    case eventNotFound(WhyReport.EventReference)
    case eventOfAnotherFan(WhyReport.EventReference, fan: Int64, asked: Int64)
    case eventForSchedule
    case slotForEventRule
    case notASlot(given: Int64, previous: Int64)

    public var description: String {
        switch self {
        case .unknownFan(let creator, let fan):
            "--fan: creator \(creator) has no fan \(fan)"
        case .notAnEventSource(let source):
            "--event: \(source) is not a table run reads events from (" + EventSource.allCases.map(\.table).joined(separator: ", ") + ")"
        case .wrongSource(let expected, let given):
            "--event: the rule's trigger reads events from \(expected), not \(given)"
        case .eventNotFound(let reference):
            "--event: no row \(reference) for this creator"
        case .eventOfAnotherFan(let reference, let fan, let asked):
            "--event \(reference) is about fan \(fan), not fan \(asked)"
        case .eventForSchedule:
            "--event: a scheduled rule has no triggering event; use --slot T (or --now) for the slot"
        case .slotForEventRule:
            "--slot: only a schedule rule has slots; name the event with --event SOURCE:ID"
        case .notASlot(let given, let previous):
            "--slot: \(Value.timestamp(given)) is not a slot of the rule's schedule; the one before it is \(Value.timestamp(previous))"
        }
    }
}
