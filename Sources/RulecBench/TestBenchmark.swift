import Foundation
import Runtime
import Semantics
import Syntax

/// `rulec test` figures (BENCHMARKS.md "Tests"): the library's tests with and
/// without coverage, a generated suite of 1,000 tests, and the full mutation
/// kill rate of Rules/ (`mutants`).
enum TestBenchmark {
    /// Rules/*.rules of the package, sorted, numbered like `rulec test Rules/`.
    static func libraryFiles() -> [SourceFile] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".rules") }.sorted()
        return names.enumerated().map { index, name in
            SourceFile(id: FileID(UInt32(index)), path: "Rules/" + name,
                       bytes: Array((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()))
        }
    }

    static func run() {
        let files = libraryFiles()
        for coverage in [false, true] {
            let (seconds, results) = time {
                let checked = Check.sources(files)
                return TestSuite.run(program: checked.program, files: files, coverage: coverage)
            }
            let failed = results.filter { $0.outcome != .pass }.count
            print("test Rules/\(coverage ? " --coverage" : ""): \(results.count) tests, \(failed) not passing, \(format(seconds)) s (check included)")
        }
        // 1,000 tests against the library's program: copies of its own tests, renamed.
        let tests = files.filter { $0.path.hasSuffix("_test.rules") }.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: "\n")
        let count = tests.components(separatedBy: "\ntest \"").count - 1 + (tests.hasPrefix("test \"") ? 1 : 0)
        let copies = (1000 + count - 1) / count
        var generated = ""
        for copy in 0..<copies { generated += tests.replacingOccurrences(of: "test \"", with: "test \"#\(copy) ") + "\n" }
        let program = files.filter { !$0.path.hasSuffix("_test.rules") }
            + [SourceFile(id: FileID(UInt32(files.count)), path: "generated_test.rules", text: generated)]
        let (checkSeconds, checked) = time { Check.sources(program) }
        let (seconds, results) = time { TestSuite.run(program: checked.program, files: program) }
        let failed = results.filter { $0.outcome != .pass }.count
        print("test \(results.count) tests: \(failed) not passing, check \(format(checkSeconds)) s, run \(format(seconds)) s, \(Int(Double(results.count) / seconds)) tests/s")
    }

    static func mutants() {
        let files = libraryFiles()
        let mutants = Mutation.mutants(of: files)
        var killed = 0, survived: [Mutant] = [], stillborn = 0
        let (seconds, _) = time {
            for mutant in mutants {
                switch Mutation.isKilled(mutant.apply(to: files)) {
                case true?: killed += 1
                case false?: survived.append(mutant)
                case nil: stillborn += 1
                }
            }
        }
        let live = killed + survived.count
        print("mutants of Rules/: \(mutants.count), killed \(killed) of \(live) (\(format(Double(killed) * 100 / Double(max(live, 1))))%), \(stillborn) do not check, \(format(seconds)) s")
        for mutant in survived { print("  survived: \(mutant)") }
    }

    private static func time<T>(_ body: () -> T) -> (Double, T) {
        let start = ContinuousClock.now
        let value = body()
        let elapsed = ContinuousClock.now - start
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, value)
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
