import Foundation
@testable import Planning
import Semantics
import Store
import Syntax

/// One differential case: a program whose `target` segment is planned, a CRM,
/// and the creator's time zone.
struct DiffCase {
    var program: DiffProgram
    var crm: DiffCRM
    var zone: String
}

/// What running one case found.
enum DiffVerdict {
    /// `split`: the condition held for some of the fans but not all, so the
    /// agreement says more than "both said nobody".
    case agree(split: Bool)
    /// The checker refused the generated text (the first error, by code and message).
    case rejected(String)
    /// The paths disagree; each line names where, so shrinking keeps the same failure.
    case disagree([String])
}

enum DiffHarness {
    /// Parses and checks the program; the target condition, or the first error.
    static func check(_ program: DiffProgram) -> Result<(CheckedProgram, Expr), DiffRejection> {
        let file = SourceFile(id: FileID(0), path: "diff.rules", text: program.source)
        let parsed = Parse.file(file)
        let checked = Check.program([parsed.syntax])
        if let error = (parsed.diagnostics + checked.diagnostics).first(where: { $0.severity == .error }) {
            return .failure(DiffRejection(summary: "\(error.code): \(error.message)"))
        }
        guard let target = checked.program.segment(named: "target") else { return .failure(DiffRejection(summary: "no target segment")) }
        return .success((checked.program, target.condition))
    }

    static func run(_ diffCase: DiffCase, store: Store) -> DiffVerdict {
        switch check(diffCase.program) {
        case .failure(let rejection): return .rejected(rejection.summary)
        case .success(let (program, condition)):
            var expected: [Int64] = []
            let problems = compare(program, condition, store: store, crm: diffCase.crm, zone: diffCase.zone, expected: &expected)
            let split = !expected.isEmpty && expected.count < diffCase.crm.queriedFanIDs.count
            return problems.isEmpty ? .agree(split: split) : .disagree(problems)
        }
    }

    /// The SQL plans (all fans, and one fan at a time) against the evaluator, fan for fan.
    static func compare(_ program: CheckedProgram, _ condition: Expr, store: Store, crm: DiffCRM, zone: String,
                        expected answer: inout [Int64]) -> [String] {
        let executor = PlanExecutor(store: store.creator(DiffCRM.queried), program: program)
        let context = EvaluationContext(now: DiffEdges.now, zone: TimeZone(identifier: zone)!)
        let fans = crm.queriedFanIDs
        let expected: [Int64]
        do {
            expected = try executor.evaluatorFanIDs(condition, context: context)
            answer = expected
        } catch {
            return ["evaluator threw: \(error)"]
        }
        var problems: [String] = []
        if !Set(expected).isSubset(of: fans) { problems.append("evaluator answered with another creator's fans: \(expected)") }
        let everyone = PlanBuilder.plan(condition, program: program, scope: .allFans)
        do {
            let viaSQL = try executor.fanIDs(everyone, context: context)
            if viaSQL != expected { problems.append("allFans: SQL \(viaSQL), evaluator \(expected)") }
        } catch {
            problems.append("allFans: SQL path threw: \(error)")
        }
        // The other shapes (correlated; grouped with its windows read in fan order),
        // and the one this store's estimates choose, must answer the same.
        let shapes: [(String, ConditionPlan)] = [
            ("allFans correlated", PlanBuilder.plan(condition, program: program, scope: .allFans, forcing: .correlated)),
            ("allFans grouped in fan order", PlanBuilder.plan(condition, program: program, scope: .allFans, forcing: .grouped, order: .fanOrder)),
            ("allFans estimated", PlanBuilder.plan(condition, program: program, scope: .allFans,
                                                   estimator: PlanEstimator(store: executor.store, program: program, context: context))),
        ]
        for (name, plan) in shapes {
            do {
                let viaSQL = try executor.fanIDs(plan, context: context)
                if viaSQL != expected { problems.append("\(name): SQL \(viaSQL), evaluator \(expected)") }
            } catch {
                problems.append("\(name): SQL path threw: \(error)")
            }
        }
        let single = PlanBuilder.plan(condition, program: program, scope: .oneFan)
        for fan in fans {
            let wanted: [Int64] = expected.contains(fan) ? [fan] : []
            do {
                let viaSQL = try executor.fanIDs(single, context: context, fanID: fan)
                if viaSQL != wanted { problems.append("oneFan(\(fan)): SQL \(viaSQL), evaluator \(wanted)") }
            } catch {
                problems.append("oneFan(\(fan)): SQL path threw: \(error)")
            }
        }
        return problems
    }

    /// The kind of each problem ("allFans", "oneFan", "evaluator"), which
    /// shrinking must keep so it does not wander off to a different bug.
    static func kinds(_ problems: [String]) -> Set<String> {
        Set(problems.map { line in
            let head = line.prefix { $0 != ":" && $0 != "(" }
            return String(head) + (line.contains("threw") ? " threw" : "")
        })
    }
}

struct DiffRejection: Error {
    let summary: String
}
