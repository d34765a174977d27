import Semantics
import Store

/// The cooldown and limit decision (LANGUAGE.md §8, docs/RUNTIME.md): one
/// function that `run` decides with and `rulec why` reports with, so the two
/// can never disagree. Both clauses count the rule's firings for this person
/// (every platform account is one fan_id) in the window `(time − D, time]`.
enum FiringLimits {
    /// Which clause holds the fan back at `time`, or nil when it may fire.
    /// `asOf` names an event or slot `run` may already have handled: then only
    /// the firings recorded before its run count (run ids grow as runs are
    /// written), which is exactly what `run` counted when it decided, even
    /// when it handled a later event first. The engine itself passes nil.
    static func holdBack(_ rule: CheckedRule, ruleID: Int64, fanID: Int64, at time: Int64, store: CreatorStore,
                         asOf: RunSelector? = nil) throws -> HoldBack? {
        if let cooldown = rule.cooldownSeconds,
           try firings(ruleID: ruleID, fanID: fanID, after: time - cooldown, through: time, store: store, asOf: asOf) > 0 {
            return .cooldown
        }
        if let limit = rule.limit {
            let since = limit.windowSeconds.map { time - $0 } ?? Int64.min
            if try firings(ruleID: ruleID, fanID: fanID, after: since, through: time, store: store, asOf: asOf) >= limit.count {
                return .limit
            }
        }
        return nil
    }

    /// What a run was for: an event row, or a schedule slot (no event,
    /// `triggered_at` the slot).
    enum RunSelector: Sendable, Equatable {
        case event(source: String, id: Int64)
        case slot(Int64)
    }

    /// The window a clause counts at `time`: `(start, time]`.
    static func windowStart(of holdBack: HoldBack, _ rule: CheckedRule, at time: Int64) -> Int64 {
        switch holdBack {
        case .cooldown: time - (rule.cooldownSeconds ?? 0)
        case .limit: rule.limit?.windowSeconds.map { time - $0 } ?? Int64.min
        }
    }

    /// The firings `holdBack` counts in `(after, through]`, latest first, with
    /// the run and event of each: what `rulec why` shows as the reason.
    static func firings(ruleID: Int64, fanID: Int64, after start: Int64, through end: Int64, store: CreatorStore,
                        asOf: RunSelector?) throws -> [WhyReport.Firing] {
        var sql = """
            SELECT f.fired_at, f.run_id, r.event_source, r.event_id FROM automation_rule_firings f
            JOIN automation_rule_runs r ON r.user_id = f.user_id AND r.id = f.run_id
            WHERE f.user_id = :user AND f.rule_id = ? AND f.fan_id = ? AND f.fired_at > ? AND f.fired_at <= ?
            """
        var bindings: [SQLValue] = [.integer(ruleID), .integer(fanID), .integer(start), .integer(end)]
        if let asOf {
            let (clause, values) = asOf.runFilter
            sql += " AND f.run_id < coalesce((SELECT min(id) FROM automation_rule_runs WHERE user_id = :user AND rule_id = ? AND \(clause)), f.run_id + 1)"
            bindings += [.integer(ruleID)] + values
        }
        return try store.rows(sql + " ORDER BY f.fired_at DESC, f.run_id DESC", bindings).map { row in
            WhyReport.Firing(firedAt: row[0].int64 ?? 0, runID: row[1].int64 ?? 0,
                             event: row[2].string.map { WhyReport.EventReference(source: $0, id: row[3].int64 ?? 0) })
        }
    }

    /// The engine's count, a constant so its hot path builds no string (the statement cache is keyed by the text).
    private static let countSQL = """
        SELECT count(*) FROM automation_rule_firings
        WHERE user_id = :user AND rule_id = ? AND fan_id = ? AND fired_at > ? AND fired_at <= ?
        """

    private static func firings(ruleID: Int64, fanID: Int64, after start: Int64, through end: Int64, store: CreatorStore,
                                asOf: RunSelector?) throws -> Int64 {
        var sql = countSQL
        var bindings: [SQLValue] = [.integer(ruleID), .integer(fanID), .integer(start), .integer(end)]
        if let asOf {
            let (clause, values) = asOf.runFilter
            sql += " AND run_id < coalesce((SELECT min(id) FROM automation_rule_runs WHERE user_id = :user AND rule_id = ? AND \(clause)), run_id + 1)"
            bindings += [.integer(ruleID)] + values
        }
        return try store.scalar(sql, bindings).int64 ?? 0
    }
}

extension FiringLimits.RunSelector {
    /// The `automation_rule_runs` condition that picks this run's rows.
    var runFilter: (String, [SQLValue]) {
        switch self {
        case .event(let source, let id): ("event_source = ? AND event_id = ?", [.text(source), .integer(id)])
        case .slot(let time): ("event_source IS NULL AND triggered_at = ?", [.integer(time)])
        }
    }
}
