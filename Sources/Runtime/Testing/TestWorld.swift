import Foundation
import Planning
import Semantics
import Store
import Syntax

/// The private world of one test: an in-memory store (never the user's file),
/// one creator, the test's fans and their rows, and the clock. Rows are written
/// with the same columns a real CRM has, so the engine reads them exactly as
/// it reads a creator's store (docs/TESTING.md "The world of a test").
final class TestWorld {
    /// The creator every test runs as. Its zone is UTC, its currency USD.
    static let user = "test"
    /// The clock when a test sets none: 2026-01-01T00:00:00Z.
    static let defaultClock: Int64 = 1_767_225_600

    let store: Store
    let creator: CreatorStore
    let program: CheckedProgram
    let zone = TimeZone(identifier: "UTC")!
    var clock: Int64 = TestWorld.defaultClock
    /// Fan name → fan_profiles.id.
    private(set) var fans: [String: Int64] = [:]
    /// Fan id → its accounts (platform, id), in the order made.
    private var accounts: [Int64: [(platform: String, id: Int64)]] = [:]

    init(program: CheckedProgram) throws {
        store = try EngineStore.open(path: ":memory:")
        creator = store.creator(Self.user)
        self.program = program
        try creator.execute("INSERT INTO creator_profiles (user_id, display_name, timezone, created_at) VALUES (:user, 'Creator', 'UTC', 0)")
    }

    // MARK: Values

    /// A test's value expression at the clock (no fan, no event in scope).
    func evaluate(_ expr: Expr) throws -> Value {
        try Evaluator(program: program, context: EvaluationContext(now: clock, zone: zone), facts: nil).evaluate(expr)
    }

    func timestamp(_ expr: Expr) throws -> Int64 {
        guard case .timestamp(let t) = try evaluate(expr) else {
            throw TestError(range: expr.range, message: "`\(Format.expression(expr))` is not a time")
        }
        return t
    }

    static func sqlValue(_ value: Value) -> SQLValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i), .money(let i), .duration(let i), .timestamp(let i): .integer(i)
        case .number(let d): .real(d)
        case .string(let s): .text(s)
        case .list(let items): .text(items.map(\.description).joined(separator: ","))
        }
    }

    func fanID(_ name: Identifier) throws -> Int64 {
        guard let id = fans[name.name] else {
            throw TestError(range: name.range, message: "fan `\(name.name)` does not exist yet (it joins at its `fan.created` event)")
        }
        return id
    }

    // MARK: Fans

    /// Inserts a fan and every row its block gives; defaults for the rest.
    func addFan(_ name: Identifier, fields: [TestField]) throws {
        var profile: [String: SQLValue] = ["display_name": .text(name.name), "created_at": .integer(clock)]
        var spend: SQLValue?
        for field in fields {
            guard case .field(let spec)? = TestFanField.named(field.name), case .column(let column) = spec.storage,
                  case .expr(let e) = field.value else { continue }
            if column == "lifetime_spend_cents" { spend = Self.sqlValue(try evaluate(e)) } else { profile[column] = Self.sqlValue(try evaluate(e)) }
        }
        let columns = profile.keys.sorted()
        let fan = try insert(table: "fan_profiles", columns: columns.map { ($0, profile[$0]!) }, range: name.range)
        fans[name.name] = fan
        let createdAt = profile["created_at"]?.int64 ?? clock

        // Accounts first: every other row points at one.
        let given = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if case .records(let rows, _)? = given["accounts"]?.value {
            for (index, row) in rows.enumerated() {
                var values = try recordValues(row, Catalog.collections["accounts"]!.recordFields)
                values["platform"] = values["platform"] ?? .text("onlyfans")
                values["platform_fan_id"] = values["platform_fan_id"] ?? .text("\(name.name)-\(index + 1)")
                values["username"] = values["username"] ?? .text(name.name)
                values["linked_at"] = values["linked_at"] ?? .integer(createdAt)
                try addAccount(fan: fan, values, range: row.first?.range ?? name.range)
            }
        } else {
            var platforms = ["onlyfans"]
            if case .expr(let e)? = given["platforms"]?.value, case .list(let items) = try evaluate(e) {
                platforms = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            for platform in platforms {
                try addAccount(fan: fan, ["platform": .text(platform), "platform_fan_id": .text("\(name.name)-\(platform)"),
                                          "username": .text(name.name), "linked_at": .integer(createdAt)], range: name.range)
            }
        }
        for field in fields {
            switch (TestFanField.named(field.name), field.value) {
            case (.field(let spec)?, .expr(let e)) where spec.storage == .tags:
                guard case .list(let tags) = try evaluate(e) else { continue }
                for case .string(let tag) in tags {
                    try creator.execute("INSERT OR IGNORE INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (:user, ?, ?, ?)",
                                        [.integer(fan), .text(tag), .integer(createdAt)])
                }
            case (.score(let dimension)?, .expr(let e)):
                try creator.execute("INSERT INTO fan_scores (user_id, fan_id, dimension, value, computed_at) VALUES (:user, ?, ?, ?, ?)",
                                    [.integer(fan), .text(dimension.dimension), Self.scoreValue(try evaluate(e)), .integer(clock)])
            case (.collection(let collection)?, .records(let rows, _)) where collection.name != "accounts":
                for row in rows {
                    try addRow(collection.table, fan: fan, values: try recordValues(row, collection.recordFields), timeColumn: collection.timeField.column,
                               range: row.first?.range ?? field.range)
                }
            default:
                break
            }
        }
        // Given, the spend is the fan's spend before the test's events; the
        // store's trigger has added the given transactions, so it is set last.
        if let spend {
            try creator.execute("UPDATE fan_profiles SET lifetime_spend_cents = ? WHERE user_id = :user AND id = ?", [spend, .integer(fan)])
        }
    }

    private static func scoreValue(_ value: Value) -> SQLValue {
        switch value {
        case .money(let cents): .real(Double(cents))
        case .int(let i): .real(Double(i))
        default: sqlValue(value)
        }
    }

    private func addAccount(fan: Int64, _ values: [String: SQLValue], range: SourceRange) throws {
        let columns = values.keys.sorted().map { ($0, values[$0]!) }
        let id = try insert(table: "fan_platform_accounts", columns: [("fan_id", .integer(fan))] + columns, range: range)
        accounts[fan, default: []].append((values["platform"]?.string ?? "onlyfans", id))
    }

    /// A record's (or an event's) fields as columns, named by `specs`.
    func recordValues(_ fields: [TestField], _ specs: [FieldSpec]) throws -> [String: SQLValue] {
        var values: [String: SQLValue] = [:]
        for field in fields {
            guard case .expr(let e) = field.value, let spec = specs.first(where: { $0.name == field.name }) else { continue }
            values[spec.column] = Self.sqlValue(try evaluate(e))
        }
        return values
    }

    /// One row of a fan's collection or event source, with the defaults a
    /// real row would have: the fan's first platform and its account there,
    /// the clock as its time, and the values the schema requires.
    @discardableResult
    func addRow(_ table: String, fan: Int64, values: [String: SQLValue], timeColumn: String, range: SourceRange) throws -> Int64 {
        var values = values
        if values[timeColumn] == nil { values[timeColumn] = .integer(clock) }
        for (column, value) in Self.requiredDefaults[table] ?? [] where values[column] == nil { values[column] = value }
        if Self.tablesWithPlatform.contains(table) {
            let platform = values["platform"]?.string ?? accounts[fan]?.first?.platform ?? "onlyfans"
            values["platform"] = .text(platform)
            if let account = accounts[fan]?.first(where: { $0.platform == platform }) { values["account_id"] = .integer(account.id) }
        }
        if table == "fan_messages", values["status"] == nil {
            values["status"] = .text(values["direction"]?.string == "outbound" ? "sent" : "received")
        }
        let columns = values.keys.sorted().map { ($0, values[$0]!) }
        return try insert(table: table, columns: [("fan_id", .integer(fan))] + columns, range: range)
    }

    private static let tablesWithPlatform: Set<String> = [
        "fan_transactions", "fan_messages", "fan_subscriptions", "fan_subscription_events", "fan_custom_requests",
    ]

    private static let requiredDefaults: [String: [(String, SQLValue)]] = [
        "fan_transactions": [("kind", .text("tip")), ("amount_cents", .integer(0))],
        "fan_messages": [("direction", .text("inbound"))],
        "fan_subscription_events": [("event_type", .text("started"))],
        "fan_memories": [("kind", .text("preference")), ("key", .text(""))],
    ]

    /// `INSERT INTO table (user_id, columns…)`; table and column names come from
    /// the catalog, never from the test's text, and values are bound.
    @discardableResult
    func insert(table: String, columns: [(String, SQLValue)], range: SourceRange, orIgnore: Bool = false) throws -> Int64 {
        let names = (["user_id"] + columns.map(\.0)).joined(separator: ", ")
        let marks = ([":user"] + columns.map { _ in "?" }).joined(separator: ", ")
        do {
            return try creator.insert("INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(names)) VALUES (\(marks))", columns.map(\.1))
        } catch {
            throw TestError(range: range, message: "cannot write this \(table) row: \(error)")
        }
    }

    /// After a fan joins a running test, its rows are history, not events:
    /// the engine's cursors move past them, as a first deploy does.
    func skipHistory() throws {
        for source in StoreEnums.eventSources {
            try creator.execute("""
                UPDATE automation_cursors SET last_id = (SELECT coalesce(max(id), 0) FROM \(source) WHERE user_id = :user)
                WHERE user_id = :user AND source = ?
                """, [.text(source)])
        }
    }

    func addTemplate(_ name: String, body: String) throws {
        try creator.execute("""
            INSERT INTO message_templates (user_id, name, body, created_at) VALUES (:user, ?, ?, 0)
            ON CONFLICT DO UPDATE SET body = excluded.body
            """, [.text(name), .text(body)])
    }
}
