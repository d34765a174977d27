import Planning
import Semantics
import Syntax

/// Everything that decides what a deployed rule does, computed the same way at
/// deploy (to store `plan_json` and bump the version when it changes) and at
/// load (to run it): the condition plans, and the rule's own settings.
struct RulePlans {
    let eventPlan: ConditionPlan
    let schedulePlan: ConditionPlan?
    let json: JSONValue

    init(rule: CheckedRule, program: CheckedProgram) {
        eventPlan = PlanBuilder.plan(rule.condition, program: program, scope: .oneFan)
        if case .schedule = rule.trigger {
            schedulePlan = PlanBuilder.plan(rule.condition, program: program, scope: .allFans)
        } else {
            schedulePlan = nil
        }
        json = .object([
            ("trigger", .string(rule.trigger.sourceText)),
            ("event_plan", eventPlan.json),
            ("schedule_plan", schedulePlan?.json ?? .null),
            ("actions", .array(rule.actions.map { ActionDescription($0).json })),
            ("cooldown_seconds", rule.cooldownSeconds.map { .int(Int($0)) } ?? .null),
            ("limit", rule.limit.map { limit in
                .object([("count", .int(Int(limit.count))), ("window_seconds", limit.windowSeconds.map { .int(Int($0)) } ?? .null)])
            } ?? .null),
            ("constants", .object(Self.constantsUsed(by: rule, program: program).map { ($0.name, .string($0.value.description)) })),
        ])
    }

    /// Every constant the rule reads, with its folded value: plans name a
    /// constant rather than its value where they compute a parameter
    /// (`{"truth_of": "event.amount >= big"}`), so without this an edited
    /// `let` would leave `plan_json`, and the version, unchanged.
    static func constantsUsed(by rule: CheckedRule, program: CheckedProgram) -> [(name: String, value: LiteralValue)] {
        var roots = [rule.condition].compactMap { $0 }
        for action in rule.actions {
            if case .send(_, let arguments, let via) = action.kind { roots += arguments.map(\.value) + [via].compactMap { $0 } }
            roots += [action.after].compactMap { $0 }
        }
        return constantsUsed(in: roots, program: program)
    }

    /// Constants named anywhere in `expressions`, or in the segments they use
    /// (a segment's plan is inlined into the rule's), in order of first use.
    static func constantsUsed(in expressions: [Expr], program: CheckedProgram) -> [(name: String, value: LiteralValue)] {
        var found: [(name: String, value: LiteralValue)] = []
        var segmentsSeen: Set<String> = []
        func visit(_ expr: Expr) {
            switch program.resolution(of: expr) {
            case .constant(let name, let value)? where !found.contains(where: { $0.name == name }):
                found.append((name, value))
            case .segment(let name)? where segmentsSeen.insert(name).inserted:
                program.segment(named: name).map { visit($0.condition) }
            default:
                break
            }
            for child in expr.children { visit(child) }
        }
        expressions.forEach(visit)
        return found
    }
}
