import RulecCLI

/// The wall clock every in-process command sees in these tests: years ahead of
/// any date a test writes. A test that forgets `--now` (and so would pass today
/// and fail on a later day) meets this clock and fails today instead.
enum TestClock {
    /// 2036-06-15T12:00:00Z.
    static let farAhead: Int64 = 2_097_144_000
    static let clock: @Sendable () -> Int64 = { farAhead }
}
