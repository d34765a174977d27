import Foundation
@testable import Runtime
import Semantics
import Store
import Syntax
import Testing

/// The policy is part of the deployed source (LANGUAGE.md §11): what
/// `DeployedProgram.load` re-checks gives it back, and a later deploy of some
/// files keeps it unless the new source brings its own.
@Suite struct PolicyDeployTests {
    static let policy = """

        policy {
          limit 3 sends per fan per 1d
          quiet hours 22:00 to 08:00
        }
        """

    @Test func deployedProgramCarriesThePolicy() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper() + Self.policy)
        let loaded = try seeded.deployed()
        let policy = try #require(loaded.program.policy)
        #expect(policy.limits.map(\.description) == ["3 sends per fan per 1d"])
        #expect(policy.quietHours == QuietHours(startMinute: 22 * 60, endMinute: 8 * 60))
    }

    /// Deploy without `--prune` merges the source into what is deployed: a
    /// source without a policy keeps the deployed one, a source with one replaces it.
    @Test func redeployWithAnotherPolicyReplacesItAndWithoutOneKeepsIt() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper() + Self.policy)
        try seeded.deploy(Programs.tipper() + "\npolicy { limit 5 sends per fan per 7d }\n")
        #expect(try seeded.deployed().program.policy?.limits.map(\.description) == ["5 sends per fan per 7d"])
        try seeded.deploy(Programs.tipper())
        #expect(try seeded.deployed().program.policy?.limits.map(\.description) == ["5 sends per fan per 7d"])
    }
}
