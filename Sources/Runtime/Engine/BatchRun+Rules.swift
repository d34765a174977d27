import Foundation
import Planning
import Semantics
import Store

extension BatchRun {
    /// Runs the rules on one event's triggers, in firing order.
    func process(_ event: Event) throws {
        if event.depth == 0 { report.events += 1 }
        let stale = event.depth == 0 && options.isStale(eventTime: event.time, clock: clock)
        if stale { report.staleEvents += 1 }
        let triggered = rules.rules(for: event.matchingTriggers(segmentNames: segmentNames))
        let ref = RunLog.EventRef(source: event.source, id: event.id)
        var fieldsByTrigger: [String: [String: Value]] = [:]
        for (rule, trigger) in triggered {
            if stale || event.depth >= options.maxCascadeDepth {
                _ = try log.insertRun(rule: rule, event: ref, triggeredAt: event.time, matchedFans: 0,
                                      outcome: stale ? .stale : .cascadeLimit)
                report.runs += 1
                continue
            }
            let fields = fieldsByTrigger[trigger.name] ?? event.fields(for: trigger, segmentNames: segmentNames)
            fieldsByTrigger[trigger.name] = fields
            let context = EvaluationContext(now: event.time, zone: zone, event: fields)
            let started = ContinuousClock.now
            options.observer?.evaluating(rule: rule.name, fanID: event.fanID, context: context)
            let matched: [Int64]
            do {
                matched = try store.recoverable { try plans.fanIDs(rule.eventPlan, context: context, fanID: event.fanID) }
            } catch {
                try recordFailure(rule: rule, event: ref, at: event.time, error: error)
                continue
            }
            try fire(rule, fans: matched, context: context, event: ref, depth: event.depth, started: started)
        }
    }

    /// A condition that could not be evaluated: a `failed` run that fires nothing.
    func recordFailure(rule: DeployedRule, event: RunLog.EventRef?, at time: Int64, error: Error) throws {
        _ = try log.insertRun(rule: rule, event: event, triggeredAt: time, matchedFans: 0,
                              outcome: .failed, error: String(describing: error))
        report.runs += 1
        report.errors += 1
    }

    /// Writes the run of a rule whose condition held for `fans` at `context.now`,
    /// then, per fan, either its firing and actions or (held back by cooldown or
    /// limit) its skipped action rows. The run row is append-only, so everything
    /// it records is decided before it is inserted.
    func fire(_ rule: DeployedRule, fans: [Int64], context: EvaluationContext, event: RunLog.EventRef?,
              depth: Int, started: ContinuousClock.Instant) throws {
        let time = context.now
        let decisions = try fans.map { fan in (fan: fan, holdBack: try log.holdBack(rule: rule, fanID: fan, at: time)) }
        let elapsed = ContinuousClock.now - started
        let runID = try log.insertRun(rule: rule, event: event, triggeredAt: time, matchedFans: fans.count,
                                      outcome: fans.isEmpty ? .noMatch : .matched,
                                      durationMilliseconds: elapsed.components.seconds * 1_000
                                          + elapsed.components.attoseconds / 1_000_000_000_000_000)
        report.runs += 1
        for (fan, holdBack) in decisions {
            if let holdBack {
                report.rules[rule.name, default: RunReport.RuleActivity()].heldBack += 1
                for (index, action) in rule.rule.actions.enumerated() {
                    do {
                        try store.recoverable {
                            try skip(action, index: index, rule: rule, runID: runID, fanID: fan, context: context, reason: holdBack)
                        }
                    } catch {
                        report.errors += 1
                        report.noteAction(rule: rule.name, .init(.failed, "action"))
                    }
                }
            } else {
                try log.recordFiring(rule: rule, fanID: fan, runID: runID, at: time)
                report.rules[rule.name, default: RunReport.RuleActivity()].fired += 1
                for (index, action) in rule.rule.actions.enumerated() {
                    try perform(action, index: index, rule: rule, runID: runID, fanID: fan, context: context, depth: depth)
                }
            }
        }
    }

    /// One action of a firing: queued for approval, delayed, or executed now.
    /// It runs in a savepoint, so a failing action undoes only itself and is
    /// recorded as failed while the batch goes on.
    private func perform(_ action: CheckedAction, index: Int, rule: DeployedRule, runID: Int64, fanID: Int64,
                         context: EvaluationContext, depth: Int) throws {
        let time = context.now
        var prepared: PreparedAction?
        var raised: [Int64] = []
        var failedEffect = false
        var held: PolicyEffect?
        do {
            try store.transaction {
                let ready = try preparer.prepare(action, index: index, rule: rule, runID: runID, fanID: fanID, context: context)
                prepared = ready
                if ready.requiresApproval {
                    _ = try approvals.enqueue(ready, now: time)
                } else if let after = ready.afterSeconds {
                    try delayed.schedule(ready, dueAt: time + after, now: time)
                } else {
                    let effect = try effects.execute(ready, now: time, hitlID: nil)
                    raised = effect.tagEvents
                    failedEffect = effect.failures > 0
                    held = effect.policy
                }
            }
        } catch {
            report.errors += 1
            report.noteAction(rule: rule.name, .init(.failed, prepared?.actionType ?? "action"))
            if let prepared {
                try effects.record(prepared, outcome: "failed", reason: String(describing: error), hitlID: nil, at: time)
            }
            return
        }
        guard let ready = prepared else { return }
        if ready.requiresApproval {
            report.queuedForApproval += 1
            report.noteAction(rule: rule.name, .init(.queuedForApproval, ready.actionType))
        } else if ready.afterSeconds != nil {
            report.scheduled += 1
            report.noteAction(rule: rule.name, .init(.scheduled, ready.actionType))
        } else if let held {
            report.notePolicy(held, rule: rule.name, actionType: ready.actionType)
        } else if failedEffect {
            // Recorded `failed` with its reason (a template gone, no account to send on).
            report.errors += 1
            report.noteAction(rule: rule.name, .init(.failed, ready.actionType))
        } else {
            report.actions += 1
            report.noteAction(rule: rule.name, .init(.executed, ready.actionType))
        }
        try raise(raised, parentDepth: depth)
    }

    /// The action rows of a fan held back by cooldown or limit: outcome
    /// `skipped`, the reason saying which.
    private func skip(_ action: CheckedAction, index: Int, rule: DeployedRule, runID: Int64, fanID: Int64,
                      context: EvaluationContext, reason: HoldBack) throws {
        let prepared = try preparer.prepare(action, index: index, rule: rule, runID: runID, fanID: fanID, context: context)
        try effects.record(prepared, outcome: "skipped", reason: reason.rawValue, hitlID: nil, at: context.now)
        report.noteAction(rule: rule.name, .init(.skipped, prepared.actionType, reason: reason.rawValue))
    }
}
