import RulecTestSupport
/// The seeded randomness of the differential test: the same seed gives the
/// same CRMs and conditions on every machine, so a failure replays exactly.
struct DiffRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A fresh seed for a sub-generator, so adding draws in one part of the
    /// test does not reshuffle every later part.
    mutating func fork() -> DiffRandom { DiffRandom(seed: next()) }
}
