import Foundation
import Testing
@testable import Planning
import Store

/// The differential loop both backends share: random CRMs, each loaded once
/// into a store, `conditionsPerCRM` random conditions planned against it; the
/// first three disagreements are shrunk and recorded as issues.
struct DiffRun {
    static let conditionsPerCRM = 40

    /// The number of conditions in all, and the seed of the sequence.
    var total: Int
    var seed: UInt64
    /// How many re-plans the shrinker may spend on one disagreement.
    var shrinkBudget = 800
    /// Loads a CRM into a store; a CRM it throws on is skipped.
    var makeStore: (DiffCRM) throws -> Store = { try $0.makeStore() }

    func run() -> DiffStats {
        var stats = DiffStats()
        for crmIndex in 0..<max(1, total / Self.conditionsPerCRM) {
            var random = DiffRandom(seed: seed &+ UInt64(crmIndex) &* 0x1000_0001)
            var crmGenerator = DiffCRMGenerator(random: random.fork())
            let crm = crmGenerator.crm()
            let zone = random.pick(DiffEdges.zones)
            guard let store = try? makeStore(crm) else { stats.skippedCRMs += 1; continue }
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
                    let (small, smallProblems) = DiffShrinker.shrink(diffCase, problems: problems, budget: shrinkBudget, makeStore: makeStore)
                    Issue.record(Comment(rawValue: DiffShrinker.report(small, problems: smallProblems)))
                    // The shrinker may have left a shared database holding another CRM.
                    _ = try? makeStore(crm)
                }
            }
        }
        return stats
    }
}

struct DiffStats {
    var agreed = 0
    var disagreed = 0
    var rejected = 0
    var reported = 0
    var split = 0
    /// CRMs the store refused to load (their conditions are not counted).
    var skippedCRMs = 0
    var reasons: [String: Int] = [:]

    var total: Int { agreed + disagreed + rejected }

    mutating func reject(_ reason: String) {
        rejected += 1
        reasons[reason, default: 0] += 1
    }

    /// What every differential run must show: no disagreement, conditions that
    /// split the fans (agreement means little when both sides say "nobody" or
    /// "everybody"), and few refused by the checker (generating well-typed text
    /// is the point).
    func expectSound(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(disagreed == 0, sourceLocation: sourceLocation)
        #expect(split * 5 >= total, "only \(split) of \(total) conditions split the fans", sourceLocation: sourceLocation)
        #expect(rejected * 20 <= total, "\(rejected) of \(total) rejected", sourceLocation: sourceLocation)
    }

    func summary(seconds: Double, seed: UInt64) -> String {
        let top = reasons.sorted { $0.value > $1.value }.prefix(8).map { "  \($0.value)× \($0.key)" }
        return (["differential: seed \(seed), \(total) cases, \(agreed) agreed, \(disagreed) disagreed (\(split) split the fans), \(rejected) rejected (\(String(format: "%.1f", Double(rejected) * 100 / Double(max(total, 1))))%), \(skippedCRMs) CRMs not loaded, \(String(format: "%.1f", seconds)) s"] + top)
            .joined(separator: "\n")
    }
}
