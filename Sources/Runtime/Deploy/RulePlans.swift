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
            ("trigger", .string(Self.triggerText(rule.trigger))),
            ("event_plan", eventPlan.json),
            ("schedule_plan", schedulePlan?.json ?? .null),
            ("actions", .array(rule.actions.map { Self.actionJSON($0, program: program) })),
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

    /// The trigger in its canonical spelling: `transaction.tip`,
    /// `segment.entered whales`, `tag.added "vip"`, `schedule daily at 09:00`.
    /// Spacing of the source does not matter, so reformatting bumps nothing.
    static func triggerText(_ trigger: CheckedTrigger) -> String {
        switch trigger {
        case .event(let spec, let argument?) where spec.argument == .tagString:
            return spec.name + " " + JSONValue.string(argument).serialized()
        case .event(let spec, let argument?):
            return spec.name + " " + argument
        case .event(let spec, nil):
            return spec.name
        case .schedule(let schedule):
            return "schedule \(schedule)"
        }
    }

    /// An action as data; expressions appear as `fmt` prints them.
    static func actionJSON(_ action: CheckedAction, program: CheckedProgram) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        switch action.kind {
        case .send(let template, let arguments, let via):
            members.append(("type", .string("send")))
            members.append(("template", .string(template)))
            members.append(("with", .object(arguments.map { ($0.key, .string(Format.expression($0.value))) })))
            members.append(("via", via.map { .string(Format.expression($0)) } ?? .null))
        case .tag(let tag):
            members += [("type", .string("tag")), ("tag", .string(tag))]
        case .untag(let tag):
            members += [("type", .string("untag")), ("tag", .string(tag))]
        case .note(let text):
            members += [("type", .string("note")), ("text", .string(text))]
        }
        members.append(("after", action.after.map { .string(Format.expression($0)) } ?? .null))
        members.append(("after_seconds", action.afterSeconds.map { .int(Int($0)) } ?? .null))
        members.append(("requires_approval", .bool(action.requiresApproval)))
        return .object(members)
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
            for child in children(of: expr) { visit(child) }
        }
        expressions.forEach(visit)
        return found
    }

    private static func children(of expr: Expr) -> [Expr] {
        switch expr.kind {
        case .literal, .name, .fan, .event, .now, .invalid: []
        case .member(let base, _): [base]
        case .call(_, let arguments): arguments
        case .aggregate(let a): [a.source] + [a.window, a.filter].compactMap { $0 }
        case .unary(_, let e), .ago(let e), .parenthesized(let e), .isNull(let e, _): [e]
        case .binary(_, let l, let r), .comparison(_, let l, let r): [l, r]
        case .within(let v, let d): [v, d]
        case .list(let items): items
        }
    }
}
