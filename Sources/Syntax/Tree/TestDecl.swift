/// `test "Name" { STEP... }` (LANGUAGE.md §10): a small private world, events
/// played through the program, and what must be true. Steps run in source
/// order; `docs/TESTING.md` describes each one.
public struct TestDecl: Hashable, Sendable {
    public var name: StringLiteral
    public var steps: [TestStep]
    public var range: SourceRange
    public init(name: StringLiteral, steps: [TestStep], range: SourceRange) {
        self.name = name; self.steps = steps; self.range = range
    }
}

public struct TestStep: Hashable, Sendable {
    public var kind: TestStepKind
    /// From the step's first word to its last token: where a failure is reported.
    public var range: SourceRange
    public init(kind: TestStepKind, range: SourceRange) { self.kind = kind; self.range = range }
}

public enum TestStepKind: Hashable, Sendable {
    /// `now EXPR`: the clock before anything happens (a timestamp).
    case now(Expr)
    /// `at EXPR`: moves the clock forward and runs what came due (schedules, `after`).
    case at(Expr)
    /// `template NAME "body {{slot}}"`: a message template of the test's creator.
    case template(name: StringLiteral, body: StringLiteral)
    /// `fan NAME { field: value, ... }`: a person, defaults for what is not given.
    case fan(name: Identifier, fields: [TestField])
    /// `event TRIGGER for FAN [{ field: value, ... }]`: one source row at the clock, then a run.
    case event(trigger: TriggerSyntax, fan: Identifier, fields: [TestField])
    /// `approve ACTION for FAN` / `reject ACTION for FAN`: decides the matching queued item.
    case decide(approve: Bool, action: TestActionPattern)
    case expect(Expectation)
}

/// `name: value` in a fan or event block; the name may be dotted (`score.churn_risk`).
public struct TestField: Hashable, Sendable {
    public var path: [Identifier]
    public var value: TestValue
    public init(path: [Identifier], value: TestValue) { self.path = path; self.value = value }

    public var name: String { path.map(\.name).joined(separator: ".") }
    public var range: SourceRange { path[0].range.union(value.range) }
}

public enum TestValue: Hashable, Sendable {
    case expr(Expr)
    /// `[{ kind: "tip", amount: $5 }, ...]`: rows of a collection.
    case records([[TestField]], range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .expr(let e): e.range
        case .records(_, let r): r
        }
    }
}

/// An action as an expectation names it: `send "tpl" [with { k: v }]`, `tag "t"`,
/// `untag "t"`, `note "text"`, with the fan it concerns.
public struct TestActionPattern: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case send, tag, untag, note }
    public var kind: Kind
    public var argument: StringLiteral
    public var with: [WithArgument]
    public var fan: Identifier
    public var range: SourceRange
    public init(kind: Kind, argument: StringLiteral, with: [WithArgument], fan: Identifier, range: SourceRange) {
        self.kind = kind; self.argument = argument; self.with = with; self.fan = fan; self.range = range
    }
}

public enum Expectation: Hashable, Sendable {
    /// `expect [not] "Rule" fired [N time(s)] [for FAN]`.
    case fired(rule: StringLiteral, negated: Bool, times: Expr?, fan: Identifier?)
    /// `expect [not] send "tpl" to FAN [with {...}]`, `expect [not] tag "t" for FAN`, …: executed actions.
    case action(TestActionPattern, negated: Bool)
    /// `expect [not] queued send "tpl" to FAN`: an action waiting for approval.
    case queued(TestActionPattern, negated: Bool)
    /// `expect FAN in SEGMENT` / `expect FAN not in SEGMENT`.
    case member(fan: Identifier, segment: Identifier, negated: Bool)
    /// `expect CONDITION for FAN`: any boolean over the fan at the clock.
    case condition(Expr, fan: Identifier)
    /// `expect nothing for FAN`: no rule fired for the fan.
    case nothing(fan: Identifier)
}
