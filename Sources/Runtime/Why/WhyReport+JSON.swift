import Planning
import Semantics
import Syntax

extension WhyReport {
    /// `rulec why --format json` (docs/CLI.md): one object, keys in this order,
    /// every key always present (null when it does not apply).
    public var json: JSONValue {
        var verdictMembers: [(key: String, value: JSONValue)] = [("verdict", .string(verdict.code))]
        if case .heldBack(_, let kind, let firing) = verdict {
            verdictMembers.append(("held_back_by", .string(kind)))
            verdictMembers.append(("holding_firing", firing.map(Self.json) ?? .null))
        } else {
            verdictMembers.append(("held_back_by", .null))
            verdictMembers.append(("holding_firing", .null))
        }
        return .object([
            ("rule", .string(rule)),
            ("fan", .int(Int(fanID))),
            ("event", event.map { .object([("source", .string($0.source)), ("id", .int(Int($0.id))),
                                           ("time", eventTime.map(Self.time) ?? .null)]) } ?? .null),
            ("slot", slot.map(Self.time) ?? .null),
            ("now", Self.time(now)),
            ("clock", Self.time(clock)),
        ] + verdictMembers + [
            ("reason", .string(verdictText)),
            ("condition", tree.map(json) ?? .null),
            ("limits", .array(limits.map { check in
                .object([("clause", .string(check.clause)), ("kind", .string(check.kind)),
                         ("holds_back", check.holdsBack.map(JSONValue.bool) ?? .null),
                         ("firings_in_window", .int(check.firings.count)),
                         ("firings", .array(check.firings.map(Self.json)))])
            })),
            ("policy", .array(policy.map { check in
                .object([("action", .int(check.action)), ("template", .string(check.template)),
                         ("at", check.at.map(Self.time) ?? .null), ("decision", .string(check.decision)),
                         ("until", check.until.map(Self.time) ?? .null), ("reason", .string(check.reason))])
            })),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }

    private static func time(_ seconds: Int64) -> JSONValue { .string(Value.timestamp(seconds).description) }

    private static func json(_ firing: Firing) -> JSONValue {
        .object([("fired_at", time(firing.firedAt)), ("run_id", .int(Int(firing.runID))),
                 ("event", firing.event.map { .string($0.description) } ?? .null)])
    }

    /// A node: its source text and where it is written (1-based, columns in
    /// Unicode scalars, as `check` counts them), its value and mark, then its parts.
    private func json(_ node: WhyNode) -> JSONValue {
        var place: [(key: String, value: JSONValue)] = []
        if let range = node.range, let file = files[range.file] {
            let start = file.location(of: range.start), end = file.location(of: range.end)
            place = [("file", .string(file.path)), ("line", .int(start.line)), ("column", .int(start.column)),
                     ("end_line", .int(end.line)), ("end_column", .int(end.column))]
        } else {
            place = [("file", .null), ("line", .null), ("column", .null), ("end_line", .null), ("end_column", .null)]
        }
        let kind = node.range == nil ? (node.text == "all of" ? "all" : "any") : "expression"
        return .object([("kind", .string(kind)), ("text", .string(node.text))] + place + [
            ("holds", .bool(node.holds)),
            ("value", node.value.map(JSONValue.string) ?? .null),
            ("detail", node.detail.map(JSONValue.string) ?? .null),
            ("rows", node.rows.map(Self.json) ?? .null),
            ("children", .array(node.children.map(json))),
        ])
    }

    private static func json(_ rows: WhyRows) -> JSONValue {
        .object([("collection", .string(rows.collection)), ("total", .int(rows.total)),
                 ("window", rows.window.map(JSONValue.string) ?? .null), ("in_window", .int(rows.inWindow)),
                 ("filter", rows.filter.map(JSONValue.string) ?? .null), ("passing", .int(rows.passing)),
                 ("matched", .array(rows.matched.map(JSONValue.string))),
                 ("failed", .array(rows.failed.map(JSONValue.string)))])
    }
}
