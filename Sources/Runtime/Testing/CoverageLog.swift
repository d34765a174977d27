/// Observations for `--coverage`, gathered while tests run and merged across
/// tests (docs/TESTING.md "Coverage"). Empty when coverage was not asked for.
public struct CoverageLog: Sendable {
    /// Per decision (a segment or rule condition, by its key), every evaluation
    /// seen: the outcome and the value of each atomic condition (nil: not
    /// evaluated, masked by a short circuit).
    public var evaluations: [String: Set<Evaluation>] = [:]
    /// Per rule name: seen firing, seen held back (cooldown or limit), seen not matching.
    public var fired: Set<String> = []
    public var heldBack: Set<String> = []
    public var notMatching: Set<String> = []

    public init() {}

    public struct Evaluation: Hashable, Sendable {
        public var outcome: Bool
        public var atoms: [Bool?]
        public init(outcome: Bool, atoms: [Bool?]) { self.outcome = outcome; self.atoms = atoms }
    }

    public mutating func merge(_ other: CoverageLog) {
        for (key, seen) in other.evaluations { evaluations[key, default: []].formUnion(seen) }
        fired.formUnion(other.fired)
        heldBack.formUnion(other.heldBack)
        notMatching.formUnion(other.notMatching)
    }
}
