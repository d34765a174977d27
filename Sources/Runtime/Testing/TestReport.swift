import Foundation
import Syntax

/// What `rulec test` prints, in text (like `swift test`: a line per failure with
/// file:line:col, the test's verdict, one summary line) or in the JSON that
/// RULEC.md pins.
public struct TestReport: Sendable {
    public var results: [TestResult]
    public var coverage: CoverageSummary?

    public init(results: [TestResult], coverage: CoverageSummary? = nil) {
        self.results = results
        self.coverage = coverage
    }

    public var passed: Int { results.filter { $0.outcome == .pass }.count }
    public var failed: Int { results.filter { $0.outcome == .fail }.count }
    public var errors: Int { results.filter { $0.outcome == .error }.count }

    /// `12 passed, 1 failed` (and `, 2 errors` when a test could not run).
    public var summaryLine: String {
        var line = "\(passed) passed, \(failed) failed"
        if errors > 0 { line += ", \(errors) \(errors == 1 ? "error" : "errors")" }
        return line
    }

    public func text(in files: SourceFiles) -> String {
        var lines: [String] = []
        for result in results {
            let span = files.span(of: result.range)
            let name = LiteralPrinter.string(result.name)
            switch result.outcome {
            case .pass:
                lines.append("Test \(name) passed.")
            case .fail, .error:
                for failure in result.failures {
                    let at = files.span(of: failure.range)
                    let kind = result.outcome == .fail ? "error" : "error"
                    lines.append("\(at.path):\(at.start.line):\(at.start.column): \(kind): Test \(name): \(failure.message)")
                    lines += failure.details.map { "    " + $0 }
                }
                let verdict = result.outcome == .fail
                    ? "failed with \(result.failures.count) \(result.failures.count == 1 ? "failure" : "failures")"
                    : "could not run"
                lines.append("Test \(name) (\(span.path):\(span.start.line)) \(verdict).")
            }
        }
        if let coverage { lines += [""] + coverage.text(in: files) }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    public func json(in files: SourceFiles) -> String {
        let tests: [JSONValue] = results.map { result in
            let span = files.span(of: result.range)
            let failures: [JSONValue] = result.failures.map { failure in
                let at = files.span(of: failure.range)
                let message = ([failure.message] + failure.details).joined(separator: "\n")
                return ["file": .string(at.path), "line": .int(at.start.line), "column": .int(at.start.column),
                        "message": .string(message)]
            }
            return ["name": .string(result.name), "file": .string(span.path), "line": .int(span.start.line),
                    "outcome": .string(result.outcome.rawValue), "failures": .array(failures)]
        }
        var members: [(key: String, value: JSONValue)] = [
            ("tests", .array(tests)), ("passed", .int(passed)), ("failed", .int(failed)), ("errors", .int(errors)),
        ]
        if let coverage { members.append(("coverage", coverage.json(in: files))) }
        return JSONValue.object(members).serialized() + "\n"
    }
}
