/// The seeded randomness of the differential test: the same seed gives the
/// same CRMs and conditions on every machine, so a failure replays exactly.
struct DiffRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: tiny, fast, and good enough to spread test inputs.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
