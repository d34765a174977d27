import Syntax

/// What one `test` came to (RULEC.md "Testing and backtesting"): `pass`, `fail`
/// (an `expect` did not hold) or `error` (the test could not run: a value that
/// cannot be stored, a program that does not deploy, a decision with nothing queued).
public struct TestResult: Sendable {
    public enum Outcome: String, Sendable { case pass, fail, error }

    public var name: String
    /// Where the `test` keyword stands.
    public var range: SourceRange
    public var outcome: Outcome
    public var failures: [TestFailure]
    /// Per-atom observations for `--coverage`, when it was asked for.
    public var coverage: CoverageLog

    public init(name: String, range: SourceRange, outcome: Outcome, failures: [TestFailure], coverage: CoverageLog = CoverageLog()) {
        self.name = name; self.range = range; self.outcome = outcome; self.failures = failures; self.coverage = coverage
    }
}

/// One failed expectation (or the error that stopped the test), where it stands
/// in the source, and what happened instead.
public struct TestFailure: Sendable, Equatable {
    public var range: SourceRange
    /// One line: what was expected and what happened.
    public var message: String
    /// Further lines: the rules that fired for the fan, a condition's values as `why` shows them.
    public var details: [String]

    public init(range: SourceRange, message: String, details: [String] = []) {
        self.range = range; self.message = message; self.details = details
    }
}

/// An error that stops one test (reported with outcome `error`).
struct TestError: Error {
    var range: SourceRange
    var message: String
}
