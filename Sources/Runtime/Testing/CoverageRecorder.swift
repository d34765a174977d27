import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Records what `--coverage` needs after each engine run of a test.
///
/// The engine evaluates conditions set-based, mostly in SQL, which yields no
/// per-atom values. So, when coverage is on, each rule evaluation the engine
/// logged (automation_rule_runs) is evaluated again for its fan — the event's
/// fan, or every fan for a schedule — with the evaluator in traced mode, at
/// the run's time and with the run's event (docs/TESTING.md "Coverage"). The
/// evaluator is the reference semantics the SQL path is tested against, so
/// the values agree. Segment conditions are traced wherever they are
/// evaluated: inside a rule's condition (`fan in s`) and by `expect` steps.
struct CoverageRecorder {
    let world: TestWorld
    let decisions: [Decision]

    static func lastRunID(_ store: CreatorStore) throws -> Int64 {
        try store.scalar("SELECT coalesce(max(id), 0) FROM automation_rule_runs WHERE user_id = :user").int64 ?? 0
    }

    func record(runsAfter first: Int64, into log: inout CoverageLog) throws {
        var runs: [(rule: String, outcome: String, source: String?, event: Int64?, time: Int64, fired: Bool, heldBack: Bool)] = []
        try world.creator.forEachRow("""
            SELECT r.name, u.outcome, u.event_source, u.event_id, u.triggered_at,
                   EXISTS (SELECT 1 FROM automation_rule_firings f WHERE f.user_id = u.user_id AND f.run_id = u.id),
                   EXISTS (SELECT 1 FROM automation_rule_actions a WHERE a.user_id = u.user_id AND a.run_id = u.id
                           AND a.outcome = 'skipped' AND a.reason IN ('cooldown', 'limit'))
            FROM automation_rule_runs u JOIN automation_rules r ON r.id = u.rule_id
            WHERE u.user_id = :user AND u.id > ? ORDER BY u.id
            """, [.integer(first)]) { row in
            runs.append((row.string(0), row.string(1), row.optionalString(2), row.optionalInt64(3), row.int64(4),
                         row.int64(5) == 1, row.int64(6) == 1))
        }
        for run in runs {
            if run.outcome == "no_match" { log.notMatching.insert(run.rule) }
            if run.fired { log.fired.insert(run.rule) }
            if run.heldBack { log.heldBack.insert(run.rule) }
            guard let rule = world.program.rule(named: run.rule), let condition = rule.condition else { continue }
            var fans: [Int64] = []
            var event: [String: Value]?
            if let source = run.source, let id = run.event, case .event(let spec, _) = rule.trigger {
                let loaded = try TriggerEvent.load(spec, source: source, id: id, from: world.creator)
                fans = [loaded.fanID]
                event = loaded.fields
            } else {
                fans = world.fans.values.sorted()
            }
            for fan in fans {
                let context = EvaluationContext(now: run.time, zone: world.zone, event: event)
                let evaluator = Evaluator(program: world.program, context: context, facts: StoreFanFacts(store: world.creator, fanID: fan))
                try trace(evaluator, into: &log) { _ = try $0.holds(condition) }
            }
        }
    }

    /// Runs `body` with the evaluator traced, then records every decision whose
    /// root got a value.
    func trace(_ evaluator: Evaluator, into log: inout CoverageLog, _ body: (Evaluator) throws -> Void) throws {
        let values = TraceValues()
        evaluator.trace = { expr, value in values.byID[expr.id] = value }
        try body(evaluator)
        evaluator.trace = nil
        for decision in decisions {
            guard let outcome = values.byID[decision.root.id] else { continue }
            let atoms = decision.atoms.map { atom in values.byID[atom.id].map(\.truth) }
            log.evaluations[decision.key, default: []].insert(CoverageLog.Evaluation(outcome: outcome.truth, atoms: atoms))
        }
    }
}

/// The values a traced evaluation saw, by node.
private final class TraceValues {
    var byID: [ExprID: Value] = [:]
}
