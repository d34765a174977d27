import Foundation
import Testing
@testable import Planning
import Store

/// Issue 5: random well-typed conditions over random edge-value CRMs; the
/// compiled SQL plans (all fans and one fan) must pick exactly the fans the
/// evaluator picks. `RULEC_DIFF_CASES` raises the case count for long local
/// runs, `RULEC_DIFF_SEED` replays another sequence.
@Suite(.serialized) struct DifferentialTests {
    static let conditionsPerCRM = 40

    @Test func sqlPlansAgreeWithTheEvaluatorOnRandomConditions() throws {
        let environment = ProcessInfo.processInfo.environment
        let total = environment["RULEC_DIFF_CASES"].flatMap(Int.init) ?? 6_000
        let seed = environment["RULEC_DIFF_SEED"].flatMap(UInt64.init) ?? 20_260_316
        var stats = DiffStats()
        let started = Date()
        for crmIndex in 0..<max(1, total / Self.conditionsPerCRM) {
            var random = DiffRandom(seed: seed &+ UInt64(crmIndex) &* 0x1000_0001)
            var crmGenerator = DiffCRMGenerator(random: random.fork())
            let crm = crmGenerator.crm()
            let zone = random.pick(DiffEdges.zones)
            let store = try crm.makeStore()
            for _ in 0..<Self.conditionsPerCRM {
                let diffCase = DiffCase(program: DiffProgram.generate(&random), crm: crm, zone: zone)
                switch DiffHarness.run(diffCase, store: store) {
                case .agree(let split):
                    stats.agreed += 1
                    if split { stats.split += 1 }
                case .rejected(let reason):
                    stats.reject(reason)
                case .disagree(let problems):
                    stats.disagreed += 1
                    guard stats.reported < 3 else { continue }
                    stats.reported += 1
                    let (small, smallProblems) = DiffShrinker.shrink(diffCase, problems: problems)
                    Issue.record(Comment(rawValue: DiffShrinker.report(small, problems: smallProblems)))
                }
            }
        }
        print(stats.summary(seconds: Date().timeIntervalSince(started), seed: seed))
        #expect(stats.disagreed == 0)
        // Agreement means little when both sides say "nobody" or "everybody".
        #expect(stats.split * 5 >= stats.total, "only \(stats.split) of \(stats.total) conditions split the fans")
        // Generating well-typed text is the point: the checker should refuse few.
        #expect(stats.rejected * 20 <= stats.total, "\(stats.rejected) of \(stats.total) rejected")
    }
}

struct DiffStats {
    var agreed = 0
    var disagreed = 0
    var rejected = 0
    var reported = 0
    var split = 0
    var reasons: [String: Int] = [:]

    var total: Int { agreed + disagreed + rejected }

    mutating func reject(_ reason: String) {
        rejected += 1
        reasons[reason, default: 0] += 1
    }

    func summary(seconds: Double, seed: UInt64) -> String {
        let top = reasons.sorted { $0.value > $1.value }.prefix(8).map { "  \($0.value)× \($0.key)" }
        return (["differential: seed \(seed), \(total) cases, \(agreed) agreed, \(disagreed) disagreed (\(split) split the fans), \(rejected) rejected (\(String(format: "%.1f", Double(rejected) * 100 / Double(max(total, 1))))%), \(String(format: "%.1f", seconds)) s"] + top)
            .joined(separator: "\n")
    }
}
