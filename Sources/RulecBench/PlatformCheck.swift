import Foundation
import Store

/// The `platform` benchmark's self-check: what `rulec run --all-creators` did
/// for each creator, as a digest that ignores which ids the store handed out,
/// so creators made from the same seed compare equal whichever way they were
/// prepared (seeded and deployed one by one, or copied in SQL by
/// `PlatformReplicator`, whose copies keep the template's ids).
///
/// A creator's digest covers every rule run (rule name, trigger, event source,
/// the event's rank among that source's events the creator's runs saw, time,
/// fans matched, outcome, error) and every action row (rule, fan by rank among
/// the creator's fans, index, type, parameters with an `account_id` as the
/// account's rank, outcome, reason, time, and its run's event), sorted,
/// hashed with FNV-1a. A delayed action counts as scheduled (its due time),
/// not by whether it ran: `run --once` executes an action that fell due during
/// a batch only in a later batch of that creator, and with several workers a
/// creator may get that later batch from a second worker's pass (the same
/// rule runs, a few more delayed sends executed).
enum PlatformCheck {
    struct Outcome { var runs = 0, actions = 0, lines: [String] = [] }

    static func digests(_ database: Database) throws -> [String: (runs: Int, actions: Int, digest: UInt64)] {
        var outcomes: [String: Outcome] = [:]
        let events = """
            SELECT user_id, event_source, event_id, dense_rank() OVER (PARTITION BY user_id, event_source ORDER BY event_id) AS n
            FROM (SELECT DISTINCT user_id, event_source, event_id FROM automation_rule_runs) AS seen
            """
        try database.forEachRow("""
            SELECT r.user_id, rule.name, r.trigger, r.event_source, coalesce(e.n, 0), r.triggered_at, r.matched_fan_count,
                   r.outcome, coalesce(r.error, '')
            FROM automation_rule_runs AS r
            JOIN automation_rules AS rule ON rule.user_id = r.user_id AND rule.id = r.rule_id
            LEFT JOIN (\(events)) AS e ON e.user_id = r.user_id AND e.event_source = r.event_source AND e.event_id = r.event_id
            """) { row in
            let values = row.values
            guard let user = values[0].string else { return }
            outcomes[user, default: Outcome()].runs += 1
            outcomes[user, default: Outcome()].lines.append("run " + values.dropFirst().map(\.description).joined(separator: "|"))
        }
        // A send's parameters name the fan's account by id: ranked too.
        var accounts: [String: [Int64: Int64]] = [:]
        try database.forEachRow("""
            SELECT user_id, id, row_number() OVER (PARTITION BY user_id ORDER BY id) FROM fan_platform_accounts
            """) { row in
            guard let user = row[0].string, let id = row[1].int64, let rank = row[2].int64 else { return }
            accounts[user, default: [:]][id] = rank
        }
        let accountID = try Regex(#""account_id":(\d+)"#)
        // Executed actions and delayed ones (by their due time) read the same
        // rule, run, event rank and fan rank through these joins.
        func rankingJoins(_ alias: String) -> String {
            """
            JOIN automation_rules AS rule ON rule.user_id = \(alias).user_id AND rule.id = \(alias).rule_id
            JOIN automation_rule_runs AS r ON r.user_id = \(alias).user_id AND r.id = \(alias).run_id
            LEFT JOIN (\(events)) AS e ON e.user_id = r.user_id AND e.event_source = r.event_source AND e.event_id = r.event_id
            LEFT JOIN (SELECT user_id, id, row_number() OVER (PARTITION BY user_id ORDER BY id) AS n FROM fan_profiles) AS f
                ON f.user_id = \(alias).user_id AND f.id = \(alias).fan_id
            """
        }
        try database.forEachRow("""
            SELECT a.user_id, rule.name, coalesce(f.n, 0), a.action_index, a.action_type, a.params_json, a.outcome,
                   coalesce(a.reason, ''), a.executed_at, r.event_source, coalesce(e.n, 0)
            FROM automation_rule_actions AS a
            \(rankingJoins("a"))
            WHERE NOT EXISTS (SELECT 1 FROM automation_scheduled_actions AS s
                              WHERE s.user_id = a.user_id AND s.run_id = a.run_id AND s.action_index = a.action_index)
            UNION ALL
            SELECT s.user_id, rule.name, coalesce(f.n, 0), s.action_index, 'delayed ' || s.action_type, s.params_json, '', '',
                   s.due_at, r.event_source, coalesce(e.n, 0)
            FROM automation_scheduled_actions AS s
            \(rankingJoins("s"))
            """) { row in
            let values = row.values
            guard let user = values[0].string else { return }
            outcomes[user, default: Outcome()].actions += 1
            let line = values.dropFirst().map(\.description).joined(separator: "|")
            let ranked = line.replacing(accountID) { match in
                let id = match.output[1].substring.flatMap { Int64($0) } ?? -1
                return "\"account\":#\(accounts[user]?[id] ?? -1)"
            }
            outcomes[user, default: Outcome()].lines.append("action " + ranked)
        }
        return outcomes.mapValues { ($0.runs, $0.actions, fnv1a($0.lines.sorted().joined(separator: "\n"))) }
    }

    /// Checks that every creator's digest equals its template's (`template(creator)`),
    /// and returns one line for the benchmark's output, with a digest of all
    /// templates' digests to compare between two preparations.
    static func report(_ database: Database, creators: [String], template: (String) -> String) throws -> String {
        let digests = try digests(database)
        let none = (runs: 0, actions: 0, digest: fnv1a(""))
        var differing: [String] = []
        for creator in creators where (digests[creator] ?? none).digest != (digests[template(creator)] ?? none).digest {
            differing.append(creator)
        }
        let templates = Set(creators.map(template)).sorted()
        let overall = fnv1a(templates.map { String((digests[$0] ?? none).digest, radix: 16) }.joined(separator: ","))
        let summary = "\(templates.count) template\(templates.count == 1 ? "" : "s"), fingerprint \(String(overall, radix: 16))"
        if differing.isEmpty {
            return "check: every creator's rule runs and actions equal its template's (\(summary))"
        }
        return "check FAILED: \(differing.count) creators differ from their template, e.g. "
            + differing.prefix(5).joined(separator: ", ") + " (\(summary))"
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
