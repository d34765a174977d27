import Foundation
import Planning
import RulecTestSupport
import Runtime
import Store
import Syntax

/// A throwaway store file with one or more creators, small enough to build by
/// hand: fans, accounts and events inserted row by row, programs deployed with
/// `Deployer`, and the engine run at a chosen clock.
final class EngineFixture {
    /// 2026-03-01T00:00:00Z.
    static let t0: Int64 = 1_772_323_200
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400

    let folder: TemporaryFolder
    let path: String
    let store: Store

    init() throws {
        folder = try TemporaryFolder("engine")
        path = folder.path("crm.sqlite")
        store = try EngineStore.open(path: path)
    }

    func creator(_ user: String = "creator_a") -> CreatorStore { store.creator(user) }

    /// A creator profile (zone and name) and the templates the tests send.
    func addCreator(_ user: String = "creator_a", zone: String = "UTC") throws {
        let c = creator(user)
        try c.execute("INSERT INTO creator_profiles (user_id, display_name, timezone, created_at) VALUES (:user, 'Ava', ?, 0)", [.text(zone)])
        for (name, body) in [("tip_thanks", "Thanks {{fan_name}} for {{amount}}!"), ("hello", "Hi {{fan_name}}")] {
            try c.execute("INSERT INTO message_templates (user_id, name, body, created_at) VALUES (:user, ?, ?, 0)", [.text(name), .text(body)])
        }
    }

    /// A person with one account per platform.
    @discardableResult
    func addFan(_ name: String, platforms: [String] = ["onlyfans"], user: String = "creator_a") throws -> (fan: Int64, accounts: [Int64]) {
        let c = creator(user)
        let fan = try c.insert("INSERT INTO fan_profiles (user_id, display_name, created_at) VALUES (:user, ?, 0)", [.text(name)])
        let accounts = try platforms.map { platform in
            try c.insert("""
                INSERT INTO fan_platform_accounts (user_id, fan_id, platform, platform_fan_id, username, linked_at)
                VALUES (:user, ?, ?, ?, ?, 0)
                """, [.integer(fan), .text(platform), .text("\(name)-\(platform)"), .text(name)])
        }
        return (fan, accounts)
    }

    @discardableResult
    func addTip(fan: Int64, account: Int64? = nil, cents: Int64, at time: Int64, user: String = "creator_a") throws -> Int64 {
        try creator(user).insert("""
            INSERT INTO fan_transactions (user_id, fan_id, account_id, platform, kind, amount_cents, occurred_at)
            VALUES (:user, ?, ?, 'onlyfans', 'tip', ?, ?)
            """, [.integer(fan), .optional(account), .integer(cents), .integer(time)])
    }

    @discardableResult
    func addTag(fan: Int64, tag: String, at time: Int64, user: String = "creator_a") throws -> Int64 {
        try creator(user).insert("INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)",
                                 [.integer(fan), .text(tag), .integer(time)])
    }

    func deploy(_ text: String, at now: Int64 = EngineFixture.t0, user: String = "creator_a") throws {
        let file = SourceFile(id: FileID(0), path: "test.rules", text: text)
        _ = try Deployer.deploy(files: [file], to: creator(user), now: now)
    }

    func run(at clock: Int64, user: String = "creator_a", _ options: EngineOptions = EngineOptions()) throws -> RunReport {
        try Engine(store: creator(user), options: options).runUntilIdle(clock: clock)
    }

    /// One integer from a creator-scoped query.
    func count(_ sql: String, _ bindings: [SQLValue] = [], user: String = "creator_a") throws -> Int64 {
        try creator(user).scalar(sql, bindings).int64 ?? 0
    }

    /// Run outcomes of a rule, in the order written.
    func outcomes(rule: String, user: String = "creator_a") throws -> [String] {
        try creator(user).rows("""
            SELECT r.outcome FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id
            WHERE r.user_id = :user AND a.name = ? ORDER BY r.id
            """, [.text(rule)]).map { $0[0].string ?? "" }
    }

    /// `automation_rule_actions` of a rule as "fan outcome type reason" lines, in order.
    func actions(rule: String, user: String = "creator_a") throws -> [String] {
        try creator(user).rows("""
            SELECT x.fan_id, x.outcome, x.action_type, coalesce(x.reason, '') FROM automation_rule_actions x
            JOIN automation_rules a ON a.id = x.rule_id WHERE x.user_id = :user AND a.name = ? ORDER BY x.id
            """, [.text(rule)]).map { row in row.map { $0.string ?? $0.description }.joined(separator: " ") }
    }

    /// Every row of every table, as text: a full picture of the file for
    /// "nothing changed" comparisons.
    func dump() throws -> [String: [String]] {
        let tables = try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0].string }
        var result: [String: [String]] = [:]
        for table in tables {
            // Sorted as text: a WITHOUT ROWID table has no rowid to order by.
            result[table] = try store.database.rows("SELECT * FROM \"\(table)\"").map { row in
                row.map(\.description).joined(separator: "|")
            }.sorted()
        }
        return result
    }
}
