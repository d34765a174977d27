import Semantics
import Store

/// Whether a rule's `cooldown` or `limit` would keep it from firing for a fan
/// at `now`, judged from the firings the engine recorded
/// (`automation_rule_firings`, windows `(now − D, now]`, docs/RUNTIME.md).
public struct HoldBackCheck: Sendable, Equatable {
    /// `cooldown 1d`, `limit 1 per fan per 90d`.
    public var clause: String
    /// nil when the store cannot tell (no firing history for this rule).
    public var holdsBack: Bool?
    public var reason: String

    /// One check per clause the rule has; empty when it has neither. With an
    /// event, a firing for that very event does not count: asked after the
    /// fact, the question is whether earlier firings held this one back.
    public static func checks(for rule: CheckedRule, fanID: Int64, now: Int64, store: CreatorStore,
                              event: (source: String, id: Int64)? = nil) throws -> [HoldBackCheck] {
        var clauses: [(String, Clause)] = []
        if let cooldown = rule.cooldownSeconds {
            clauses.append(("cooldown " + Value.duration(cooldown).description, .cooldown(cooldown)))
        }
        if let limit = rule.limit {
            let text = "limit \(limit.count) per fan" + (limit.windowSeconds.map { " per " + Value.duration($0).description } ?? "")
            clauses.append((text, .limit(limit)))
        }
        guard !clauses.isEmpty else { return [] }
        guard let ruleID = try deployedRuleID(rule.name, store: store) else {
            return clauses.map {
                HoldBackCheck(clause: $0.0, holdsBack: nil, reason: "the rule is not deployed in this store, so it has no recorded firings")
            }
        }
        return try clauses.map { text, clause in
            try check(clause, text: text, ruleID: ruleID, fanID: fanID, now: now, store: store, event: event)
        }
    }

    private enum Clause {
        case cooldown(Int64)
        case limit(RuleLimit)
    }

    private static func check(_ clause: Clause, text: String, ruleID: Int64, fanID: Int64, now: Int64, store: CreatorStore,
                              event: (source: String, id: Int64)?) throws -> HoldBackCheck {
        switch clause {
        case .cooldown(let seconds):
            let last = try firings(ruleID: ruleID, fanID: fanID, after: now - seconds, upTo: now, store: store, excluding: event).last
            guard let last else { return HoldBackCheck(clause: text, holdsBack: false, reason: "no firing for this fan in the window") }
            return HoldBackCheck(clause: text, holdsBack: true, reason: "fired for this fan at \(Value.timestamp(last))")
        case .limit(let limit):
            let start = limit.windowSeconds.map { now - $0 } ?? Int64.min
            let count = try firings(ruleID: ruleID, fanID: fanID, after: start, upTo: now, store: store, excluding: event).count
            let scope = limit.windowSeconds == nil ? "ever" : "in the window"
            return HoldBackCheck(clause: text, holdsBack: Int64(count) >= limit.count,
                                 reason: "fired \(count) time\(count == 1 ? "" : "s") for this fan \(scope)")
        }
    }

    /// Firing times in `(after, upTo]`, ascending, leaving out the firing of `excluding`.
    private static func firings(ruleID: Int64, fanID: Int64, after: Int64, upTo: Int64, store: CreatorStore,
                                excluding event: (source: String, id: Int64)?) throws -> [Int64] {
        var sql = """
            SELECT f.fired_at FROM automation_rule_firings f JOIN automation_rule_runs r ON r.id = f.run_id
            WHERE f.user_id = :user AND f.rule_id = ? AND f.fan_id = ? AND f.fired_at > ? AND f.fired_at <= ?
            """
        var bindings: [SQLValue] = [.integer(ruleID), .integer(fanID), .integer(after), .integer(upTo)]
        if let event {
            sql += " AND NOT (r.event_source IS ? AND r.event_id IS ?)"
            bindings += [.text(event.source), .integer(event.id)]
        }
        return try store.rows(sql + " ORDER BY f.fired_at", bindings).compactMap { $0[0].int64 }
    }

    /// The automation_rules id when the rule is deployed and the store keeps firings.
    private static func deployedRuleID(_ name: String, store: CreatorStore) throws -> Int64? {
        guard try store.database.tableExists("automation_rule_firings") else { return nil }
        return try store.scalar("SELECT id FROM automation_rules WHERE user_id = :user AND name = ?", [.text(name)]).int64
    }
}
