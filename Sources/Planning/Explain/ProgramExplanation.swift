import Semantics
import Syntax

/// What `rulec explain` shows about a program: for each segment and rule, the
/// plan that decides who matches (the SQL, its parameters and the residual
/// left to the evaluator) and, for rules, what happens next (trigger,
/// priority, cooldown, limit, actions). Built from a checked program alone,
/// it needs no store and says exactly what `deploy` would store; given a
/// store's estimator, plans over all fans show the shape each collection read
/// gets on that store's data, and why (docs/PLANS.md).
public struct ProgramExplanation: Sendable {
    public var segments: [SegmentExplanation]
    public var rules: [RuleExplanation]
    /// The program's policy, when it has one and the whole program is explained.
    public var policy: PolicyExplanation?

    /// Which declarations to explain: all of them, or one by name.
    public enum Subject: Sendable, Equatable {
        case all
        case rule(String)
        case segment(String)
    }

    public init(program: CheckedProgram, subject: Subject = .all, estimator: PlanEstimator? = nil) {
        let segments: [CheckedSegment], rules: [CheckedRule]
        switch subject {
        case .all: (segments, rules) = (program.segments, program.rules)
        case .rule(let name): (segments, rules) = ([], program.rules.filter { $0.name == name })
        case .segment(let name): (segments, rules) = (program.segments.filter { $0.name == name }, [])
        }
        self.segments = segments.map { SegmentExplanation($0, program: program, estimator: estimator) }
        self.rules = rules.map { RuleExplanation($0, program: program, estimator: estimator) }
        self.policy = subject == .all ? PolicyExplanation(program: program) : nil
    }

    /// `{"segments":[{"name","plan"}],"rules":[{"name","trigger","priority","plan","actions","cooldown","limit"}]}`
    /// (docs/CLI.md pins it).
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("segments", .array(segments.map(\.json))),
            ("rules", .array(rules.map(\.json))),
        ]
        // Only when there is one, so programs without a policy explain exactly as before.
        if let policy { fields.append(("policy", policy.json)) }
        return .object(fields)
    }
}

public struct SegmentExplanation: Sendable {
    public var name: String
    public var displayName: String?
    public var condition: Expr
    /// Over all of the creator's fans: how `segments refresh` and `fan in` at scale run it.
    public var plan: ConditionPlan
    /// What each `?` is bound to, in words (`vip_min = $500`).
    public var parameters: [String]

    init(_ segment: CheckedSegment, program: CheckedProgram, estimator: PlanEstimator? = nil) {
        name = segment.name
        displayName = segment.displayName
        condition = segment.condition
        plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator)
        parameters = plan.bindings.map { ParameterText.describe($0, program: program) }
    }

    public var json: JSONValue {
        .object([("name", .string(name)), ("plan", plan.json)])
    }
}

public struct RuleExplanation: Sendable {
    public var name: String
    /// As written after `on`, argument included: `segment.entered whales`.
    public var trigger: String
    public var isSchedule: Bool
    public var priority: Int64
    public var isPaused: Bool
    public var cooldownSeconds: Int64?
    public var limit: RuleLimit?
    public var condition: Expr?
    /// One fan per event for event triggers; all fans at once for schedules.
    public var plan: ConditionPlan
    /// What each `?` is bound to, in words (`vip_min = $500`).
    public var parameters: [String]
    public var actions: [ActionDescription]
    /// `bypass policy`: shown only when the program has a policy to bypass.
    public var bypassesPolicy: Bool
    public var programHasPolicy: Bool

    init(_ rule: CheckedRule, program: CheckedProgram, estimator: PlanEstimator? = nil) {
        bypassesPolicy = rule.declaration.bypassesPolicy
        programHasPolicy = program.policy != nil
        name = rule.name
        trigger = rule.trigger.sourceText
        if case .schedule = rule.trigger { isSchedule = true } else { isSchedule = false }
        priority = rule.priority
        isPaused = rule.isPaused
        cooldownSeconds = rule.cooldownSeconds
        limit = rule.limit
        condition = rule.condition
        plan = PlanBuilder.plan(rule.condition, program: program, scope: isSchedule ? .allFans : .oneFan, estimator: estimator)
        parameters = plan.bindings.map { ParameterText.describe($0, program: program) }
        actions = rule.actions.map(ActionDescription.init)
    }

    /// `1 per fan per 90d`, `3 per fan`.
    public var limitText: String? {
        limit.map { limit in
            "\(limit.count) per fan" + (limit.windowSeconds.map { " per " + Value.duration($0).description } ?? "")
        }
    }

    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("trigger", .string(trigger)),
            ("priority", .int(Int(priority))),
            ("plan", plan.json),
            ("actions", .array(actions.map(\.json))),
            ("cooldown", cooldownSeconds.map { .string(Value.duration($0).description) } ?? .null),
            ("limit", limit.map { limit in
                .object([("count", .int(Int(limit.count))),
                         ("per", limit.windowSeconds.map { .string(Value.duration($0).description) } ?? .null)])
            } ?? .null),
        ])
    }
}

/// A binding as `explain` shows it: `PlanBinding.summary`, with the value of a
/// folded constant added so a reader need not look it up.
enum ParameterText {
    static func describe(_ binding: PlanBinding, program: CheckedProgram) -> String {
        if case .expression(let expr) = binding, case .constant(_, let value)? = program.resolution(of: expr) {
            return binding.summary + " = " + value.description
        }
        return binding.summary
    }
}
