import Planning
import Store
import Syntax

/// `rulec rules`: the creator's deployed rules and segments as people check
/// them: status, version, when deployed, when last fired and how often this
/// week. Reads only (docs/RUNTIME.md, "Listing what is deployed").
public struct DeployedListing: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var trigger: String
        /// `active` or `paused`.
        public var status: String
        /// Who paused it: `user`, `source` (its text says `paused`), `pruned` (by `deploy --prune`); nil when active.
        public var pausedBy: String?
        public var version: Int64
        /// When the rule's row last changed: the deploy that added or changed it, or a pause or resume.
        public var deployedAt: Int64
        public var lastFiredAt: Int64?
        /// Firings (one per fan fired for) in the week up to the clock.
        public var firingsLast7Days: Int
    }

    public struct Segment: Sendable, Equatable {
        public var name: String
        public var displayName: String?
        public var members: Int
        public var evaluatedAt: Int64?
        public var deployedAt: Int64
    }

    public var rules: [Rule] = []
    /// The segments of the deployed program (rows of segments since removed from it are not listed).
    public var segments: [Segment] = []

    public static let week: Int64 = 7 * 86_400

    /// Every rule row of the creator (pruned ones included, paused), by name,
    /// and the segments of the latest deployed program; `now` anchors the week.
    public static func load(from store: CreatorStore, now: Int64) throws -> DeployedListing {
        try store.transaction(.deferred) {
            var listing = DeployedListing()
            try store.forEachRow("""
                SELECT r.name, r.trigger, r.status, r.paused_by, r.version, r.updated_at,
                       (SELECT max(f.fired_at) FROM automation_rule_firings f
                        WHERE f.user_id = :user AND f.rule_id = r.id AND f.fired_at <= ?),
                       (SELECT count(*) FROM automation_rule_firings f
                        WHERE f.user_id = :user AND f.rule_id = r.id AND f.fired_at > ? AND f.fired_at <= ?)
                FROM automation_rules r WHERE r.user_id = :user ORDER BY r.name
                """, [.integer(now), .integer(now - week), .integer(now)]) { row in
                let pausedBy = row.optionalString(3).map { $0 == "removed" ? "pruned" : $0 }
                listing.rules.append(Rule(name: row.string(0), trigger: row.string(1), status: row.string(2),
                                          pausedBy: row.string(2) == "paused" ? pausedBy ?? "user" : nil, version: row.int64(4),
                                          deployedAt: row.int64(5), lastFiredAt: row.optionalInt64(6), firingsLast7Days: row.int(7)))
            }
            var deployedSegments: Set<String> = []
            for file in try ProgramText.latest(from: store) ?? [] {
                for case .segment(let segment) in Parse.file(file).syntax.declarations { deployedSegments.insert(segment.name.name) }
            }
            try store.forEachRow("""
                SELECT name, display_name, member_count, evaluated_at, updated_at FROM fan_segments WHERE user_id = :user ORDER BY name
                """) { row in
                guard deployedSegments.contains(row.string(0)) else { return }
                listing.segments.append(Segment(name: row.string(0), displayName: row.optionalString(1), members: row.int(2),
                                                evaluatedAt: row.optionalInt64(3), deployedAt: row.int64(4)))
            }
            return listing
        }
    }

    public var json: JSONValue {
        func time(_ t: Int64?) -> JSONValue { t.map { .string(Time.iso8601($0)) } ?? .null }
        return .object([
            ("rules", .array(rules.map { rule in
                .object([("name", .string(rule.name)), ("trigger", .string(rule.trigger)), ("status", .string(rule.status)),
                         ("paused_by", rule.pausedBy.map(JSONValue.string) ?? .null), ("version", .int(Int(rule.version))),
                         ("deployed_at", time(rule.deployedAt)), ("last_fired_at", time(rule.lastFiredAt)),
                         ("firings_7d", .int(rule.firingsLast7Days))])
            })),
            ("segments", .array(segments.map { segment in
                .object([("name", .string(segment.name)), ("display_name", segment.displayName.map(JSONValue.string) ?? .null),
                         ("members", .int(segment.members)), ("evaluated_at", time(segment.evaluatedAt)),
                         ("deployed_at", time(segment.deployedAt))])
            })),
        ])
    }

    /// Two aligned tables (rules, then segments) as rows of cells, header first.
    public var ruleRows: [[String]] {
        [["RULE", "TRIGGER", "STATUS", "VERSION", "DEPLOYED", "LAST FIRED", "FIRINGS 7D"]] + rules.map { rule in
            [rule.name, rule.trigger, rule.status + (rule.pausedBy.map { " (\($0))" } ?? ""), String(rule.version),
             Time.iso8601(rule.deployedAt), rule.lastFiredAt.map(Time.iso8601) ?? "never", String(rule.firingsLast7Days)]
        }
    }

    public var segmentRows: [[String]] {
        [["SEGMENT", "NAME", "MEMBERS", "EVALUATED", "DEPLOYED"]] + segments.map { segment in
            [segment.name, segment.displayName ?? "-", String(segment.members), segment.evaluatedAt.map(Time.iso8601) ?? "never",
             Time.iso8601(segment.deployedAt)]
        }
    }
}
