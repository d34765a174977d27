import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `rulec deploy`: check a program, plan what changes, then record it and
/// upsert its segments and rules for one creator, all in one transaction
/// (docs/RUNTIME.md, "Deploy").
public enum Deployer {
    /// Checks `files` as one program (with the creator's templates, like
    /// `rulec check --db --user`) together with what the deployed program
    /// keeps (`DeploySources`), plans, and deploys it at time `now`.
    /// `prune` takes the rules the files do not mention out of the program
    /// (paused); `dryRun` plans and writes nothing. A program with errors
    /// throws `DeployError` and writes nothing.
    public static func deploy(files: [SourceFile], to store: CreatorStore, now: Int64,
                              prune: Bool = false, dryRun: Bool = false) throws -> DeployReport {
        let body = {
            let templates = try MessageTemplates.bodies(in: store)
            let sources = DeploySources(source: files, deployed: try ProgramText.latest(from: store), prune: prune)
            let checked = Check.sources(sources.files, options: CheckOptions(templates: templates))
            if checked.diagnostics.hasErrors {
                let inKept = checked.diagnostics.filter { sources.isKept($0.range.file) }
                guard inKept.hasErrors else {
                    throw DeployError.programHasErrors(diagnostics: checked.diagnostics.filter { !sources.isKept($0.range.file) })
                }
                throw DeployError.keptDeclarationsHaveErrors(diagnostics: checked.diagnostics.filter { $0.severity == .error },
                                                             files: sources.files)
            }
            let program = checked.program

            var report = DeployReport()
            report.diagnostics = checked.diagnostics.filter { !sources.isKept($0.range.file) }
            report.plan.isDryRun = dryRun
            report.plan.prunes = prune
            report.plan.isFirstDeploy = try store.scalar("SELECT count(*) FROM automation_programs WHERE user_id = :user") == .integer(0)
            let segments = try SegmentUpsert.plan(program: program, sources: sources, store: store, into: &report.plan)
            let rules = RuleUpsert.plan(program: program, sources: sources, stored: try RuleUpsert.stored(in: store), into: &report.plan)
            guard !dryRun else { return report }

            report.programID = try store.insert(
                "INSERT INTO automation_programs (user_id, files_json, deployed_at) VALUES (:user, ?, ?)",
                [.text(ProgramText.encode(sources.files)), .integer(now)])
            try SegmentUpsert(store: store, now: now).apply(segments)
            try RuleUpsert(store: store, now: now).apply(rules.decisions, prunes: rules.prunes)
            if report.isFirstDeploy { try startCursorsAtTheEnd(store: store, now: now) }
            try startSchedules(program: program, store: store, now: now)
            return report
        }
        // A dry run only reads, so it takes no write lock.
        return try dryRun ? store.transaction(.deferred, body) : store.transaction(.immediate, body)
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
