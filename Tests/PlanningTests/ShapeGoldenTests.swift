import Foundation
@testable import Planning
import RulecTestSupport
import Store
import Testing

/// `explain` with a store's estimates: the shape each collection read gets on
/// a seeded store, and why (`Golden/shapes/NAME.rules` → `NAME.expected`,
/// `NAME.json.expected`). The seed is deterministic and ends with ANALYZE,
/// so the estimates are too.
@Suite struct ShapeGoldenTests {
    static let folder = GoldenFolder("Golden/shapes")

    @Test(arguments: folder.inputs(withExtension: "rules"))
    func shapes(_ name: String) throws {
        let (store, folder) = try temporaryStore()
        defer { _ = folder }
        try Seeder.run(SeedOptions(fans: 2_000, userID: "u"), into: store)
        let program = try checkedProgram(String(decoding: try Self.folder.read(name + ".rules"), as: UTF8.self))
        let context = EvaluationContext(now: SeedOptions.defaultNow, zone: TimeZone(identifier: "UTC")!)
        let estimator = PlanEstimator(store: store.creator("u"), program: program, context: context)
        let explanation = ProgramExplanation(program: program, estimator: estimator)
        try Self.folder.expect(explanation.text, matches: name + ".expected")
        try Self.folder.expect(explanation.json.prettySerialized() + "\n", matches: name + ".json.expected")

        // Whatever the shapes, the answers are the evaluator's.
        let executor = PlanExecutor(store: store.creator("u"), program: program)
        for segment in explanation.segments {
            let reference = try executor.evaluatorFanIDs(segment.condition, context: context)
            #expect(try executor.fanIDs(segment.plan, context: context) == reference, "\(segment.name)")
        }
    }
}
