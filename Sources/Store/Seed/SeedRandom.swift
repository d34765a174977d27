import Foundation

/// The seed generator's own random source: xoshiro256** seeded through
/// SplitMix64. Same seed, same sequence, on every platform and Swift version
/// (the system generator is neither seedable nor stable, so it is never used).
struct SeedRandom: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// An independent stream for one part of the data (one fan, one collection),
    /// so adding draws in one part never shifts the values of another.
    func derived(_ label: UInt64) -> SeedRandom {
        var copy = self
        return SeedRandom(seed: copy.next() ^ SplitMix64.mix(label &+ 0x9E37_79B9_7F4A_7C15))
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Uniform in the closed range, without modulo bias (Lemire's method via the standard library).
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// An index drawn with the given relative weights.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// Log-normal with the given median: heavy-tailed amounts and propensities.
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// Poisson counts: Knuth's product method for small means, a rounded normal above 30.
    mutating func poisson(_ mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var count = 0
        var product = unit()
        while product > limit { count += 1; product *= unit() }
        return count
    }

    mutating func bytes(_ count: Int) -> Data { Data((0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }) }
}

/// Expands one 64-bit seed into well-mixed state words (Steele, Lea, Flood 2014).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
