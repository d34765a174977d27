import Syntax

/// What a deploy will do (and, once applied, did), by name: computed from the
/// store before anything is written, printed first by `rulec deploy`, and
/// all that `--dry-run` does (docs/RUNTIME.md, "Deploy").
public struct DeployPlan: Sendable, Equatable {
    public enum Kind: String, Sendable { case rule, segment }

    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var name: String
        public init(_ kind: Kind, _ name: String) { self.kind = kind; self.name = name }
    }

    /// A rule or segment that exists and changes. `what` in a fixed order:
    /// trigger, condition, actions, clauses, constants, display name,
    /// definition, version, paused, resumed.
    public struct Change: Sendable, Equatable {
        public var kind: Kind
        public var name: String
        public var what: [String]
        /// The version before and after, when it goes up.
        public var version: (from: Int64, to: Int64)?

        public static func == (a: Change, b: Change) -> Bool {
            a.kind == b.kind && a.name == b.name && a.what == b.what && a.version?.from == b.version?.from && a.version?.to == b.version?.to
        }
    }

    /// A rule the source does not mention, with its status (left as it is).
    public struct Kept: Sendable, Equatable {
        public var name: String
        public var status: String
        /// False when it is no longer in the deployed program (pruned earlier): it stays paused.
        public var inProgram: Bool
    }

    /// A rule `--prune` takes out of the program, with its status before.
    public struct Pruned: Sendable, Equatable {
        public var name: String
        public var statusBefore: String
    }

    public var added: [Entry] = []
    public var changed: [Change] = []
    public var unchanged: [Entry] = []
    public var kept: [Kept] = []
    public var pruned: [Pruned] = []
    /// Rules added paused because their source says `paused`.
    public var addedPaused: [String] = []
    /// Rules back in the source after a `--prune`: they stay paused until `rulec resume`.
    public var staysPaused: [String] = []
    public var isFirstDeploy = false
    public var isDryRun = false
    /// True when `--prune` was given.
    public var prunes = false

    public init() {}

    func names(_ kind: Kind, in entries: [Entry]) -> [String] { entries.filter { $0.kind == kind }.map(\.name) }

    /// The plan as data: exactly the keys RULEC.md pins. Rules and segments
    /// share `added`, `changed` and `unchanged` (a name is unique within
    /// each kind); `pruned` and `kept` hold rules only.
    public var json: JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
        return .object([
            ("added", strings(added.map(\.name))),
            ("changed", .array(changed.map { .object([("name", .string($0.name)), ("what", strings($0.what))]) })),
            ("unchanged", strings(unchanged.map(\.name))),
            ("pruned", strings(pruned.map(\.name))),
            ("kept", strings(kept.map(\.name))),
        ])
    }

    /// One line per non-empty group, for `rulec deploy`'s text output.
    public var textLines: [String] {
        func entries(_ list: [Entry]) -> String {
            let rules = names(.rule, in: list), segments = names(.segment, in: list)
            return [rules.isEmpty ? nil : Plural.noun(rules.count, "rule") + " " + quoted(rules),
                    segments.isEmpty ? nil : Plural.noun(segments.count, "segment") + " " + segments.joined(separator: ", ")]
                .compactMap { $0 }.joined(separator: "; ")
        }
        var lines = [(isDryRun ? "dry run: " : "") + "deploy plan"
                     + (isFirstDeploy ? " (first deploy: event cursors start at the end of the data, history does not fire)" : "")]
        if !added.isEmpty { lines.append("  added: " + entries(added)) }
        for change in changed {
            let what = change.what.map { word in
                if word == "version", let version = change.version { return "version \(version.from) → \(version.to)" }
                return word
            }
            let name = change.kind == .rule ? "rule \"\(change.name)\"" : "segment \(change.name)"
            lines.append("  changed: \(name): " + what.joined(separator: ", "))
        }
        if !unchanged.isEmpty { lines.append("  unchanged: " + entries(unchanged)) }
        if !addedPaused.isEmpty { lines.append("  added paused (its source says `paused`): " + quoted(addedPaused)) }
        if !staysPaused.isEmpty {
            lines.append("  stays paused (pruned by an earlier deploy; `rulec resume RULE` turns it on): " + quoted(staysPaused))
        }
        if !kept.isEmpty {
            lines.append("  not in this source; kept: " + kept.map { "\"\($0.name)\" (\($0.status)\($0.inProgram ? "" : ", pruned"))" }.joined(separator: ", "))
        }
        if !pruned.isEmpty {
            lines.append("  pruned (paused, out of the program): "
                         + pruned.map { "\"\($0.name)\"" + ($0.statusBefore == "paused" ? " (already paused)" : "") }.joined(separator: ", "))
        }
        if added.isEmpty && changed.isEmpty && pruned.isEmpty { lines.append("  nothing changes") }
        return lines
    }

    private func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
}
