import Foundation
import Store

/// What the live store adds to the editor: the creator's templates (for
/// completion after `send "` and for the template checks), segment member
/// counts and rule firings (for hover). The store is opened READ-ONLY and
/// never migrated or created: an editor must not change a creator's data,
/// and a path that does not exist stays an error in the log, not a new file.
public final class StoreFacts {
    private let store: CreatorStore?
    /// Why the store could not be opened, for `window/logMessage`.
    public let openError: String?

    public init(path: String, userID: String) {
        do {
            guard FileManager.default.fileExists(atPath: path) else { throw StoreFactsError("no store at \(path)") }
            let database = try Database(path: path, options: Database.Options(readOnly: true))
            store = CreatorStore(database: database, userID: userID)
            openError = nil
        } catch {
            store = nil
            openError = "rulec lsp: cannot read the store: \(error)"
        }
    }

    /// Template name → body; empty when there is no store.
    public func templates() -> [String: String]? {
        guard let store else { return nil }
        var result: [String: String] = [:]
        try? store.forEachRow("SELECT name, body FROM message_templates WHERE user_id = :user") { row in
            result[row.string(0)] = row.string(1)
        }
        return result
    }

    /// `fan_segments.member_count` and when it was evaluated, for a deployed segment.
    public func segment(named name: String) -> (members: Int, evaluatedAt: Int64?)? {
        guard let store else { return nil }
        var found: (Int, Int64?)?
        try? store.forEachRow("SELECT member_count, evaluated_at FROM fan_segments WHERE user_id = :user AND name = ?",
                              [.text(name)]) { row in
            found = (row.int(0), row.optionalInt64(1))
        }
        return found
    }

    public struct Run: Sendable {
        public var triggeredAt: Int64
        public var outcome: String
        public var matchedFans: Int
    }

    /// The rule's most recent runs (automation_rule_runs), newest first, and how many there are.
    public func runs(ofRule name: String, limit: Int = 3) -> (total: Int, latest: [Run])? {
        guard let store else { return nil }
        var latest: [Run] = []
        var total = 0
        try? store.forEachRow("""
            SELECT r.triggered_at, r.outcome, r.matched_fan_count FROM automation_rule_runs r
            JOIN automation_rules a ON a.id = r.rule_id AND a.user_id = r.user_id
            WHERE r.user_id = :user AND a.name = ? ORDER BY r.id DESC LIMIT ?
            """, [.text(name), .integer(Int64(limit))]) { row in
            latest.append(Run(triggeredAt: row.int64(0), outcome: row.string(1), matchedFans: row.int(2)))
        }
        try? store.forEachRow("""
            SELECT count(*) FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id AND a.user_id = r.user_id
            WHERE r.user_id = :user AND a.name = ?
            """, [.text(name)]) { row in total = row.int(0) }
        return (total, latest)
    }
}

struct StoreFactsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
