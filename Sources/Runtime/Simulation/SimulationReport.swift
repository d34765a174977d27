import Store

/// What a backtest found (RULEC.md `rulec simulate`; docs/SIMULATE.md), per rule.
public struct SimulationReport: Sendable, Equatable {
    public struct RuleResult: Sendable, Equatable {
        public var rule: String
        /// Firings: one per fan the rule acted for (held-back fans excluded).
        public var fired = 0
        /// The distinct fans of those firings, ascending.
        public var fanIDs: [Int64] = []
        /// Fans whose match cooldown or limit held back.
        public var heldBack = 0
        /// Actions carried out or scheduled (`after`) by type; queued, held-back
        /// and policy-held ones are not.
        public var actions: [String: Int] = ["send": 0, "tag": 0, "untag": 0, "note": 0]
        public var queuedForApproval = 0
        /// Sends the program's policy held (LANGUAGE.md §11): skipped by a
        /// frequency cap, or deferred to the end of quiet hours (counted once
        /// even when a cap skips it when it comes due).
        public var heldByPolicy = 0
        /// Those sends by what held them: `frequency cap: 2 sends per fan per 1d`,
        /// `quiet hours 22:00 to 08:00` (a send deferred, then skipped, counts under both).
        public var heldByPolicyReasons: [String: Int] = [:]

        public var fans: Int { fanIDs.count }

        public init(rule: String) { self.rule = rule }
    }

    public var from: Int64
    public var to: Int64
    /// Source events replayed (rule-raised cascades not counted).
    public var events = 0
    /// Engine batches the replay ran, and groups it had to roll back and
    /// replay shorter after all (the backstop of `ReplayBatch`; docs/SIMULATE.md); not part of the JSON.
    public var batches = 0, splits = 0
    /// Every rule of the simulated program, in its source order.
    public var rules: [RuleResult] = []
    /// Fields the program reads that the store keeps no history of.
    public var caveats: [String] = []

    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }

    public func rule(named name: String) -> RuleResult? { rules.first { $0.rule == name } }
}

/// The ids at which the audit tables stood before a run, so that what the
/// engine wrote since can be read back; the same reading serves the backtest
/// and a test comparing it with what `rulec run` really wrote.
public struct AuditMarks: Sendable, Equatable {
    public var runs: Int64, actions: Int64, firings: Int64, approvals: Int64, delayed: Int64

    public static func current(in store: CreatorStore) throws -> AuditMarks {
        func top(_ table: String) throws -> Int64 {
            try store.scalar("SELECT coalesce(max(id), 0) FROM \(table) WHERE user_id = :user").int64 ?? 0
        }
        return AuditMarks(runs: try top("automation_rule_runs"), actions: try top("automation_rule_actions"),
                          firings: try top("automation_rule_firings"), approvals: try top("hitl_action_queue"),
                          delayed: try top("automation_scheduled_actions"))
    }

    /// Per rule name, what the engine wrote after these marks.
    public func results(in store: CreatorStore, ruleNames: [String]) throws -> [SimulationReport.RuleResult] {
        // Which actions have `after`: a delayed-action row of one without it is a send the policy deferred.
        var delays: [String: [CheckedActionDelay]] = [:]
        let program = try DeployedProgram.load(from: store)?.program
        let quiet = "quiet hours " + (program?.policy?.quietHours?.description ?? "")
        for rule in program?.rules ?? [] {
            delays[rule.name] = rule.actions.map { $0.after == nil ? .none : $0.afterSeconds.map(CheckedActionDelay.seconds) ?? .unknown }
        }
        var byID: [Int64: String] = [:]
        try store.forEachRow("SELECT id, name FROM automation_rules WHERE user_id = :user") { byID[$0.int64(0)] = $0.string(1) }
        var results = Dictionary(uniqueKeysWithValues: ruleNames.map { ($0, SimulationReport.RuleResult(rule: $0)) })
        func update(_ ruleID: Int64, _ change: (inout SimulationReport.RuleResult) -> Void) {
            guard let name = byID[ruleID], results[name] != nil else { return }
            change(&results[name]!)
        }
        var fans: [String: Set<Int64>] = [:]
        try store.forEachRow("SELECT rule_id, fan_id FROM automation_rule_firings WHERE user_id = :user AND id > ?", [.integer(firings)]) { row in
            update(row.int64(0)) { $0.fired += 1 }
            if let name = byID[row.int64(0)] { fans[name, default: []].insert(row.int64(1)) }
        }
        try store.forEachRow("""
            SELECT rule_id, count(DISTINCT run_id || ':' || fan_id) FROM automation_rule_actions
            WHERE user_id = :user AND id > ? AND outcome = 'skipped' AND reason IN ('cooldown', 'limit') GROUP BY rule_id
            """, [.integer(actions)]) { row in update(row.int64(0)) { $0.heldBack += row.int(1) } }
        // Carried out at once: an executed row that is neither a delayed action
        // (counted when scheduled, below) nor an approved one.
        try store.forEachRow("""
            SELECT a.rule_id, a.action_type, count(*) FROM automation_rule_actions a
            WHERE a.user_id = :user AND a.id > ? AND a.run_id > ? AND a.outcome = 'executed' AND a.hitl_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM automation_scheduled_actions s WHERE s.user_id = a.user_id AND s.run_id = a.run_id
                            AND s.fan_id = a.fan_id AND s.action_index = a.action_index)
            GROUP BY a.rule_id, a.action_type
            """, [.integer(actions), .integer(runs)]) { row in update(row.int64(0)) { $0.actions[row.string(1), default: 0] += row.int(2) } }
        // A delayed-action row is an `after` action scheduled, or a send the
        // policy deferred: one without `after`, or one whose due time is not
        // its run's time plus the delay (deferred again when it came due).
        var held: [String: Set<String>] = [:]
        try store.forEachRow("""
            SELECT s.rule_id, s.action_type, s.action_index, s.due_at, r.triggered_at, s.run_id, s.fan_id
            FROM automation_scheduled_actions s JOIN automation_rule_runs r ON r.user_id = s.user_id AND r.id = s.run_id
            WHERE s.user_id = :user AND s.id > ? AND s.hitl_id IS NULL
            """, [.integer(delayed)]) { row in
            guard let name = byID[row.int64(0)] else { return }
            let index = row.int(2)
            let delay = delays[name].flatMap { index < $0.count ? $0[index] : nil } ?? .unknown
            let deferred = switch delay {
            case .none: true
            case .seconds(let seconds): row.int64(3) != row.int64(4) + seconds
            case .unknown: false
            }
            if deferred {
                held[name, default: []].insert("\(row.int64(5)):\(row.int64(6)):\(index)")
                update(row.int64(0)) { $0.heldByPolicyReasons[quiet, default: 0] += 1 }
            } else {
                update(row.int64(0)) { $0.actions[row.string(1), default: 0] += 1 }
            }
        }
        try store.forEachRow("""
            SELECT rule_id, run_id, fan_id, action_index, reason FROM automation_rule_actions
            WHERE user_id = :user AND id > ? AND outcome = 'skipped' AND reason LIKE 'frequency cap:%'
            """, [.integer(actions)]) { row in
            if let name = byID[row.int64(0)] { held[name, default: []].insert("\(row.int64(1)):\(row.int64(2)):\(row.int(3))") }
            update(row.int64(0)) { $0.heldByPolicyReasons[row.string(4), default: 0] += 1 }
        }
        for (name, sends) in held where results[name] != nil { results[name]!.heldByPolicy = sends.count }
        try store.forEachRow("SELECT rule_id, count(*) FROM hitl_action_queue WHERE user_id = :user AND id > ? GROUP BY rule_id",
                             [.integer(approvals)]) { row in update(row.int64(0)) { $0.queuedForApproval += row.int(1) } }
        return ruleNames.map { name in
            var result = results[name]!
            result.fanIDs = (fans[name] ?? []).sorted()
            return result
        }
    }
}

/// An action's `after`, as the audit reading needs it.
private enum CheckedActionDelay {
    /// No `after`.
    case none
    case seconds(Int64)
    /// An `after` whose length is only known when it is scheduled.
    case unknown
}
