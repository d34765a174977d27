import Semantics
import Store
import Syntax

/// Deploy's rule step: one `automation_rules` row per rule, inserted or
/// updated in place, and rules gone from the program paused.
///
/// Status (docs/RUNTIME.md): a rule whose source says `paused` is deployed
/// paused; a new rule starts active; otherwise a redeploy keeps what
/// `rulec pause`/`resume` set. `paused_by` says who paused a rule, so a pause
/// whose reason is gone (the `paused` clause was deleted, or a removed rule is
/// back) lifts on redeploy, while a user's pause stays.
///
/// Version: starts at 1 and goes up by one exactly when `plan_json` changes,
/// so an edited `let` or segment counts and a reformatted file does not.
struct RuleUpsert {
    let store: CreatorStore
    let now: Int64

    private struct Stored { var id: Int64; var status: String; var pausedBy: String?; var version: Int64; var planJSON: String }

    func apply(program: CheckedProgram, sources: [FileID: SourceFile], report: inout DeployReport) throws {
        var stored: [String: Stored] = [:]
        try store.forEachRow("SELECT id, name, status, paused_by, version, plan_json FROM automation_rules WHERE user_id = :user") { row in
            stored[row.string(1)] = Stored(id: row.int64(0), status: row.string(2), pausedBy: row.optionalString(3),
                                           version: row.int64(4), planJSON: row.string(5))
        }
        for rule in program.rules {
            let file = sources[rule.declaration.range.file]
            let source = file?.text(in: rule.declaration.range) ?? ""
            let plan = RulePlans(rule: rule, program: program).json.serialized()
            let trigger = RulePlans.triggerText(rule.trigger)
            let (status, pausedBy) = Self.status(of: rule, stored: stored[rule.name].map { ($0.status, $0.pausedBy) })
            let bindings: [SQLValue] = [.optional(rule.description), .text(source), .optional(file?.path), .text(trigger),
                                        .integer(rule.priority), .text(status), .optional(pausedBy)]
            guard let existing = stored.removeValue(forKey: rule.name) else {
                try store.execute("""
                    INSERT INTO automation_rules (user_id, description, source, source_file, trigger, priority, status, paused_by,
                                                  name, version, plan_json, created_at, updated_at)
                    VALUES (:user, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """, bindings + [.text(rule.name), .text(plan), .integer(now), .integer(now)])
                report.rulesAdded.append(rule.name)
                continue
            }
            let planChanged = existing.planJSON != plan
            let version = planChanged ? existing.version + 1 : existing.version
            try store.execute("""
                UPDATE automation_rules SET description = ?, source = ?, source_file = ?, trigger = ?, priority = ?, status = ?, paused_by = ?,
                    version = ?, plan_json = ?, updated_at = ?
                WHERE user_id = :user AND id = ?
                """, bindings + [.integer(version), .text(plan), .integer(now), .integer(existing.id)])
            if planChanged { report.rulesChanged.append(rule.name) } else { report.rulesUnchanged.append(rule.name) }
        }
        // What is left was deployed before and is gone now: paused, never deleted
        // (runs and actions refer to it). A user's pause keeps its author.
        for (name, rule) in stored.sorted(by: { $0.key < $1.key }) where rule.status == "active" || rule.pausedBy == "source" {
            try store.execute("""
                UPDATE automation_rules SET status = 'paused', paused_by = 'removed', updated_at = ? WHERE user_id = :user AND id = ?
                """, [.integer(now), .integer(rule.id)])
            if rule.status == "active" { report.rulesPaused.append(name) }
        }
    }

    /// The status a deployed rule gets, and who paused it.
    static func status(of rule: CheckedRule, stored: (status: String, pausedBy: String?)?) -> (String, String?) {
        if rule.isPaused { return ("paused", "source") }
        guard let stored else { return ("active", nil) }
        switch stored.pausedBy {
        case "source", "removed": return ("active", nil)   // the reason for the pause is gone
        default: return (stored.status, stored.pausedBy)  // active, or paused by the user
        }
    }
}
