import Foundation
import Testing
@testable import Planning
import Store

/// Issue 5: random well-typed conditions over random edge-value CRMs; the
/// compiled SQL plans (all fans and one fan) must pick exactly the fans the
/// evaluator picks. `RULEC_DIFF_CASES` raises the case count for long local
/// runs, `RULEC_DIFF_SEED` replays another sequence.
@Suite(.serialized) struct DifferentialTests {
    @Test func sqlPlansAgreeWithTheEvaluatorOnRandomConditions() throws {
        let environment = ProcessInfo.processInfo.environment
        let run = DiffRun(total: environment["RULEC_DIFF_CASES"].flatMap(Int.init) ?? 6_000,
                          seed: environment["RULEC_DIFF_SEED"].flatMap(UInt64.init) ?? 20_260_316)
        let started = Date()
        let stats = run.run()
        print(stats.summary(seconds: Date().timeIntervalSince(started), seed: run.seed))
        stats.expectSound()
        // An in-memory SQLite store takes every generated CRM.
        #expect(stats.skippedCRMs == 0)
    }
}
