import Foundation
@testable import Planning
import Store
import Testing

/// Each of `conditions` as a segment, answered by the plan forced grouped (in
/// the engine's order and in fan order) and forced correlated over all fans,
/// and by the one-fan plan fan by fan: each
/// must select exactly the fans the evaluator does. `inspect` sees every
/// forced plan (to check its SQL's form). Returns how many conditions split
/// the fans (some but not all), so a caller can require that agreeing meant something.
func expectPlansAgreeWithEvaluator(_ conditions: [String], on creator: CreatorStore, dialect: PlanDialect, now: Int64,
                                   inspect: (_ index: Int, _ shape: PlanShape, _ plan: ConditionPlan) -> Void = { _, _, _ in },
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let program = try checkedProgram(conditions.enumerated().map { "segment s\($0.offset) { \($0.element) }" }.joined(separator: "\n"))
    let executor = PlanExecutor(store: creator, program: program)
    let context = EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!)
    let fans = try executor.evaluatorFanIDs(nil, context: context)
    var splits = 0
    for (index, (segment, condition)) in zip(program.segments, conditions).enumerated() {
        let expected = try executor.evaluatorFanIDs(segment.condition, context: context)
        if !expected.isEmpty && expected.count < fans.count { splits += 1 }
        for (shape, order) in [(PlanShape.grouped, GroupedOrder?.none), (.grouped, .fanOrder), (.correlated, nil)] {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, forcing: shape, order: order, dialect: dialect)
            #expect(plan.residual.isEmpty, "\(condition) runs in SQL", sourceLocation: sourceLocation)
            inspect(index, shape, plan)
            #expect(try executor.fanIDs(plan, context: context) == expected, "\(condition) (\(shape))\n\(plan.sql)", sourceLocation: sourceLocation)
        }
        let single = PlanBuilder.plan(segment.condition, program: program, scope: .oneFan, dialect: dialect)
        #expect(single.residual.isEmpty, "\(condition) runs in SQL for one fan", sourceLocation: sourceLocation)
        var oneByOne: [Int64] = []
        for fan in fans { oneByOne += try executor.fanIDs(single, context: context, fanID: fan) }
        #expect(oneByOne == expected, "\(condition) (one fan)\n\(single.sql)", sourceLocation: sourceLocation)
    }
    return splits
}
