import Semantics
import Syntax

/// One action of a rule as `explain` shows it: values as source text (they are
/// computed when the rule fires, so the text is what there is to show), and
/// its modifiers.
public struct ActionDescription: Sendable {
    public var action: CheckedAction

    public init(_ action: CheckedAction) { self.action = action }

    public var type: String {
        switch action.kind {
        case .send: "send"
        case .tag: "tag"
        case .untag: "untag"
        case .note: "note"
        }
    }

    /// The action as it could be written back in a rule:
    /// `send "winback_offer" with { discount: 30 } after 2d requires approval`.
    public var text: String {
        var parts: [String]
        switch action.kind {
        case .send(let template, let arguments, let via):
            parts = ["send", quoted(template)]
            if !arguments.isEmpty {
                parts.append("with { " + arguments.map { "\($0.key): \(Format.expression($0.value))" }.joined(separator: ", ") + " }")
            }
            if let via { parts.append("via " + Format.expression(via)) }
        case .tag(let tag): parts = ["tag", quoted(tag)]
        case .untag(let tag): parts = ["untag", quoted(tag)]
        case .note(let text): parts = ["note", quoted(text)]
        }
        if let after = action.after { parts.append("after " + Format.expression(after)) }
        if action.requiresApproval { parts.append("requires approval") }
        return parts.joined(separator: " ")
    }

    /// `{"type":"send","template":…,"with":{key: source},"via":…|null,"after":…|null,"requires_approval":bool}`;
    /// tag/untag carry `"tag"`, note carries `"text"`.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("type", .string(type))]
        switch action.kind {
        case .send(let template, let arguments, let via):
            members.append(("template", .string(template)))
            members.append(("with", .object(arguments.map { (key: $0.key, value: JSONValue.string(Format.expression($0.value))) })))
            members.append(("via", via.map { .string(Format.expression($0)) } ?? .null))
        case .tag(let tag), .untag(let tag):
            members.append(("tag", .string(tag)))
        case .note(let text):
            members.append(("text", .string(text)))
        }
        members.append(("after", action.after.map { .string(Format.expression($0)) } ?? .null))
        members.append(("requires_approval", .bool(action.requiresApproval)))
        return .object(members)
    }

    private func quoted(_ s: String) -> String { Value.string(s).description }
}
