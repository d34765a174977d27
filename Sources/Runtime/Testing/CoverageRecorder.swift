import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Records what `--coverage` needs while a test's engine runs.
///
/// The engine evaluates conditions set-based, mostly in SQL, which yields no
/// per-atom values. So, when coverage is on, the test's engine has this
/// recorder as its `EvaluationObserver`: just before the engine evaluates a
/// rule, the recorder evaluates the same condition for the same fan (every
/// fan for a schedule), in the same context and transaction, with the
/// evaluator in traced mode (docs/TESTING.md "Coverage"). The evaluator is the
/// reference semantics the SQL path is tested against, so the values agree.
/// Segment conditions are traced wherever they are evaluated: inside a rule's
/// condition (`fan in s`) and by `expect` steps. Rule outcomes (fired, held
/// back, not matching) are read from the rows the engine wrote.
final class CoverageRecorder: EvaluationObserver, @unchecked Sendable {
    let world: TestWorld
    let decisions: [Decision]
    /// Only touched on the test's own thread (the engine calls back synchronously).
    private(set) var log = CoverageLog()
    private var lastRunID: Int64 = 0
    private(set) var failure: Error?

    init(world: TestWorld, decisions: [Decision]) {
        self.world = world
        self.decisions = decisions
    }

    func evaluating(rule name: String, fanID: Int64?, context: EvaluationContext) {
        guard let rule = world.program.rule(named: name), let condition = rule.condition else { return }
        do {
            for fan in fanID.map({ [$0] }) ?? world.fans.values.sorted() {
                let evaluator = Evaluator(program: world.program, context: context, facts: StoreFanFacts(store: world.creator, fanID: fan))
                try trace(evaluator) { _ = try $0.holds(condition) }
            }
        } catch {
            failure = failure ?? error
        }
    }

    /// Runs `body` with the evaluator traced, then records every decision whose root got a value.
    func trace(_ evaluator: Evaluator, _ body: (Evaluator) throws -> Void) throws {
        let values = TraceValues()
        evaluator.trace = { expr, value in values.byID[expr.id] = value }
        defer { evaluator.trace = nil }
        try body(evaluator)
        for decision in decisions {
            guard let outcome = values.byID[decision.root.id] else { continue }
            let atoms = decision.atoms.map { atom in values.byID[atom.id].map(\.truth) }
            log.evaluations[decision.key, default: []].insert(CoverageLog.Evaluation(outcome: outcome.truth, atoms: atoms))
        }
    }

    /// Rule outcomes of the runs the engine wrote since the last call.
    func recordRuns() throws {
        var newest = lastRunID
        try world.creator.forEachRow("""
            SELECT u.id, r.name, u.outcome,
                   EXISTS (SELECT 1 FROM automation_rule_firings f WHERE f.user_id = u.user_id AND f.run_id = u.id),
                   EXISTS (SELECT 1 FROM automation_rule_actions a WHERE a.user_id = u.user_id AND a.run_id = u.id
                           AND a.outcome = 'skipped' AND a.reason IN ('cooldown', 'limit'))
            FROM automation_rule_runs u JOIN automation_rules r ON r.id = u.rule_id
            WHERE u.user_id = :user AND u.id > ? ORDER BY u.id
            """, [.integer(lastRunID)]) { row in
            newest = max(newest, row.int64(0))
            let rule = row.string(1)
            if row.string(2) == "no_match" { log.notMatching.insert(rule) }
            if row.int64(3) == 1 { log.fired.insert(rule) }
            if row.int64(4) == 1 { log.heldBack.insert(rule) }
        }
        lastRunID = newest
        if let failure { throw failure }
    }
}

/// The values a traced evaluation saw, by node.
private final class TraceValues {
    var byID: [ExprID: Value] = [:]
}
