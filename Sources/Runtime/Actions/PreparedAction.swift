import Syntax

/// An action of a rule for one fan, with its `with`/`via` values computed at
/// firing time, ready to execute, queue for approval, or delay.
public struct PreparedAction: Sendable, Equatable {
    public let ruleID: Int64
    public let runID: Int64
    public let fanID: Int64
    /// The action's position in the rule's `then { }`, from 0.
    public let actionIndex: Int
    /// `send`, `tag`, `untag` or `note` (StoreEnums.actionTypes).
    public let actionType: String
    /// The computed arguments, stored as `params_json`:
    /// send `{"template","with":{slot: text},"platform"?,"account_id"?}`,
    /// tag/untag `{"tag"}`, note `{"text"}`.
    public let params: JSONValue
    /// What a person approving it reads: the rendered message, or `tag "vip"`.
    public let preview: String
    /// `after D`, in seconds.
    public let afterSeconds: Int64?
    public let requiresApproval: Bool

    public init(ruleID: Int64, runID: Int64, fanID: Int64, actionIndex: Int, actionType: String, params: JSONValue,
                preview: String, afterSeconds: Int64?, requiresApproval: Bool) {
        self.ruleID = ruleID
        self.runID = runID
        self.fanID = fanID
        self.actionIndex = actionIndex
        self.actionType = actionType
        self.params = params
        self.preview = preview
        self.afterSeconds = afterSeconds
        self.requiresApproval = requiresApproval
    }
}

/// What executing effects raised: the ids of `fan_tag_values` rows a `tag`
/// inserted, each a `tag.added` event for the cascade. Adding a tag the fan
/// already has inserts nothing and raises nothing.
public struct EffectResult: Sendable, Equatable {
    public var tagEvents: [Int64]
    /// Actions whose outcome was `failed` (a template gone, no account to send on).
    public var failures: Int
    /// A send the policy held back (skipped, with the limit) or deferred (quiet hours); nil otherwise.
    public var policy: PolicyEffect?
    public init(tagEvents: [Int64] = [], failures: Int = 0, policy: PolicyEffect? = nil) {
        self.tagEvents = tagEvents; self.failures = failures; self.policy = policy
    }

    public mutating func merge(_ other: EffectResult) { tagEvents += other.tagEvents; failures += other.failures }
}

/// Why the runtime could not do what it was asked, as typed values.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
    /// The fan is not one of this creator's (or does not exist).
    case unknownFan(Int64)
    /// An action of a kind the runtime does not know (a row edited by hand).
    case unknownActionType(String)
    /// A `params_json` that is not what the runtime wrote.
    case corruptParams(String)

    public var description: String {
        switch self {
        case .unknownFan(let id): "fan \(id) is not one of this creator's fans"
        case .unknownActionType(let type): "unknown action type '\(type)'"
        case .corruptParams(let reason): "stored action parameters cannot be read: \(reason)"
        }
    }
}
