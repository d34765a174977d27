import RulecTestSupport
import Foundation
import Runtime
import Store
import Testing
@testable import RulecCLI

/// A seeded store in a temporary folder for the REPL tests, with the answers
/// their conditions should get computed straight from SQL, so no assertion
/// trusts the engine it is testing.
final class ReplFixture {
    static let user = "creator_a"
    /// The seed's own clock (`SeedOptions.defaultNow`), so `--now` and the data agree.
    static let now = "2026-11-24T00:00:00Z"
    static let nowSeconds: Int64 = SeedOptions.defaultNow

    /// A small program for `--rules` and `:why`: a segment, a constant, one
    /// scheduled rule whose condition is that segment.
    static let rules = """
        let whale_min = $500
        segment whales "Top spenders" { fan.lifetime_spend >= whale_min }
        rule "Tag whales" {
          on schedule daily at 09:00
          when fan in whales
          then { tag "whale" }
        }
        """

    let folder: TemporaryFolder
    let store: Store
    var database: String { folder.path("crm.sqlite") }
    var rulesPath: String { folder.path("whales.rules") }

    init() throws {
        folder = try TemporaryFolder("repl")
        store = try Store.open(path: folder.path("crm.sqlite"))
        try Seeder.run(SeedOptions(fans: 200, userID: Self.user), into: store)
        try write(Self.rules, to: "whales.rules")
    }

    /// Writes a file in the fixture's folder and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String { try folder.write(text, to: name) }

    /// The options every run of the binary gets.
    var arguments: [String] { ["--db", database, "--user", Self.user, "--now", Self.now] }

    // MARK: Answers from SQL

    /// The creator's fans for which `predicate` (SQL over `fan_profiles f`) holds, by id.
    func fanIDs(where predicate: String, _ bindings: [SQLValue] = []) throws -> [Int64] {
        try store.database.rows("SELECT f.id FROM fan_profiles f WHERE f.user_id = ? AND (\(predicate)) ORDER BY f.id",
                                [.text(Self.user)] + bindings).map { $0[0].int64! }
    }

    func count(where predicate: String, _ bindings: [SQLValue] = []) throws -> Int {
        try fanIDs(where: predicate, bindings).count
    }

    func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLValue {
        try store.database.scalar(sql, bindings)
    }

    /// A fan's display name, as the table and `:fan` show it.
    func displayName(_ id: Int64) throws -> String {
        try #require(scalar("SELECT display_name FROM fan_profiles WHERE id = ?", [.integer(id)]).string)
    }

    /// Cents as a money literal of the language: `$512`, `$512.05`.
    static func dollars(_ cents: Int64) -> String {
        let fraction = cents % 100
        return "$\(cents / 100)" + (fraction == 0 ? "" : String(format: ".%02d", fraction))
    }

    // MARK: A session without the binary

    /// A session on this store, with `rules` as its program (none by default), at the seed's clock.
    func session(rules: [String] = []) throws -> ReplSession {
        let creator = try ProgramSource.openStore(at: database, user: Self.user)
        let files = try rules.isEmpty ? [] : ProgramLoader(workingDirectory: folder.path).load(rules)
        return ReplSession(workspace: try ReplWorkspace(store: creator, programFiles: files, now: Self.nowSeconds, clock: TestClock.clock))
    }

    /// Deploys `paths` into the store, as `rulec deploy` would, two days before
    /// the seed's clock: a schedule starts at its slot at deploy without firing,
    /// so the slot before the session's clock is then one `run` fires.
    func deploy(_ paths: [String]) throws {
        let creator = try ProgramSource.openStore(at: database, user: Self.user)
        _ = try Deployer.deploy(files: ProgramLoader(workingDirectory: folder.path).load(paths), to: creator,
                                now: Self.nowSeconds - 2 * 86_400)
    }
}

/// What the first line after a condition says: `N fans match (X ms)`.
struct MatchLine: Equatable {
    let count: Int

    init?(_ line: String) {
        let pattern = /^(\d+) fans? match \(\d+\.\d ms\)$/
        guard let match = line.wholeMatch(of: pattern), let count = Int(match.1) else { return nil }
        self.count = count
    }

    /// Every count line in a transcript, in order.
    static func all(in text: String) -> [Int] {
        text.split(separator: "\n").compactMap { MatchLine(String($0))?.count }
    }
}
