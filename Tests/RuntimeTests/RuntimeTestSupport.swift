import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Semantics
import Store
import Syntax

/// A seeded store in a temporary folder, removed when the value goes away.
final class SeededStore {
    static let now = SeedOptions.defaultNow
    let folder: TemporaryFolder
    let path: String
    let store: Store

    init(fans: Int = 50, users: [String] = ["creator_a"]) throws {
        folder = try TemporaryFolder("runtime")
        path = folder.path("crm.sqlite")
        store = try EngineStore.open(path: path)
        for (index, user) in users.enumerated() {
            try Seeder.run(SeedOptions(fans: fans, seed: UInt64(index + 1), userID: user), into: store)
        }
    }

    func creator(_ user: String = "creator_a") -> CreatorStore { store.creator(user) }

    /// Deploys `text` as one file for `user`.
    @discardableResult
    func deploy(_ text: String, user: String = "creator_a", at now: Int64 = SeededStore.now) throws -> DeployReport {
        try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "rules.rules", text: text)], to: creator(user), now: now)
    }

    /// The first few fan ids of a creator.
    func fanIDs(_ user: String = "creator_a", limit: Int = 5) throws -> [Int64] {
        try creator(user).rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT ?", [.int(limit)])
            .compactMap { $0[0].int64 }
    }

    func count(_ sql: String, _ bindings: [SQLValue] = [], user: String = "creator_a") throws -> Int64 {
        try creator(user).scalar(sql, bindings).int64 ?? -1
    }

    /// A run row for a rule, which actions rows point at.
    func run(forRule ruleID: Int64, user: String = "creator_a") throws -> Int64 {
        try creator(user).insert("""
            INSERT INTO automation_rule_runs (user_id, rule_id, rule_version, trigger, triggered_at, outcome)
            VALUES (:user, ?, 1, 'test', ?, 'matched')
            """, [.integer(ruleID), .integer(Self.now)])
    }

    func ruleRow(_ name: String, user: String = "creator_a") throws -> (id: Int64, status: String, version: Int64, pausedBy: String?) {
        let row = try creator(user).rows("SELECT id, status, version, paused_by FROM automation_rules WHERE user_id = :user AND name = ?",
                                         [.text(name)]).first!
        return (row[0].int64!, row[1].string!, row[2].int64!, row[3].string)
    }
}

/// Programs the tests deploy.
enum Programs {
    static func tipper(minimum: String = "$20") -> String {
        """
        let big = \(minimum)

        segment whales "Top spenders" {
          fan.lifetime_spend >= $500
        }

        rule "Thank big tippers" {
          on transaction.tip
          when event.amount >= big and not ("big_tipper" in fan.tags)
          priority 10
          cooldown 1d
          then {
            send "tip_thanks" with { amount: event.amount }
            tag "big_tipper"
          }
        }

        rule "Daily whale check" {
          on schedule daily at 09:00
          when fan in whales
          limit 1 per fan per 14d
          then { send "we_miss_you" requires approval }
        }
        """
    }

    static let pausedRule = """
        rule "Quiet" {
          on fan.created
          paused
          then { note "welcome aboard" }
        }
        """
}

extension SeededStore {
    /// The deployed program of `user`, which must exist.
    func deployed(_ user: String = "creator_a") throws -> DeployedProgram {
        guard let program = try DeployedProgram.load(from: creator(user)) else { throw TestFailure("nothing deployed for \(user)") }
        return program
    }

    /// Prepares action `index` of `ruleName` for `fanID`, as the engine would when the rule fires.
    func prepare(_ ruleName: String, action index: Int, fan fanID: Int64, event: [String: Value]? = nil,
                 user: String = "creator_a", at now: Int64 = SeededStore.now) throws -> PreparedAction {
        let program = try deployed(user)
        guard let rule = program.rule(named: ruleName) else { throw TestFailure("no rule \(ruleName)") }
        let runID = try run(forRule: rule.id, user: user)
        let context = EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!, event: event)
        return try ActionPreparer(store: creator(user), program: program.program)
            .prepare(rule.rule.actions[index], index: index, rule: rule, runID: runID, fanID: fanID, context: context)
    }

    /// The actions rows of a creator, oldest first: (outcome, reason, hitl_id).
    func actionRows(_ user: String = "creator_a") throws -> [(outcome: String, reason: String?, hitlID: Int64?)] {
        try creator(user).rows("SELECT outcome, reason, hitl_id FROM automation_rule_actions WHERE user_id = :user ORDER BY id")
            .map { ($0[0].string!, $0[1].string, $0[2].int64) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
