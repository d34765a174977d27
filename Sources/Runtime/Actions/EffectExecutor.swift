import Foundation
import Store
import Syntax

/// Performs an action's effect and writes its `automation_rule_actions` row
/// (append-only; one per run, fan and action index). The caller owns the
/// transaction, so an effect and its audit row commit together.
///
/// - send: an outbound `fan_messages` draft, body rendered from the template at
///   execution time, with `template_id`, `rule_id` and the fan's memories as
///   `memories_json`. A template gone since firing fails the action (outcome
///   `failed`, with the reason), as does a fan with no account to send on.
/// - tag: `INSERT … ON CONFLICT DO NOTHING`; only a newly inserted row is a
///   tag event. A tag already present is `executed` with reason "already tagged".
/// - untag: deletes the row; "not tagged" when there was none.
/// - note: a `fan_notes` row written by the rule.
public struct EffectExecutor {
    public let store: CreatorStore
    let lookups: CreatorLookups
    /// A batch's actions rows, written several to a statement; nil writes each at once.
    private let actionRows: BufferedInserts?
    /// The program's policy, asked before every send executes (nil: no policy).
    var policy: PolicyGate?

    public init(store: CreatorStore) { self.init(store: store, lookups: .uncached(store), actionRows: nil) }

    /// `lookups` shared with the batch's `ActionPreparer` (see `CreatorLookups`);
    /// `actionRows` must then be flushed (`flushActionRows`) before the batch commits.
    init(store: CreatorStore, lookups: CreatorLookups, actionRows: BufferedInserts?) {
        self.store = store
        self.lookups = lookups
        self.actionRows = actionRows
    }

    /// `automation_rule_actions` columns after `id` and `user_id`, in `record`'s order.
    static let actionColumns = ["run_id", "rule_id", "fan_id", "action_index", "action_type", "params_json", "outcome",
                                "reason", "hitl_id", "executed_at"]

    func flushActionRows() throws { try actionRows?.flush() }

    @discardableResult
    public func execute(_ action: PreparedAction, now: Int64, hitlID: Int64?) throws -> EffectResult {
        _ = try lookups.fanName(action.fanID)
        if action.actionType == "send", let policy, let held = try policy.hold(action, now: now, hitlID: hitlID, executor: self) {
            return EffectResult(policy: held)
        }
        let outcome: Outcome
        switch action.actionType {
        case "send": outcome = try send(action, now: now)
        case "tag": outcome = try tag(action, now: now)
        case "untag": outcome = try untag(action)
        case "note": outcome = try note(action, now: now)
        default: throw RuntimeError.unknownActionType(action.actionType)
        }
        try record(action, outcome: outcome.outcome, reason: outcome.reason, hitlID: hitlID, at: now)
        return EffectResult(tagEvents: outcome.tagEvents, failures: outcome.outcome == "failed" ? 1 : 0)
    }

    /// Writes a non-executed outcome row (`skipped`, `rejected`, `expired`, `failed`).
    public func record(_ action: PreparedAction, outcome: String, reason: String?, hitlID: Int64?, at now: Int64) throws {
        let values: [SQLValue] = [.integer(action.runID), .integer(action.ruleID), .integer(action.fanID), .int(action.actionIndex),
                                  .text(action.actionType), .text(action.params.serialized()), .text(outcome), .optional(reason),
                                  .optional(hitlID), .integer(now)]
        if let actionRows {
            _ = try actionRows.insert(values, referenced: false)
        } else {
            try store.execute("""
                INSERT INTO automation_rule_actions (user_id, run_id, rule_id, fan_id, action_index, action_type, params_json,
                                                     outcome, reason, hitl_id, executed_at)
                VALUES (:user, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values)
        }
    }

    private struct Outcome {
        var outcome = "executed"
        var reason: String?
        var tagEvents: [Int64] = []
        static func failed(_ reason: String) -> Outcome { Outcome(outcome: "failed", reason: reason) }
    }

    private func send(_ action: PreparedAction, now: Int64) throws -> Outcome {
        guard let name = action.params["template"]?.string else { throw RuntimeError.corruptParams("send without a template") }
        guard let template = try lookups.template(named: name) else {
            return .failed("template \"\(name)\" not found")
        }
        guard let channel = try channel(for: action) else {
            return .failed("the fan has no platform account to send on")
        }
        let creator = try lookups.creator()
        let fanName = try lookups.fanName(action.fanID)
        let body = SendRendering.render(template.body, with: action.params["with"]?.members ?? [], fanName: fanName,
                                    creatorName: creator.displayName)
        try store.execute("""
            INSERT INTO fan_messages (user_id, fan_id, account_id, platform, direction, body, template_id, rule_id, status,
                                      created_at, memories_json)
            VALUES (:user, ?, ?, ?, 'outbound', ?, ?, ?, 'draft', ?, ?)
            """, [.integer(action.fanID), .optional(channel.accountID), .text(channel.platform), .text(body), .integer(template.id),
                  .integer(action.ruleID), .integer(now), .text(try memories(of: action.fanID).serialized())])
        return Outcome()
    }

    /// The platform and account a send goes out on: those computed at firing
    /// (`via` or the event's), else the fan's most recently linked account.
    private func channel(for action: PreparedAction) throws -> (platform: String, accountID: Int64?)? {
        let platform = action.params["platform"]?.string
        if let platform, let account = action.params["account_id"]?.int.map(Int64.init) { return (platform, account) }
        let sql = platform == nil
            ? "SELECT platform, id FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? ORDER BY linked_at DESC, id DESC LIMIT 1"
            : "SELECT platform, id FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? AND platform = ? ORDER BY linked_at DESC, id DESC LIMIT 1"
        let bindings: [SQLValue] = [.integer(action.fanID)] + (platform.map { [SQLValue.text($0)] } ?? [])
        if let row = try store.cursor(sql, bindings).next() { return (row.string(0), row.int64(1)) }
        // `via` named a platform the fan has no account on: a draft still records what to send.
        return platform.map { ($0, nil) }
    }

    /// The fan's memories as `[{"kind","key","value"}]`, oldest first.
    private func memories(of fanID: Int64) throws -> JSONValue {
        var items: [JSONValue] = []
        try store.forEachRow("SELECT kind, key, value FROM fan_memories WHERE user_id = :user AND fan_id = ? ORDER BY id",
                             [.integer(fanID)]) { row in
            items.append(.object([("kind", .string(row.string(0))), ("key", .string(row.string(1))), ("value", .string(row.string(2)))]))
        }
        return .array(items)
    }

    private func tag(_ action: PreparedAction, now: Int64) throws -> Outcome {
        guard let tag = action.params["tag"]?.string else { throw RuntimeError.corruptParams("tag without a tag") }
        let inserted = try store.execute("""
            INSERT INTO fan_tag_values (user_id, fan_id, tag, source, rule_id, created_at) VALUES (:user, ?, ?, 'rule', ?, ?)
            ON CONFLICT (user_id, fan_id, tag) DO NOTHING
            """, [.integer(action.fanID), .text(tag), .integer(action.ruleID), .integer(now)])
        guard inserted == 1 else { return Outcome(reason: "already tagged") }
        return Outcome(tagEvents: [store.database.lastInsertRowID])
    }

    private func untag(_ action: PreparedAction) throws -> Outcome {
        guard let tag = action.params["tag"]?.string else { throw RuntimeError.corruptParams("untag without a tag") }
        let removed = try store.execute("DELETE FROM fan_tag_values WHERE user_id = :user AND fan_id = ? AND tag = ?",
                                        [.integer(action.fanID), .text(tag)])
        return removed == 0 ? Outcome(reason: "not tagged") : Outcome()
    }

    private func note(_ action: PreparedAction, now: Int64) throws -> Outcome {
        guard let text = action.params["text"]?.string else { throw RuntimeError.corruptParams("note without text") }
        try store.execute("INSERT INTO fan_notes (user_id, fan_id, body, author, rule_id, created_at) VALUES (:user, ?, ?, 'rule', ?, ?)",
                          [.integer(action.fanID), .text(text), .integer(action.ruleID), .integer(now)])
        return Outcome()
    }
}
