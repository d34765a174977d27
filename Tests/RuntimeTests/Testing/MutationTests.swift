import Foundation
import RulecTestSupport
@testable import Runtime
import Syntax
import Testing

/// The tests of Rules/ catch real mistakes: small changes to its conditions
/// (docs/TESTING.md "Mutation testing") make `rulec test Rules/` fail. A fixed
/// sample keeps CI fast; `RulecBench mutants` runs them all (BENCHMARKS.md).
@Suite struct MutationTests {
    static let rules: [SourceFile] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".rules") }.sorted()
        return names.enumerated().map { index, name in
            SourceFile(id: FileID(UInt32(index)), path: name, bytes: Array((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()))
        }
    }()

    @Test func theLibraryHasMutantsOfEveryKind() {
        let mutants = Mutation.mutants(of: Self.rules)
        #expect(mutants.count >= 40)
        for change in [">= → >", "and → or", "or → and", "in → not in", "$500 → $501", "30d → 31d", "0.7 → 0.8"] {
            #expect(mutants.contains { $0.description.hasSuffix(change) }, "no mutant \(change)")
        }
        // Tests themselves are never mutated.
        #expect(!mutants.contains { $0.description.contains("_test.rules") })
    }

    @Test func aMutantChangesExactlyItsBytes() throws {
        let mutant = try #require(Mutation.mutants(of: Self.rules).first { $0.description.hasSuffix(">= → >") })
        let mutated = mutant.apply(to: Self.rules)
        let before = Self.rules[mutant.fileIndex].text(in: SourceRange(file: mutant.range.file, start: 0, end: Self.rules[mutant.fileIndex].bytes.count))
        let after = mutated[mutant.fileIndex].text(in: SourceRange(file: mutant.range.file, start: 0, end: mutated[mutant.fileIndex].bytes.count))
        #expect(after.count == before.count - 1)
        #expect(after.replacingOccurrences(of: " > ", with: " >= ").contains(before.prefix(40)))
    }

    /// A seeded sample of 12 mutants: at least 90% must be killed (stillborn ones,
    /// which no longer check, do not count).
    @Test func theTestsKillSampledMutants() {
        var random = SplitMix64(seed: 0x6D75_7461)
        var mutants = Mutation.mutants(of: Self.rules)
        var sample: [Mutant] = []
        while sample.count < 12, !mutants.isEmpty {
            sample.append(mutants.remove(at: Int(random.next() % UInt64(mutants.count))))
        }
        var killed = 0, live = 0
        var survivors: [String] = []
        for mutant in sample {
            guard let dead = Mutation.isKilled(mutant.apply(to: Self.rules)) else { continue }
            live += 1
            if dead { killed += 1 } else { survivors.append(mutant.description) }
        }
        #expect(live >= 10)
        #expect(Double(killed) >= 0.9 * Double(live), "survivors: \(survivors)")
    }

    @Test func theUnchangedLibraryPasses() {
        #expect(Mutation.isKilled(Self.rules) == false)
    }
}
