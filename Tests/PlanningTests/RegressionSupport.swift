import Foundation
@testable import Planning
import Semantics
import Store
import Syntax

/// A tiny hand-written CRM for one regression: the rows as SQL (run through
/// the creator-scoped store, so each must mention `:user`), and the fans the
/// language says `target` selects. Every path must give exactly those fans:
/// the evaluator, the all-fans plan, and the one-fan plan for each fan.
struct RegressionCase {
    var program: String
    var rows: [String]
    var zone = "UTC"
    var now: Int64 = 1_773_671_400  // 2026-03-16T14:30:00Z

    /// The fans selected by each path, labelled, for `#expect` to compare.
    func answers() throws -> [(path: String, fans: [Int64])] {
        let store = try Store.open(path: ":memory:")
        try SQLFunctions.register(on: store.database)
        let creator = store.creator("creator_a")
        for row in rows { try creator.execute(row) }
        let program = try checkedProgram(self.program)
        guard let target = program.segment(named: "target") else { throw TestFailure(message: "no segment target") }
        let executor = PlanExecutor(store: creator, program: program)
        let context = EvaluationContext(now: now, zone: TimeZone(identifier: zone)!)
        var answers: [(String, [Int64])] = []
        answers.append(("evaluator", try executor.evaluatorFanIDs(target.condition, context: context)))
        let everyone = PlanBuilder.plan(target.condition, program: program, scope: .allFans)
        answers.append(("allFans SQL", try executor.fanIDs(everyone, context: context)))
        let single = PlanBuilder.plan(target.condition, program: program, scope: .oneFan)
        var oneByOne: [Int64] = []
        for fan in try executor.evaluatorFanIDs(nil, context: context) {
            oneByOne += try executor.fanIDs(single, context: context, fanID: fan)
        }
        answers.append(("oneFan SQL", oneByOne))
        return answers
    }
}

/// `INSERT INTO fan_profiles` for fan `id` with the pinned columns defaulted.
func fanRow(_ id: Int64, created: Int64 = 1_773_000_000, lastActive: String = "NULL", name: String = "Fan") -> String {
    "INSERT INTO fan_profiles (id, user_id, display_name, created_at, last_active_at) VALUES (\(id), :user, '\(name)', \(created), \(lastActive))"
}
