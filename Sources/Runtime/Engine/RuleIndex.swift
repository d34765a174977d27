import Semantics

/// The active rules of a deployed program, looked up the way events need them:
/// by trigger name and argument, in firing order (priority descending, then name).
struct RuleIndex {
    private var eventRules: [String: [DeployedRule]] = [:]
    /// Active rules on `schedule …` triggers, in firing order.
    private(set) var scheduleRules: [(rule: DeployedRule, schedule: Schedule)] = []

    init(program: DeployedProgram) {
        for rule in program.rules.sorted(by: Self.firesBefore) where rule.status == "active" {
            switch rule.rule.trigger {
            case .event(let spec, _): eventRules[spec.name, default: []].append(rule)
            case .schedule(let schedule): scheduleRules.append((rule, schedule))
            }
        }
    }

    /// The rules an event runs, across all of its triggers (`transaction` and
    /// `transaction.tip` for a tip), merged into one firing order; each with the
    /// trigger it came through, whose fields its `event` has.
    func rules(for triggers: [(trigger: TriggerSpec, argument: String?)]) -> [(rule: DeployedRule, trigger: TriggerSpec)] {
        var result: [(rule: DeployedRule, trigger: TriggerSpec)] = []
        for (trigger, argument) in triggers {
            for rule in eventRules[trigger.name] ?? [] where Self.receives(rule.rule.trigger, argument: argument) {
                result.append((rule, trigger))
            }
        }
        if triggers.count > 1 { result.sort { Self.firesBefore($0.rule, $1.rule) } }
        return result
    }

    /// Whether a rule on `trigger` receives an event of that trigger name with
    /// `argument`: `tag.added "vip"` receives only vip; a rule without an
    /// argument takes all. `rulec why` asks the same question.
    static func receives(_ trigger: CheckedTrigger, argument: String?) -> Bool {
        guard case .event(_, let wanted) = trigger else { return false }
        return wanted == nil || wanted == argument
    }

    var hasEventRules: Bool { !eventRules.isEmpty }

    /// Priority descending, then name (LANGUAGE.md §8).
    static func firesBefore(_ a: DeployedRule, _ b: DeployedRule) -> Bool {
        a.rule.priority != b.rule.priority ? a.rule.priority > b.rule.priority : a.name < b.name
    }
}
