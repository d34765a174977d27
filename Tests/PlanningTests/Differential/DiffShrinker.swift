import Foundation
@testable import Planning
import Semantics
import Store
import Syntax

/// Makes a failing case small: simplifies the conditions (smaller subtrees,
/// leaves, dropped windows and filters) and drops fans and rows, keeping
/// each step only while the same kind of disagreement remains.
enum DiffShrinker {
    static func shrink(_ failing: DiffCase, problems: [String], budget: Int = 800,
                       makeStore: (DiffCRM) throws -> Store = { try $0.makeStore() }) -> (DiffCase, [String]) {
        let kinds = DiffHarness.kinds(problems)
        var current = failing
        var currentProblems = problems
        var attempts = 0
        var store = try? makeStore(current.crm)

        func stillFails(_ candidate: DiffCase, _ candidateStore: Store) -> [String]? {
            attempts += 1
            guard case .disagree(let found) = DiffHarness.run(candidate, store: candidateStore),
                  !DiffHarness.kinds(found).isDisjoint(with: kinds) else { return nil }
            return found
        }

        var progressed = true
        while progressed && attempts < budget {
            progressed = false
            guard let currentStore = store else { break }
            for program in current.program.shrinkCandidates where attempts < budget {
                let candidate = DiffCase(program: program, crm: current.crm, zone: current.zone)
                if let found = stillFails(candidate, currentStore) {
                    current = candidate; currentProblems = found; progressed = true
                    break
                }
            }
            if progressed { continue }
            for crm in current.crm.shrinkCandidates where attempts < budget {
                guard let candidateStore = try? makeStore(crm) else { continue }
                let candidate = DiffCase(program: current.program, crm: crm, zone: current.zone)
                if let found = stillFails(candidate, candidateStore) {
                    current = candidate; currentProblems = found; store = candidateStore; progressed = true
                    break
                }
            }
        }
        return (current, currentProblems)
    }

    /// The reproducer: the program, the rows, each plan with its bound values, both answers.
    static func report(_ diffCase: DiffCase, problems: [String]) -> String {
        var lines = ["Differential disagreement (zone \(diffCase.zone), now \(DiffEdges.now) = \(Time.iso8601(DiffEdges.now)))",
                     "--- program (the condition under test is segment `target`)", diffCase.program.source,
                     "--- CRM rows (on a migrated store; queried creator \(DiffCRM.queried))"]
        lines += diffCase.crm.insertStatements
        if case .success(let (program, condition)) = DiffHarness.check(diffCase.program), let store = try? diffCase.crm.makeStore() {
            let executor = PlanExecutor(store: store.creator(DiffCRM.queried), program: program)
            let context = EvaluationContext(now: DiffEdges.now, zone: TimeZone(identifier: diffCase.zone)!)
            for scope in [FanScope.allFans, .oneFan] {
                let plan = PlanBuilder.plan(condition, program: program, scope: scope)
                lines.append("--- plan (\(scope.rawValue))")
                lines.append(plan.sql)
                let values = (try? executor.bindingValues(plan, context: context, fanID: diffCase.crm.queriedFanIDs.first)) ?? []
                for (index, binding) in plan.bindings.enumerated() {
                    let value = index < values.count ? SQLLiteral.render(values[index]) : "(could not compute)"
                    lines.append("  ?\(index + 1) = \(binding.summary) → \(value)")
                }
                for residual in plan.residual { lines.append("  residual: \(Format.expression(residual.expr)) (\(residual.reason))") }
            }
        }
        lines.append("--- answers")
        lines += problems
        return lines.joined(separator: "\n")
    }
}
