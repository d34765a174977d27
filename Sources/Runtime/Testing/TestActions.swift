import Foundation
import Planning
import Store
import Syntax

/// What the engine wrote about a fan, read back for expectations and failure
/// reports: firings, action rows, approval items.
enum TestActions {
    struct Firing {
        var rule: String
        var at: Int64
        var runID: Int64
    }

    /// One automation_rule_actions or hitl_action_queue row.
    struct Action {
        var id: Int64
        var runID: Int64
        var rule: String
        var type: String
        var argument: String
        var with: [String: String]
        /// The action row's outcome (`executed`, `skipped` …) or the queue item's status.
        var status: String
        var reason: String?

        func matches(_ pattern: TestActionPattern, _ expected: [String: String]) -> Bool {
            type == pattern.kind.rawValue && argument == pattern.argument.value
                && expected.allSatisfy { with[$0.key] == $0.value }
        }

        var summary: String {
            var text = "\(type) \(LiteralPrinter.string(argument))"
            if !with.isEmpty {
                text += " with { " + with.keys.sorted().map { "\($0): \(LiteralPrinter.string(with[$0]!))" }.joined(separator: ", ") + " }"
            }
            return text + " (\(status)\(reason.map { ": \($0)" } ?? ""))"
        }
    }

    static func firings(_ store: CreatorStore, fan: Int64?) throws -> [Firing] {
        var result: [Firing] = []
        try store.forEachRow("""
            SELECT r.name, f.fired_at, f.fan_id, f.run_id FROM automation_rule_firings f JOIN automation_rules r ON r.id = f.rule_id
            WHERE f.user_id = :user ORDER BY f.id
            """) { row in
            if fan == nil || row.int64(2) == fan { result.append(Firing(rule: row.string(0), at: row.int64(1), runID: row.int64(3))) }
        }
        return result
    }

    static func actions(_ store: CreatorStore, fan: Int64) throws -> [Action] {
        var result: [Action] = []
        try store.forEachRow("""
            SELECT a.id, r.name, a.action_type, a.params_json, a.outcome, a.run_id, a.reason FROM automation_rule_actions a
            JOIN automation_rules r ON r.id = a.rule_id WHERE a.user_id = :user AND a.fan_id = ? ORDER BY a.id
            """, [.integer(fan)]) { row in
            result.append(action(row, reason: row.optionalString(6)))
        }
        return result
    }

    static func queued(_ store: CreatorStore, fan: Int64) throws -> [Action] {
        var result: [Action] = []
        try store.forEachRow("""
            SELECT q.id, r.name, q.action_type, q.params_json, q.status, q.run_id FROM hitl_action_queue q
            JOIN automation_rules r ON r.id = q.rule_id WHERE q.user_id = :user AND q.fan_id = ? ORDER BY q.id
            """, [.integer(fan)]) { row in
            result.append(action(row, reason: nil))
        }
        return result
    }

    private static func action(_ row: Row, reason: String?) -> Action {
        var argument = ""
        var with: [String: String] = [:]
        if case .object(let members)? = try? JSONParser.parse(row.string(3)) {
            for (key, value) in members {
                switch (key, value) {
                case ("template", .string(let s)), ("tag", .string(let s)), ("text", .string(let s)): argument = s
                case ("with", .object(let slots)):
                    for (slot, text) in slots { if case .string(let s) = text { with[slot] = s } }
                default: break
                }
            }
        }
        return Action(id: row.int64(0), runID: row.int64(5), rule: row.string(1), type: row.string(2), argument: argument, with: with,
                      status: row.string(4), reason: reason)
    }

    /// The `with` values an expectation names, printed as the engine prints them into a message.
    static func expectedArguments(_ pattern: TestActionPattern, world: TestWorld) throws -> [String: String] {
        var result: [String: String] = [:]
        for argument in pattern.with {
            result[argument.key.name] = ValueText.display(try world.evaluate(argument.value), currency: "USD", zone: world.zone)
        }
        return result
    }

    static func describe(_ pattern: TestActionPattern) -> String {
        var text = "\(pattern.kind.rawValue) \(LiteralPrinter.string(pattern.argument.value)) \(pattern.kind == .send ? "to" : "for") \(pattern.fan.name)"
        if !pattern.with.isEmpty {
            text += " with { " + pattern.with.map { "\($0.key.name): \(Format.expression($0.value))" }.joined(separator: ", ") + " }"
        }
        return text
    }
}
