import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Computes an action's arguments when its rule fires: `with` and `via` values
/// (evaluated with the fan's facts and the firing's context, so `event.amount`
/// and `now` are those of the event), the platform to send on, and a preview
/// a person can approve.
public struct ActionPreparer {
    public let store: CreatorStore
    public let program: CheckedProgram
    let lookups: CreatorLookups

    public init(store: CreatorStore, program: CheckedProgram) {
        self.init(store: store, program: program, lookups: .uncached(store))
    }

    /// `lookups` shared with the batch's `EffectExecutor` (see `CreatorLookups`).
    init(store: CreatorStore, program: CheckedProgram, lookups: CreatorLookups) {
        self.store = store
        self.program = program
        self.lookups = lookups
    }

    public func prepare(_ action: CheckedAction, index: Int, rule: DeployedRule, runID: Int64, fanID: Int64,
                        context: EvaluationContext) throws -> PreparedAction {
        let fan = try lookups.fanName(fanID)
        let evaluator = Evaluator(program: program, context: context, facts: StoreFanFacts(store: store, fanID: fanID))
        let params: JSONValue
        let preview: String
        let type: String
        switch action.kind {
        case .send(let template, let arguments, let via):
            type = "send"
            let creator = try lookups.creator()
            var with: [(key: String, value: JSONValue)] = []
            for argument in arguments {
                let value = try evaluator.evaluate(argument.value)
                with.append((argument.key, .string(ValueText.display(value, currency: creator.currency, zone: context.zone))))
            }
            params = .object([("template", .string(template)), ("with", .object(with))]
                             + (try channel(via: via, evaluator: evaluator, context: context)))
            preview = SendRendering.preview(template: try lookups.template(named: template), named: template, with: with,
                                            fanName: fan, creatorName: creator.displayName)
        case .tag(let tag):
            (type, params, preview) = ("tag", .object([("tag", .string(tag))]), "tag " + JSONValue.string(tag).serialized())
        case .untag(let tag):
            (type, params, preview) = ("untag", .object([("tag", .string(tag))]), "untag " + JSONValue.string(tag).serialized())
        case .note(let text):
            (type, params, preview) = ("note", .object([("text", .string(text))]), "note " + JSONValue.string(text).serialized())
        }
        return PreparedAction(ruleID: rule.id, runID: runID, fanID: fanID, actionIndex: index, actionType: type, params: params,
                              preview: preview, afterSeconds: try afterSeconds(action, evaluator: evaluator),
                              requiresApproval: action.requiresApproval)
    }

    /// `platform`/`account_id` for a send: `via`, else the event's platform and
    /// account. Left out when neither says, so execution picks the fan's most
    /// recently linked account.
    private func channel(via: Expr?, evaluator: Evaluator, context: EvaluationContext) throws -> [(key: String, value: JSONValue)] {
        let eventPlatform: String? = if case .string(let p)? = context.event?["platform"] { p } else { nil }
        let eventAccount: Int64? = if case .int(let a)? = context.event?["account_id"] { a } else { nil }
        var platform = eventPlatform
        if let via, case .string(let chosen) = try evaluator.evaluate(via) { platform = chosen }
        guard let platform else { return [] }
        // The event's account only serves when it is on the chosen platform.
        let account = platform == eventPlatform ? eventAccount : nil
        return [("platform", .string(platform))] + (account.map { [("account_id", JSONValue.int(Int($0)))] } ?? [])
    }

    private func afterSeconds(_ action: CheckedAction, evaluator: Evaluator) throws -> Int64? {
        if let seconds = action.afterSeconds { return seconds }
        guard let after = action.after else { return nil }
        if case .duration(let seconds) = try evaluator.evaluate(after) { return max(seconds, 0) }
        return nil
    }
}

/// Reads a fan of this creator; any other id is `RuntimeError.unknownFan`,
/// so no effect can land on another creator's fan.
struct FanLookup {
    let store: CreatorStore

    func displayName(of fanID: Int64) throws -> String {
        guard let row = try store.cursor("SELECT display_name FROM fan_profiles WHERE user_id = :user AND id = ?",
                                         [.integer(fanID)]).next()
        else { throw RuntimeError.unknownFan(fanID) }
        return row.optionalString(0) ?? ""
    }
}
