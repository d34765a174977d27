import Foundation
import Planning
import Semantics

/// A schedule rule's slot that is due in this batch.
struct DueSlot {
    let time: Int64
    let rule: DeployedRule
}

extension BatchRun {
    /// For each active schedule rule, its latest slot at or before the clock
    /// if that is later than the last slot it fired (missed slots do not fire
    /// one by one). A rule with no schedule state yet (deployed before state
    /// was kept) starts at its latest slot without firing, as deploy does.
    func dueScheduleSlots() throws -> [DueSlot] {
        var due: [DueSlot] = []
        for (rule, schedule) in rules.scheduleRules {
            let slot = ScheduleSlots.latestSlot(of: schedule, atOrBefore: clock, zone: zone)
            guard let last = try log.lastSlot(rule: rule) else {
                try log.setLastSlot(rule: rule, slot: slot, now: clock)
                continue
            }
            if slot > last { due.append(DueSlot(time: slot, rule: rule)) }
        }
        // Same second: the rules' firing order. `scheduleRules` is already in it,
        // and the sort is stable.
        return due.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// Evaluates a schedule rule over all of the creator's fans as one
    /// set-based query at the slot's time, fires for each (cooldown and limit
    /// per fan), and records the slot as fired.
    func fireSchedule(_ slot: DueSlot) throws {
        let rule = slot.rule
        try log.setLastSlot(rule: rule, slot: slot.time, now: clock)
        let context = EvaluationContext(now: slot.time, zone: zone, event: ["occurred_at": .timestamp(slot.time)])
        let started = ContinuousClock.now
        options.observer?.evaluating(rule: rule.name, fanID: nil, context: context)
        let matched: [Int64]
        do {
            guard let plan = rule.schedulePlan else {
                throw ScheduleError.missingPlan(rule: rule.name)
            }
            matched = try store.recoverable { try plans.fanIDs(plan, context: context) }
        } catch {
            try recordFailure(rule: rule, event: nil, at: slot.time, error: error)
            return
        }
        try fire(rule, fans: matched, context: context, event: nil, depth: 0, started: started)
    }
}

enum ScheduleError: Error, CustomStringConvertible {
    case missingPlan(rule: String)

    var description: String {
        switch self {
        case .missingPlan(let rule): "schedule rule \"\(rule)\" was deployed without an all-fans plan"
        }
    }
}
