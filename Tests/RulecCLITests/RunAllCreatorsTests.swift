import Foundation
import RulecTestSupport
import Store
import Testing
@testable import RulecCLI

/// `rulec run --all-creators` on SQLite: every creator of the store in one
/// command, each with its own rules, cursors and clock zone.
@Suite(.serialized) struct RunAllCreatorsTests {
    static let program = """
        rule "Thank tippers" { on transaction.tip when event.amount >= $5 then { tag "tipper" } }
        """

    func run(_ words: [String], database: String, folder: TemporaryFolder, user: String? = nil) -> (code: ExitCode, out: String, err: String) {
        let out = OutputStream.Capture(), err = OutputStream.Capture()
        var environment = ["RULEC_DB": database]
        if let user { environment["RULEC_USER"] = user }
        let context = CommandContext(environment: environment, standardOutput: out.stream, standardError: err.stream,
                                     workingDirectory: folder.path, clock: TestClock.clock)
        return (Rulec.main(words, context: context), out.text, err.text)
    }

    @Test func everyCreatorIsRunOnceWithItsOwnRules() throws {
        let folder = try TemporaryFolder("all-creators-sqlite")
        _ = try folder.write(Self.program, to: "tips.rules")
        let database = folder.path("crm.sqlite")
        let now = SeedOptions.defaultNow
        let store = try Store.open(path: database)
        for (user, seed) in [("creator_a", UInt64(1)), ("creator_b", UInt64(2)), ("creator_c", UInt64(3))] {
            try Seeder.run(SeedOptions(fans: 30, seed: seed, userID: user), into: store)
        }
        // Creators a and b deploy; c has no rules and is passed over quietly.
        for user in ["creator_a", "creator_b"] {
            #expect(run(["deploy", "tips.rules", "--now", String(now)], database: database, folder: folder, user: user).code == .success)
        }
        var tips: [String: Int] = [:]
        for user in ["creator_a", "creator_b", "creator_c"] {
            let creator = store.creator(user)
            let fans = try creator.rows("SELECT id FROM fan_profiles WHERE user_id = :user ORDER BY id LIMIT ?", [.int(user == "creator_a" ? 3 : 5)])
            for fan in fans {
                try creator.execute("""
                    INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                    VALUES (:user, ?, 'onlyfans', 'tip', 900, ?)
                    """, [fan[0], .integer(now + 60)])
            }
            tips[user] = fans.count
        }
        let first = run(["run", "--all-creators", "--format", "json", "--now", String(now + 3_600)], database: database, folder: folder)
        #expect(first.code == .success, "\(first.err)")
        // 3 + 5 tips ran a rule; c's five events are consumed by nobody (it has no rules).
        #expect(first.out.contains("\"runs\":8,"), "\(first.out)")
        for (user, count) in [("creator_a", 3), ("creator_b", 5), ("creator_c", 0)] {
            let tagged = try store.creator(user).scalar("SELECT count(*) FROM fan_tag_values WHERE user_id = :user AND tag = 'tipper'")
            #expect(tagged == .integer(Int64(count)), "\(user)")
        }
        // Nothing twice: a second pass finds nothing new.
        let second = run(["run", "--all-creators", "--format", "json", "--now", String(now + 3_600)], database: database, folder: folder)
        #expect(second.out.contains("\"runs\":0,"), "\(second.out)")
    }

    @Test func allCreatorsTakesNoUser() throws {
        let folder = try TemporaryFolder("all-creators-usage")
        let result = run(["run", "--all-creators", "--user", "x"], database: folder.path("crm.sqlite"), folder: folder)
        #expect(result.code == .usageOrIO)
        #expect(result.err.contains("--all-creators"))
        // A store that does not exist is refused, as for one creator.
        let missing = run(["run", "--all-creators"], database: folder.path("none.sqlite"), folder: folder)
        #expect(missing.code == .usageOrIO)
        #expect(missing.err.contains("rulec db init"))
    }
}
