import Store

/// `rulec pause RULE` / `rulec resume RULE`: a person's pause, which a
/// redeploy keeps (see `RuleUpsert`).
public enum RuleSwitch {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No deployed rule of that name; `known` lists the creator's rule names, for a did-you-mean.
        case unknownRule(String, known: [String])
        /// The rule says `paused` in its source: resuming would not survive a redeploy.
        case pausedInSource(String)
        /// The rule was removed from the program; deploy a program that has it.
        case notInProgram(String)

        public var description: String {
            switch self {
            case .unknownRule(let name, _): "no deployed rule \"\(name)\""
            case .pausedInSource(let name): "rule \"\(name)\" says `paused` in its source; remove `paused` and deploy again to resume it"
            case .notInProgram(let name): "rule \"\(name)\" is no longer in the deployed program; deploy a program that has it"
            }
        }
    }

    /// What the command did: the status before and after.
    public struct Change: Sendable, Equatable {
        public var name: String
        public var before: String
        public var after: String
    }

    public static func pause(_ name: String, in store: CreatorStore, now: Int64) throws -> Change {
        try store.transaction {
            let current = try status(of: name, in: store)
            try store.execute("UPDATE automation_rules SET status = 'paused', paused_by = 'user', updated_at = ? WHERE user_id = :user AND name = ?",
                              [.integer(now), .text(name)])
            return Change(name: name, before: current.status, after: "paused")
        }
    }

    public static func resume(_ name: String, in store: CreatorStore, now: Int64) throws -> Change {
        try store.transaction {
            let current = try status(of: name, in: store)
            if current.pausedBy == "source" { throw Failure.pausedInSource(name) }
            if current.pausedBy == "removed" { throw Failure.notInProgram(name) }
            try store.execute("UPDATE automation_rules SET status = 'active', paused_by = NULL, updated_at = ? WHERE user_id = :user AND name = ?",
                              [.integer(now), .text(name)])
            return Change(name: name, before: current.status, after: "active")
        }
    }

    private static func status(of name: String, in store: CreatorStore) throws -> (status: String, pausedBy: String?) {
        if let row = try store.cursor("SELECT status, paused_by FROM automation_rules WHERE user_id = :user AND name = ?", [.text(name)]).next() {
            return (row.string(0), row.optionalString(1))
        }
        let known = try store.rows("SELECT name FROM automation_rules WHERE user_id = :user ORDER BY name").compactMap { $0[0].string }
        throw Failure.unknownRule(name, known: known)
    }
}
