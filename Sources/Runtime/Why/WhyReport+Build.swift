import Foundation
import Planning
import Semantics
import Store
import Syntax

extension WhyReport {
    /// What is asked: a rule of a checked program, a fan, and an event (for an
    /// event rule) or a slot (for a schedule rule), at a clock.
    public struct Question {
        public var rule: CheckedRule
        public var program: CheckedProgram
        public var files: [SourceFile]
        public var fanID: Int64
        public var event: EventReference?
        /// `--slot`; nil: the latest slot at or before the clock.
        public var slot: Int64?
        public var clock: Int64
        /// `run`'s options: the stale age decides like `run --stale-after`.
        public var options: EngineOptions

        public init(rule: CheckedRule, program: CheckedProgram, files: [SourceFile], fanID: Int64,
                    event: EventReference? = nil, slot: Int64? = nil, clock: Int64, options: EngineOptions = EngineOptions()) {
            self.rule = rule
            self.program = program
            self.files = files
            self.fanID = fanID
            self.event = event
            self.slot = slot
            self.clock = clock
            self.options = options
        }
    }

    /// Answers `question` from `store` with the engine's own tests, so the
    /// verdict is what `run` does (or did) with this fan at that time.
    public static func build(_ question: Question, store: CreatorStore) throws -> WhyReport {
        let rule = question.rule
        guard try store.scalar("SELECT 1 FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(question.fanID)]).int64 == 1 else {
            throw WhyError.unknownFan(creator: store.userID, fan: question.fanID)
        }
        let zone = try CreatorTimeZone.load(from: store)
        var report = WhyReport(rule: rule.name, fanID: question.fanID, event: question.event, eventTime: nil, slot: nil,
                               now: question.clock, clock: question.clock, slotIsLatest: false, tree: nil, limits: [], notes: [],
                               verdict: .fires, files: SourceFiles(question.files))
        // Decisions that come before the condition, in the engine's order; the first one found is the verdict.
        var before: WhyVerdict?
        let deployed = try store.cursor("SELECT id, status FROM automation_rules WHERE user_id = :user AND name = ?",
                                        [.text(rule.name)]).next().map { (id: $0.int64(0), status: $0.string(1)) }
        if let deployed, deployed.status != "active" { before = .paused }
        if deployed == nil { before = .notDeployed }

        var fields: [String: Value]?
        var asOf: FiringLimits.RunSelector?
        /// Whether `run` has a run of this rule on the event or slot.
        var handled = false
        switch rule.trigger {
        case .event(let spec, _):
            guard question.slot == nil else { throw WhyError.slotForEventRule }
            guard let reference = question.event else {
                report.notes.append("no --event given, so every event.* field of \(spec.name) is null and now is the clock")
                break
            }
            let seen = try EventView.load(reference, for: rule, spec: spec, program: question.program, store: store)
            guard seen.event.fanID == question.fanID else {
                throw WhyError.eventOfAnotherFan(reference, fan: seen.event.fanID, asked: question.fanID)
            }
            fields = seen.fields
            report.eventTime = seen.event.time
            report.now = seen.event.time
            asOf = .event(source: reference.source, id: reference.id)
            if before == nil, let reason = seen.notReceived { before = .notTriggered(reason: reason) }
            if before == nil, seen.event.time > question.clock { before = .notYet(at: seen.event.time) }
            if before == nil, question.options.isStale(eventTime: seen.event.time, clock: question.clock) {
                before = .stale(ageSeconds: question.clock - seen.event.time, staleAfterSeconds: question.options.staleAfterSeconds)
            }
            if let deployed {
                let notes = try recorded(.event(source: reference.source, id: reference.id), rule: rule, ruleID: deployed.id,
                                         fanID: question.fanID, store: store)
                handled = !notes.isEmpty
                report.notes += notes
            }
        case .schedule(let schedule):
            guard question.event == nil else { throw WhyError.eventForSchedule }
            let slot: Int64
            if let given = question.slot {
                let previous = ScheduleSlots.latestSlot(of: schedule, atOrBefore: given, zone: zone)
                guard previous == given else {
                    throw WhyError.notASlot(given: given, previous: previous)
                }
                slot = given
            } else {
                slot = ScheduleSlots.latestSlot(of: schedule, atOrBefore: question.clock, zone: zone)
                report.slotIsLatest = true
            }
            report.slot = slot
            report.now = slot
            fields = ["occurred_at": .timestamp(slot)]
            asOf = .slot(slot)
            if before == nil {
                before = try slotDecision(slot, schedule: schedule, ruleID: deployed?.id, clock: question.clock, zone: zone, store: store)
            }
            if let deployed {
                let notes = try recorded(.slot(slot), rule: rule, ruleID: deployed.id, fanID: question.fanID, store: store)
                handled = !notes.isEmpty
                report.notes += notes
            }
        }

        let holds: Bool
        if let condition = rule.condition {
            let context = EvaluationContext(now: report.now, zone: zone, event: fields)
            let tree = try WhyTrace.explain(condition, program: question.program, context: context,
                                            facts: StoreFanFacts(store: store, fanID: question.fanID))
            report.tree = tree
            holds = tree.holds
        } else {
            holds = true
        }
        report.limits = try limitChecks(rule, ruleID: deployed?.id, fanID: question.fanID, at: report.now, store: store, asOf: asOf)
        // The verdict's hold-back is the very call `run` makes for the whole rule.
        let holdBack = try deployed.flatMap {
            try FiringLimits.holdBack(rule, ruleID: $0.id, fanID: question.fanID, at: report.now, store: store, asOf: asOf)
        }
        report.verdict = verdict(before: before, holds: holds, holdBack: holdBack, limits: report.limits)
        let firesLater = if case .notYet = report.verdict { holds && holdBack == nil } else { false }
        if !handled, report.verdict == .fires || firesLater {
            report.policy = try policyChecks(rule, program: question.program, ruleID: deployed?.id, fanID: question.fanID,
                                             at: report.now, store: store)
        }
        return report
    }

    /// What the policy does to each send of a firing at `now`, in action
    /// order, by `PolicyGate.decide`, the call `run` makes before a send
    /// executes: a send the rule made just before counts for the next one.
    /// Other rules on the same event run first when their priority is higher,
    /// and their sends count too: `why` looks at this rule alone.
    private static func policyChecks(_ rule: CheckedRule, program: CheckedProgram, ruleID: Int64?, fanID: Int64, at now: Int64,
                                     store: CreatorStore) throws -> [PolicyCheck] {
        guard let gate = try PolicyGate.make(program: program, store: store) else { return [] }
        var checks: [PolicyCheck] = []
        var executed = 0
        for (index, action) in rule.actions.enumerated() {
            guard case .send(let template, _, _) = action.kind else { continue }
            var check = PolicyCheck(action: index + 1, template: template, at: now, decision: "executes", until: nil, reason: "")
            if rule.declaration.bypassesPolicy {
                check.decision = "bypasses"
                check.reason = "the rule has `bypass policy`: its sends neither wait nor count"
            } else if action.requiresApproval {
                check.at = nil
                check.decision = "at_approval"
                check.reason = "it waits for approval; the policy decides when it is approved and executes"
            } else if action.after != nil, action.afterSeconds == nil {
                check.at = nil
                check.decision = "when_due"
                check.reason = "its delay is computed when it is scheduled; the policy decides when it falls due"
            } else {
                let delay = action.afterSeconds
                let time = now + (delay ?? 0)
                check.at = time
                let due = delay == nil ? "" : "when it falls due at \(Value.timestamp(time)), as the store stands now: "
                switch try gate.decide(ruleID: ruleID ?? -1, fanID: fanID, at: time, alsoCounting: delay == nil ? executed : 0) {
                case .execute:
                    check.reason = due + "no cap is reached" + (gate.policy.quietHours.map { " and it is outside quiet hours \($0)" } ?? "")
                    if delay == nil { executed += 1 }
                case .deferUntil(let until):
                    check.decision = "deferred"
                    check.until = until
                    check.reason = due + "inside quiet hours \(gate.policy.quietHours?.description ?? "") on the fan's clock: "
                        + "it waits until \(Value.timestamp(until)), when the caps are checked"
                case .skip(let reason):
                    check.decision = "skipped"
                    check.reason = due + reason
                }
            }
            checks.append(check)
        }
        return checks
    }

    /// Paused, undeployed, untriggered, not yet and stale come before the
    /// condition, as in `run`; then the clause `FiringLimits` says holds back.
    private static func verdict(before: WhyVerdict?, holds: Bool, holdBack: HoldBack?, limits: [LimitCheck]) -> WhyVerdict {
        if let before { return before }
        guard holds else { return .doesNotMatch }
        if let holdBack {
            let check = limits.first { $0.kind == holdBack.rawValue }
            return .heldBack(clause: check?.clause ?? holdBack.rawValue, kind: holdBack.rawValue, by: check?.firings.first)
        }
        return .fires
    }

    /// One check per clause, each decided by `FiringLimits.holdBack` on the
    /// rule with only that clause (cooldown is looked at first, as `run` does).
    private static func limitChecks(_ rule: CheckedRule, ruleID: Int64?, fanID: Int64, at time: Int64, store: CreatorStore,
                                    asOf: FiringLimits.RunSelector?) throws -> [LimitCheck] {
        var clauses: [(String, HoldBack, CheckedRule)] = []
        if let cooldown = rule.cooldownSeconds {
            var only = rule
            only.limit = nil
            clauses.append(("cooldown " + Value.duration(cooldown).description, .cooldown, only))
        }
        if let limit = rule.limit {
            var only = rule
            only.cooldownSeconds = nil
            let text = "limit \(limit.count) per fan" + (limit.windowSeconds.map { " per " + Value.duration($0).description } ?? "")
            clauses.append((text, .limit, only))
        }
        return try clauses.map { text, kind, only in
            guard let ruleID else {
                return LimitCheck(clause: text, kind: kind.rawValue, holdsBack: nil, firings: [],
                                  reason: "the rule is not deployed in this store, so it has no recorded firings")
            }
            let decision = try FiringLimits.holdBack(only, ruleID: ruleID, fanID: fanID, at: time, store: store, asOf: asOf)
            let firings = try FiringLimits.firings(ruleID: ruleID, fanID: fanID,
                                                   after: FiringLimits.windowStart(of: kind, rule, at: time), through: time,
                                                   store: store, asOf: asOf)
            let scope = kind == .limit && rule.limit?.windowSeconds == nil ? "ever" : "in the window"
            var reason = "fired \(firings.count) time\(firings.count == 1 ? "" : "s") for this fan \(scope)"
            if let latest = firings.first { reason += "; latest at \(latest.description)" }
            return LimitCheck(clause: text, kind: kind.rawValue, holdsBack: decision != nil, firings: firings, reason: reason)
        }
    }

    /// Whether `run` evaluates the slot (nil) or not. It evaluates a slot it has
    /// a run row for (already done), or the latest slot at or before the clock
    /// when that is after the last slot it handled; a rule without schedule
    /// state starts at its latest slot without firing, and missed slots never
    /// fire one by one (`BatchRun.dueScheduleSlots`).
    private static func slotDecision(_ slot: Int64, schedule: Schedule, ruleID: Int64?, clock: Int64, zone: TimeZone,
                                     store: CreatorStore) throws -> WhyVerdict? {
        if slot > clock { return .notYet(at: slot) }
        guard let ruleID else { return nil }  // not deployed: that verdict is already set
        let ran = try store.scalar("""
            SELECT count(*) FROM automation_rule_runs WHERE user_id = :user AND rule_id = ? AND event_source IS NULL AND triggered_at = ?
            """, [.integer(ruleID), .integer(slot)]).int64 ?? 0
        if ran > 0 { return nil }
        let last = try store.scalar("SELECT last_slot_at FROM automation_schedule_state WHERE user_id = :user AND rule_id = ?",
                                    [.integer(ruleID)]).int64
        let latest = ScheduleSlots.latestSlot(of: schedule, atOrBefore: clock, zone: zone)
        guard let last else {
            return .slotSkipped(reason: "the rule has no schedule state yet, so run starts its schedule at this slot without firing")
        }
        if slot == latest && slot > last { return nil }
        if slot <= last {
            return .slotSkipped(reason: "run went past this slot without evaluating it: the schedule started after it (at deploy), "
                                + "or run was not running then and missed slots do not fire one by one")
        }
        return .slotSkipped(reason: "a later slot, \(Value.timestamp(latest)), is due at the clock, and missed slots do not fire one by one")
    }

    /// What `run` recorded for this rule and event or slot, when it has handled it.
    private static func recorded(_ run: FiringLimits.RunSelector, rule: CheckedRule, ruleID: Int64, fanID: Int64,
                                 store: CreatorStore) throws -> [String] {
        let (clause, values) = run.runFilter
        let rows = try store.rows("""
            SELECT r.id, r.outcome, (SELECT count(*) FROM automation_rule_firings f WHERE f.user_id = :user AND f.run_id = r.id AND f.fan_id = ?)
            FROM automation_rule_runs r WHERE r.user_id = :user AND r.rule_id = ? AND \(clause) ORDER BY r.id
            """, [.integer(fanID), .integer(ruleID)] + values)
        let what = if case .slot = run { "slot" } else { "event" }
        return try rows.flatMap { row in
            let outcome = row[1].string ?? "?"
            let fired = (row[2].int64 ?? 0) > 0
            let handled = "run has handled this \(what): run \(row[0].int64 ?? 0), \(outcome)"
                + (fired ? ", fired for this fan" : outcome == "matched" ? (what == "event" ? ", held back for this fan" : ", did not fire for this fan") : "")
            return [handled] + (try policyNotes(runID: row[0].int64 ?? 0, rule: rule, fanID: fanID, store: store))
        }
    }

    /// Sends of that run the policy skipped (LANGUAGE.md §11), with the limit
    /// that held each, and those it deferred to the end of quiet hours (a
    /// send without `after` that has a delayed-action row).
    private static func policyNotes(runID: Int64, rule: CheckedRule, fanID: Int64, store: CreatorStore) throws -> [String] {
        let skipped = try store.rows("""
            SELECT action_index, reason FROM automation_rule_actions
            WHERE user_id = :user AND run_id = ? AND fan_id = ? AND outcome = 'skipped' AND reason LIKE 'frequency cap:%'
            ORDER BY action_index
            """, [.integer(runID), .integer(fanID)]).map { row in
            "the policy held back action \((row[0].int64 ?? 0) + 1) (a send): \(row[1].string ?? "")"
        }
        let deferred = try store.rows("""
            SELECT action_index, due_at, status FROM automation_scheduled_actions
            WHERE user_id = :user AND run_id = ? AND fan_id = ? AND action_type = 'send' ORDER BY action_index
            """, [.integer(runID), .integer(fanID)]).compactMap { row -> String? in
            let index = Int(row[0].int64 ?? 0)
            guard index < rule.actions.count, rule.actions[index].after == nil else { return nil }
            let due = Value.timestamp(row[1].int64 ?? 0)
            let state = row[2].string == "pending" ? "it waits until \(due)" : "it came due at \(due)"
            return "the policy deferred action \(index + 1) (a send) to the end of quiet hours on the fan's clock: \(state)"
        }
        return skipped + deferred
    }
}
