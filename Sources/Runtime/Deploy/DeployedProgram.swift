import Foundation
import Planning
import Semantics
import Store
import Syntax

/// One deployed rule: its `automation_rules` row joined with the checked rule
/// and the plans that run it. A class, though immutable: the engine hands a
/// rule around for every event it runs on, and copying a struct of this many
/// references cost a retain and a release each (about 5% of `run`'s time).
public final class DeployedRule: Sendable {
    public let id: Int64
    public let name: String
    /// `active` or `paused` (StoreEnums.ruleStatuses).
    public let status: String
    public let version: Int64
    public let rule: CheckedRule
    /// The condition for one fan (`PlanBuilder.plan(…, scope: .oneFan)`), used per event.
    public let eventPlan: ConditionPlan
    /// The condition over all fans, for schedule triggers; nil for event triggers.
    public let schedulePlan: ConditionPlan?

    public init(id: Int64, name: String, status: String, version: Int64, rule: CheckedRule,
                eventPlan: ConditionPlan, schedulePlan: ConditionPlan?) {
        self.id = id
        self.name = name
        self.status = status
        self.version = version
        self.rule = rule
        self.eventPlan = eventPlan
        self.schedulePlan = schedulePlan
    }

    public var isActive: Bool { status == "active" }
}

/// The program a creator last deployed, re-parsed and re-checked from the
/// text kept in `automation_programs`, so the rules that run are exactly the
/// ones that were checked.
public struct DeployedProgram: Sendable {
    public let program: CheckedProgram
    /// Every rule of the program (active and paused), in source order.
    public let rules: [DeployedRule]
    /// `fan_segments` ids by segment name.
    public let segmentIDs: [String: Int64]
    /// The `automation_programs` row this was loaded from.
    public let programID: Int64

    public init(program: CheckedProgram, rules: [DeployedRule], segmentIDs: [String: Int64], programID: Int64) {
        self.program = program
        self.rules = rules
        self.segmentIDs = segmentIDs
        self.programID = programID
    }

    public func rule(named name: String) -> DeployedRule? { rules.first { $0.name == name } }

    /// The latest program deployed for the creator, re-parsed and re-checked; nil if none.
    public static func load(from store: CreatorStore) throws -> DeployedProgram? {
        guard let row = try store.cursor(
            "SELECT id, files_json FROM automation_programs WHERE user_id = :user ORDER BY id DESC LIMIT 1").next()
        else { return nil }
        let programID = row.int64(0)
        let files = try ProgramText.decode(row.string(1), programID: programID)
        // Templates are not checked here: a template deleted after deploy must
        // fail that one send at execution (docs/RUNTIME.md), not stop every rule.
        let front = Check.sources(files)
        guard !front.diagnostics.hasErrors else {
            throw DeployError.deployedProgramInvalid(programID: programID, diagnostics: front.diagnostics)
        }
        let program = front.program

        var rows: [String: (id: Int64, status: String, version: Int64)] = [:]
        try store.forEachRow("SELECT id, name, status, version FROM automation_rules WHERE user_id = :user") { row in
            rows[row.string(1)] = (row.int64(0), row.string(2), row.int64(3))
        }
        let rules = try program.rules.map { rule -> DeployedRule in
            guard let stored = rows[rule.name] else {
                throw DeployError.ruleRowMissing(rule.name)
            }
            let plans = RulePlans(rule: rule, program: program)
            return DeployedRule(id: stored.id, name: rule.name, status: stored.status, version: stored.version, rule: rule,
                                eventPlan: plans.eventPlan, schedulePlan: plans.schedulePlan)
        }

        var segmentIDs: [String: Int64] = [:]
        let names = Set(program.segments.map(\.name))
        try store.forEachRow("SELECT id, name FROM fan_segments WHERE user_id = :user") { row in
            if names.contains(row.string(1)) { segmentIDs[row.string(1)] = row.int64(0) }
        }
        return DeployedProgram(program: program, rules: rules, segmentIDs: segmentIDs, programID: programID)
    }
}
