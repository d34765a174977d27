/// `rulec simulate --compare`: the deployed program and the new one over the
/// same window, per rule, the fans each reaches that the other does not
/// (docs/SIMULATE.md). A rule only one program has counts every fan it
/// reached as reached by that one alone.
public struct SimulationComparison: Sendable, Equatable {
    public struct RuleDifference: Sendable, Equatable {
        public var rule: String
        /// "both", "new" (only in the new program) or "deployed" (only in the deployed one).
        public var presence: String
        public var both: [Int64]
        public var onlyDeployed: [Int64]
        public var onlyNew: [Int64]
    }

    public var rules: [RuleDifference]

    /// Rules in the new program's order, then those only the deployed one has.
    public init(deployed: SimulationReport, new: SimulationReport) {
        var rules: [RuleDifference] = []
        for result in new.rules {
            let newFans = Set(result.fanIDs)
            guard let old = deployed.rule(named: result.rule) else {
                rules.append(RuleDifference(rule: result.rule, presence: "new", both: [], onlyDeployed: [], onlyNew: result.fanIDs))
                continue
            }
            let oldFans = Set(old.fanIDs)
            rules.append(RuleDifference(rule: result.rule, presence: "both", both: newFans.intersection(oldFans).sorted(),
                                        onlyDeployed: oldFans.subtracting(newFans).sorted(), onlyNew: newFans.subtracting(oldFans).sorted()))
        }
        for result in deployed.rules where new.rule(named: result.rule) == nil {
            rules.append(RuleDifference(rule: result.rule, presence: "deployed", both: [], onlyDeployed: result.fanIDs, onlyNew: []))
        }
        self.rules = rules
    }
}
