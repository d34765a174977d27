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
        /// Actions carried out or scheduled (`after`) by type; queued and held-back ones are not.
        public var actions: [String: Int] = ["send": 0, "tag": 0, "untag": 0, "note": 0]
        public var queuedForApproval = 0
        /// Actions a sending policy would have held (0: no policy exists yet).
        public var heldByPolicy = 0

        public var fans: Int { fanIDs.count }

        public init(rule: String) { self.rule = rule }
    }

    public var from: Int64
    public var to: Int64
    /// Source events replayed (rule-raised cascades not counted).
    public var events = 0
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
        try store.forEachRow("""
            SELECT rule_id, action_type, count(*) FROM automation_scheduled_actions
            WHERE user_id = :user AND id > ? AND hitl_id IS NULL GROUP BY rule_id, action_type
            """, [.integer(delayed)]) { row in update(row.int64(0)) { $0.actions[row.string(1), default: 0] += row.int(2) } }
        try store.forEachRow("SELECT rule_id, count(*) FROM hitl_action_queue WHERE user_id = :user AND id > ? GROUP BY rule_id",
                             [.integer(approvals)]) { row in update(row.int64(0)) { $0.queuedForApproval += row.int(1) } }
        return ruleNames.map { name in
            var result = results[name]!
            result.fanIDs = (fans[name] ?? []).sorted()
            return result
        }
    }
}
