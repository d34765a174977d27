import Store

/// The engine's audit writes and reads: `automation_rule_runs` (append-only,
/// so each row is inserted once with its final values) and
/// `automation_rule_firings`, which cooldowns and limits count.
struct RunLog {
    let store: CreatorStore
    /// The batch's run rows; `flushRuns` before the batch commits.
    private let runs: BufferedInserts

    init(store: CreatorStore) {
        self.store = store
        self.runs = BufferedInserts(store: store, table: "automation_rule_runs", columns: [
            "rule_id", "rule_version", "trigger", "event_source", "event_id", "triggered_at", "matched_fan_count",
            "outcome", "error", "duration_ms"])
    }

    /// Writes the run rows still waiting to be written.
    func flushRuns() throws { try runs.flush() }

    /// Where a run's event came from; nil for a schedule slot.
    struct EventRef {
        let source: EventSource
        let id: Int64
    }

    /// Writes the run's row (at once when `matched`, which later rows refer
    /// to; else possibly later in the batch, see `BufferedInserts`) and returns its id.
    func insertRun(rule: DeployedRule, event: EventRef?, triggeredAt: Int64, matchedFans: Int,
                   outcome: RunOutcome, error: String? = nil, durationMilliseconds: Int64 = 0) throws -> Int64 {
        try runs.insert([.integer(rule.id), .integer(rule.version), .text(rule.rule.trigger.displayName),
                         .optional(event?.source.rawValue), .optional(event?.id), .integer(triggeredAt),
                         .int(matchedFans), .text(outcome.rawValue), .optional(error), .integer(durationMilliseconds)],
                        referenced: outcome == .matched)
    }

    func recordFiring(rule: DeployedRule, fanID: Int64, runID: Int64, at time: Int64) throws {
        try store.execute("""
            INSERT INTO automation_rule_firings (user_id, rule_id, fan_id, run_id, fired_at) VALUES (:user, ?, ?, ?, ?)
            """, [.integer(rule.id), .integer(fanID), .integer(runID), .integer(time)])
    }

    /// Whether cooldown or limit holds the fan back at `time` (`FiringLimits`,
    /// which `rulec why` reports with too).
    func holdBack(rule: DeployedRule, fanID: Int64, at time: Int64) throws -> HoldBack? {
        try FiringLimits.holdBack(rule.rule, ruleID: rule.id, fanID: fanID, at: time, store: store)
    }

    /// The last slot a schedule rule fired for, if it has one.
    func lastSlot(rule: DeployedRule) throws -> Int64? {
        try store.scalar("SELECT last_slot_at FROM automation_schedule_state WHERE user_id = :user AND rule_id = ?",
                         [.integer(rule.id)]).int64
    }

    func setLastSlot(rule: DeployedRule, slot: Int64, now: Int64) throws {
        try store.execute("""
            INSERT INTO automation_schedule_state (user_id, rule_id, last_slot_at, updated_at) VALUES (:user, ?, ?, ?)
            ON CONFLICT (user_id, rule_id) DO UPDATE SET last_slot_at = excluded.last_slot_at, updated_at = excluded.updated_at
            """, [.integer(rule.id), .integer(slot), .integer(now)])
    }
}
