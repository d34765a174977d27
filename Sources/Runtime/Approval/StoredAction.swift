import Store
import Syntax

/// A prepared action as the queue and the delay table keep it: the ids in
/// their own columns, the computed arguments in `params_json`. A queued
/// action's `after` must survive until approval (it counts from then), so it
/// is kept in params_json as `after_seconds` and taken out again on reading.
enum StoredAction {
    static let afterKey = "after_seconds"

    static func paramsJSON(_ action: PreparedAction, keepingAfter: Bool) -> String {
        guard keepingAfter, let after = action.afterSeconds, case .object(let members) = action.params else {
            return action.params.serialized()
        }
        return JSONValue.object(members + [(afterKey, .int(Int(after)))]).serialized()
    }

    /// Rebuilds the action from a row's columns.
    static func action(ruleID: Int64?, runID: Int64?, fanID: Int64?, actionIndex: Int, actionType: String, paramsJSON: String,
                       preview: String, requiresApproval: Bool) throws -> PreparedAction {
        guard let ruleID, let runID, let fanID else { throw RuntimeError.corruptParams("the item lacks its rule, run or fan") }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(paramsJSON) } catch { throw RuntimeError.corruptParams("\(error)") }
        guard case .object(let members) = parsed else { throw RuntimeError.corruptParams("params_json is not an object") }
        let after = members.first { $0.key == afterKey }?.value.int.map(Int64.init)
        return PreparedAction(ruleID: ruleID, runID: runID, fanID: fanID, actionIndex: actionIndex, actionType: actionType,
                              params: .object(members.filter { $0.key != afterKey }), preview: preview,
                              afterSeconds: after, requiresApproval: requiresApproval)
    }
}
