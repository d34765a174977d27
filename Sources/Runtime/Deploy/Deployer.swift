import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `rulec deploy`: check a program, then record it and upsert its segments and
/// rules for one creator, all in one transaction (docs/RUNTIME.md, "Deploy").
public enum Deployer {
    /// Checks `files` as one program (with the creator's templates, like
    /// `rulec check --db --user`) and deploys it at time `now`. A program with
    /// errors throws `DeployError.programHasErrors` and writes nothing.
    public static func deploy(files: [SourceFile], to store: CreatorStore, now: Int64) throws -> DeployReport {
        let templates = try templateBodies(in: store)
        let checked = Check.sources(files, options: CheckOptions(templates: templates))
        guard !checked.diagnostics.hasErrors else { throw DeployError.programHasErrors(diagnostics: checked.diagnostics) }
        let program = checked.program
        let sources = Dictionary(uniqueKeysWithValues: files.map { ($0.id, $0) })

        return try store.transaction {
            var report = DeployReport()
            report.diagnostics = checked.diagnostics
            report.isFirstDeploy = try store.scalar("SELECT count(*) FROM automation_programs WHERE user_id = :user") == .integer(0)
            report.programID = try store.insert(
                "INSERT INTO automation_programs (user_id, files_json, deployed_at) VALUES (:user, ?, ?)",
                [.text(ProgramText.encode(files)), .integer(now)])
            try SegmentUpsert(store: store, now: now).apply(program: program, sources: sources, report: &report)
            try RuleUpsert(store: store, now: now).apply(program: program, sources: sources, report: &report)
            if report.isFirstDeploy { try startCursorsAtTheEnd(store: store, now: now) }
            try startSchedules(program: program, store: store, now: now)
            return report
        }
    }

    /// The creator's message templates, name → body, for the checker.
    static func templateBodies(in store: CreatorStore) throws -> [String: String] {
        var templates: [String: String] = [:]
        try store.forEachRow("SELECT name, body FROM message_templates WHERE user_id = :user") { templates[$0.string(0)] = $0.string(1) }
        return templates
    }

    /// The first deploy starts every cursor at the current end of its source,
    /// so history never fires. An existing cursor is left alone.
    static func startCursorsAtTheEnd(store: CreatorStore, now: Int64) throws {
        for source in StoreEnums.eventSources {
            // `source` comes from a fixed list of table names, never from user input.
            let end = try store.scalar("SELECT coalesce(max(id), 0) FROM \(source) WHERE user_id = :user").int64 ?? 0
            try store.execute("""
                INSERT INTO automation_cursors (user_id, source, last_id, updated_at) VALUES (:user, ?, ?, ?)
                ON CONFLICT (user_id, source) DO NOTHING
                """, [.text(source), .integer(end), .integer(now)])
        }
    }

    /// Every schedule rule without a schedule state starts at its latest slot
    /// at or before `now`: on the first deploy and for a schedule rule added
    /// later alike, a slot from before the deploy never fires.
    static func startSchedules(program: CheckedProgram, store: CreatorStore, now: Int64) throws {
        let zone = try CreatorProfile.load(from: store).zone
        for rule in program.rules {
            guard case .schedule(let schedule) = rule.trigger else { continue }
            let slot = ScheduleSlots.latestSlot(of: schedule, atOrBefore: now, zone: zone)
            try store.execute("""
                INSERT INTO automation_schedule_state (user_id, rule_id, last_slot_at, updated_at)
                SELECT :user, id, ?, ? FROM automation_rules WHERE user_id = :user AND name = ?
                ON CONFLICT (user_id, rule_id) DO NOTHING
                """, [.integer(slot), .integer(now), .text(rule.name)])
        }
    }
}
