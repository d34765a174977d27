import Foundation
import Planning
import Store

/// What the policy did to a send instead of executing it.
public enum PolicyEffect: Equatable, Sendable {
    /// Over a cap: recorded `skipped` with this reason (`frequency cap: 3 sends per fan per 1d`).
    case skipped(reason: String)
    /// Inside quiet hours: an `automation_scheduled_actions` row due at `until`.
    case deferred(until: Int64, quietHours: String)

    /// The words `run`'s summary and `why` use.
    public var reason: String {
        switch self {
        case .skipped(let reason): reason
        case .deferred(let until, let quiet): "quiet hours \(quiet), until \(Time.iso8601(until))"
        }
    }
}

extension PolicyGate {
    /// Applies the policy to a send about to execute: nil lets it execute; a
    /// skip writes its `skipped` actions row, a deferral its scheduled row
    /// (whose actions row is written when it finally runs), both in the
    /// caller's transaction.
    func hold(_ action: PreparedAction, now: Int64, hitlID: Int64?, executor: EffectExecutor) throws -> PolicyEffect? {
        switch try decide(ruleID: action.ruleID, fanID: action.fanID, at: now) {
        case .execute:
            return nil
        case .skip(let reason):
            try executor.record(action, outcome: "skipped", reason: reason, hitlID: hitlID, at: now)
            return .skipped(reason: reason)
        case .deferUntil(let until):
            try ScheduledActions(store: store).deferByPolicy(action, dueAt: until, hitlID: hitlID, now: now)
            return .deferred(until: until, quietHours: policy.quietHours?.description ?? "")
        }
    }
}

extension RunReport {
    /// A send the policy skipped or deferred, under its rule, with the limit or window that held it.
    mutating func notePolicy(_ effect: PolicyEffect, rule: String, actionType: String) {
        switch effect {
        case .skipped(let reason):
            policySkipped += 1
            noteAction(rule: rule, .init(.skipped, actionType, reason: reason))
        case .deferred(_, let quiet):
            policyDeferred += 1
            noteAction(rule: rule, .init(.deferred, actionType, reason: "quiet hours \(quiet)"))
        }
    }
}
