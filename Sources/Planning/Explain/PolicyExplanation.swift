import Semantics
import Syntax

/// What `explain` says about the program's `policy { ... }`: its caps, its
/// quiet hours, and which rules bypass it (LANGUAGE.md §11).
public struct PolicyExplanation: Sendable {
    public var limits: [PolicyLimit]
    public var quietHours: QuietHours?
    /// Rules with `bypass policy`, in source order.
    public var bypassingRules: [String]

    public init?(program: CheckedProgram) {
        guard let policy = program.policy else { return nil }
        limits = policy.limits
        quietHours = policy.quietHours
        bypassingRules = program.rules.filter(\.declaration.bypassesPolicy).map(\.name)
    }

    var textLines: [String] {
        var lines = ["policy   (every rule's sends, except rules that bypass it)"]
        for limit in limits {
            lines.append(ExplainText.labeled("limit", "\(limit) (executed sends in any \(limit.windowText), all platforms)"))
        }
        if let quietHours {
            lines.append(ExplainText.labeled("quiet", "\(quietHours) on the fan's clock (fan time zone, else the creator's); sends wait until it ends"))
        }
        lines.append(ExplainText.labeled("bypass", bypassingRules.isEmpty ? "(no rule)" : bypassingRules.map { Value.string($0).description }.joined(separator: ", ")))
        return lines
    }

    public var json: JSONValue {
        .object([
            ("limits", .array(limits.map { .object([("count", .int(Int($0.count))), ("per", .string($0.windowText))]) })),
            ("quiet_hours", quietHours.map { quiet in
                .object([("from", .string(String(quiet.description.prefix(5)))), ("to", .string(String(quiet.description.suffix(5))))])
            } ?? .null),
            ("bypass", .array(bypassingRules.map { .string($0) })),
        ])
    }
}
