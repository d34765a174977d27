// TEMPORARY: the `ops` half's documented signatures (briefs/runtime-interfaces.md),
// so the engine compiles before `git merge ops`. Deleted at that merge.
import Foundation
import Planning
import Semantics
import Store
import Syntax

public struct DeployedRule: Sendable {
    public let id: Int64; public let name: String; public let status: String
    public let version: Int64
    public let rule: CheckedRule
    public let eventPlan: ConditionPlan
    public let schedulePlan: ConditionPlan?
}
public struct DeployedProgram: Sendable {
    public let program: CheckedProgram
    public let rules: [DeployedRule]
    public let segmentIDs: [String: Int64]
    public static func load(from store: CreatorStore) throws -> DeployedProgram? { fatalError("ops") }
}
public struct PreparedAction: Sendable {
    public let ruleID: Int64, runID: Int64, fanID: Int64, actionIndex: Int
    public let actionType: String
    public let params: JSONValue
    public let preview: String
    public let afterSeconds: Int64?
    public let requiresApproval: Bool
}
public struct ActionPreparer {
    public init(store: CreatorStore, program: CheckedProgram) {}
    public func prepare(_ action: CheckedAction, index: Int, rule: DeployedRule, runID: Int64, fanID: Int64,
                        context: EvaluationContext) throws -> PreparedAction { fatalError("ops") }
}
public struct EffectResult: Sendable { public let tagEvents: [Int64] }
public struct EffectExecutor {
    public init(store: CreatorStore) {}
    public func execute(_ action: PreparedAction, now: Int64, hitlID: Int64?) throws -> EffectResult { fatalError("ops") }
    public func record(_ action: PreparedAction, outcome: String, reason: String?, hitlID: Int64?, at now: Int64) throws { fatalError("ops") }
}
public struct ApprovalQueue {
    public init(store: CreatorStore) {}
    public func enqueue(_ action: PreparedAction, now: Int64) throws -> Int64 { fatalError("ops") }
    public func expire(now: Int64) throws -> Int { fatalError("ops") }
}
public struct ScheduledActions {
    public init(store: CreatorStore) {}
    public func schedule(_ action: PreparedAction, dueAt: Int64) throws { fatalError("ops") }
    public func runDue(now: Int64) throws -> EffectResult { fatalError("ops") }
}
struct CreatorProfile {
    var displayName: String
    var zone: TimeZone
    var currency: String
    static func load(from store: CreatorStore) throws -> CreatorProfile { fatalError("ops") }
}
