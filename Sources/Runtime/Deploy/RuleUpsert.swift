import Semantics
import Store
import Syntax

/// Deploy's rule step: one `automation_rules` row per rule of the program,
/// inserted or updated in place; first decided (`plan`, which only reads and
/// fills the `DeployPlan`), then written (`apply`).
///
/// Status (docs/RUNTIME.md): a rule whose source says `paused` is deployed
/// paused; a new rule starts active; otherwise a redeploy keeps what
/// `rulec pause`/`resume` set. `paused_by` says who paused a rule: a pause
/// from the source lifts when `paused` is deleted; a rule pruned by
/// `deploy --prune` (`removed`) that comes back stays paused, now as a
/// user's pause that `rulec resume` lifts. Rules the source does not mention
/// are left as they are, unless `--prune` pauses them.
///
/// Version: starts at 1 and goes up by one exactly when `plan_json` changes,
/// so an edited `let` or segment counts and a reformatted file does not.
struct RuleUpsert {
    let store: CreatorStore
    let now: Int64

    struct Stored {
        var id: Int64, status: String, pausedBy: String?, version: Int64, planJSON: String, priority: Int64, description: String?
        var source: String, sourceFile: String?, trigger: String
    }

    /// One rule of the program and the row it gets.
    struct Decision {
        var rule: CheckedRule
        var existing: Stored?
        var status: String
        var pausedBy: String?
        var version: Int64
        var planJSON: String
        var source: String
        var path: String?
    }

    /// A row `--prune` pauses.
    struct Prune { var id: Int64; var pausedBy: String }

    static func stored(in store: CreatorStore) throws -> [String: Stored] {
        var stored: [String: Stored] = [:]
        try store.forEachRow(
            """
            SELECT id, name, status, paused_by, version, plan_json, priority, description, source, source_file, trigger
            FROM automation_rules WHERE user_id = :user
            """
        ) { row in
            stored[row.string(1)] = Stored(id: row.int64(0), status: row.string(2), pausedBy: row.optionalString(3), version: row.int64(4),
                                           planJSON: row.string(5), priority: row.int64(6), description: row.optionalString(7),
                                           source: row.string(8), sourceFile: row.optionalString(9), trigger: row.string(10))
        }
        return stored
    }

    /// Decides every rule's row and fills the rule part of `plan`; reads only.
    static func plan(program: CheckedProgram, sources: DeploySources, stored: [String: Stored],
                     into plan: inout DeployPlan) -> (decisions: [Decision], prunes: [Prune]) {
        let files = Dictionary(uniqueKeysWithValues: sources.files.map { ($0.id, $0) })
        var decisions: [Decision] = []
        for rule in program.rules {
            let file = files[rule.declaration.range.file]
            let planJSON = RulePlans(rule: rule, program: program).json.serialized()
            let existing = stored[rule.name]
            let (status, pausedBy) = status(of: rule, stored: existing)
            let version = existing.map { $0.planJSON == planJSON ? $0.version : $0.version + 1 } ?? 1
            decisions.append(Decision(rule: rule, existing: existing, status: status, pausedBy: pausedBy, version: version,
                                      planJSON: planJSON, source: file?.text(in: rule.declaration.range) ?? "", path: file?.path))
            let inSource = sources.sourceRules.contains(rule.name)
            guard let existing else {
                plan.added.append(.init(.rule, rule.name))
                if status == "paused" { plan.addedPaused.append(rule.name) }
                continue
            }
            var what = differences(from: existing, to: rule, planJSON: planJSON)
            if existing.status == "active" && status == "paused" { what.append("paused") }
            if existing.status == "paused" && status == "active" { what.append("resumed") }
            if existing.pausedBy == "removed" && status == "paused" { plan.staysPaused.append(rule.name) }
            if !what.isEmpty {
                plan.changed.append(.init(kind: .rule, name: rule.name, what: what,
                                          version: version != existing.version ? (existing.version, version) : nil))
            } else if inSource {
                plan.unchanged.append(.init(.rule, rule.name))
            }
        }
        // Rows the source does not mention: kept as they are, or pruned.
        let inProgram = Set(program.rules.map(\.name))
        var prunes: [Prune] = []
        for (name, row) in stored.sorted(by: { $0.key < $1.key }) where !sources.sourceRules.contains(name) {
            if plan.prunes {
                plan.pruned.append(.init(name: name, statusBefore: row.status))
                if row.status == "active" || row.pausedBy == "source" { prunes.append(Prune(id: row.id, pausedBy: "removed")) }
            } else {
                plan.kept.append(.init(name: name, status: row.status, inProgram: inProgram.contains(name)))
            }
        }
        return (decisions, prunes)
    }

    func apply(_ decisions: [Decision], prunes: [Prune]) throws {
        for decision in decisions {
            let rule = decision.rule
            let bindings: [SQLValue] = [.optional(rule.description), .text(decision.source), .optional(decision.path),
                                        .text(rule.trigger.sourceText), .integer(rule.priority), .text(decision.status),
                                        .optional(decision.pausedBy)]
            guard let existing = decision.existing else {
                try store.execute("""
                    INSERT INTO automation_rules (user_id, description, source, source_file, trigger, priority, status, paused_by,
                                                  name, version, plan_json, created_at, updated_at)
                    VALUES (:user, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """, bindings + [.text(rule.name), .text(decision.planJSON), .integer(now), .integer(now)])
                continue
            }
            // A rule nothing changed in keeps its row as it was, updated_at included
            // (`rulec rules` shows it as when the rule was deployed).
            guard existing.source != decision.source || existing.sourceFile != decision.path || existing.trigger != rule.trigger.sourceText
                || existing.priority != rule.priority || existing.description != rule.description || existing.status != decision.status
                || existing.pausedBy != decision.pausedBy || existing.planJSON != decision.planJSON else { continue }
            try store.execute("""
                UPDATE automation_rules SET description = ?, source = ?, source_file = ?, trigger = ?, priority = ?, status = ?, paused_by = ?,
                    version = ?, plan_json = ?, updated_at = ?
                WHERE user_id = :user AND id = ?
                """, bindings + [.integer(decision.version), .text(decision.planJSON), .integer(now), .integer(existing.id)])
        }
        // Pruned rules are paused, never deleted (runs and actions refer to them).
        for prune in prunes {
            try store.execute("UPDATE automation_rules SET status = 'paused', paused_by = ?, updated_at = ? WHERE user_id = :user AND id = ?",
                              [.text(prune.pausedBy), .integer(now), .integer(prune.id)])
        }
    }

    /// The status a deployed rule gets, and who paused it.
    static func status(of rule: CheckedRule, stored: Stored?) -> (String, String?) {
        if rule.isPaused { return ("paused", "source") }
        guard let stored else { return ("active", nil) }
        switch stored.pausedBy {
        case "source": return ("active", nil)  // `paused` was deleted from the source
        case "removed": return ("paused", "user")  // pruned earlier: back in the program, but only `resume` turns it on
        default: return (stored.status, stored.pausedBy)  // active, or paused by the user
        }
    }

    /// What differs between the deployed rule and this one, in `DeployPlan.Change`'s order.
    static func differences(from existing: Stored, to rule: CheckedRule, planJSON: String) -> [String] {
        guard existing.planJSON != planJSON || existing.priority != rule.priority || existing.description != rule.description else { return [] }
        let old = (try? JSONParser.parse(existing.planJSON)) ?? .null
        let new = (try? JSONParser.parse(planJSON)) ?? .null
        func differ(_ keys: String...) -> Bool { keys.contains { old[$0] != new[$0] } }
        var what: [String] = []
        if differ("trigger") { what.append("trigger") }
        if differ("event_plan", "schedule_plan") { what.append("condition") }
        if differ("actions") { what.append("actions") }
        if differ("cooldown_seconds", "limit") || existing.priority != rule.priority || existing.description != rule.description {
            what.append("clauses")
        }
        if differ("constants") { what.append("constants") }
        if existing.planJSON != planJSON {
            if what.isEmpty { what.append("plan") }  // a plan_json written by an older rulec
            what.append("version")
        }
        return what
    }
}
