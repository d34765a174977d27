import Foundation
import Semantics
import Syntax

/// Runs the tests of a checked program, each in its own store, several at a
/// time (they share nothing), and returns their results in source order.
public enum TestSuite {
    public static func run(program: CheckedProgram, files: [SourceFile], matching filter: ((String) -> Bool)? = nil,
                           coverage: Bool = false) -> [TestResult] {
        let tests = program.tests.filter { filter?($0.name) ?? true }
        let results = ResultSlots(count: tests.count)
        let deployed = TestRunner.deployable(files, program: program)
        DispatchQueue.concurrentPerform(iterations: tests.count) { index in
            results.set(index, TestRunner.run(tests[index], program: program, files: files, deployed: deployed, coverage: coverage))
        }
        return results.all
    }
}

/// One slot per test, written from concurrent workers.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [TestResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: TestResult) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var all: [TestResult] { slots.compactMap { $0 } }
}
