/// One parsed file: its declarations in source order and its comments, which
/// the formatter puts back.
public struct FileSyntax: Sendable {
    public var file: SourceFile
    public var declarations: [Declaration]
    public var comments: [Comment]
    /// Indices into `declarations` of those holding a syntax error. Their
    /// names still count as declared, but the checker does not look inside
    /// them: a broken tree would only produce cascades.
    public var declarationsWithErrors: Set<Int>
    /// Identifiers in text the parser skipped where a declaration should have
    /// started (`et vip_min = $5`): a lost declaration may have declared any
    /// of them, so the checker does not call them unknown.
    public var namesInSkippedText: Set<String>

    public init(file: SourceFile, declarations: [Declaration], comments: [Comment],
                declarationsWithErrors: Set<Int> = [], namesInSkippedText: Set<String> = []) {
        self.file = file
        self.declarations = declarations
        self.comments = comments
        self.declarationsWithErrors = declarationsWithErrors
        self.namesInSkippedText = namesInSkippedText
    }
}

public struct Comment: Hashable, Sendable {
    /// The text after `#`, without the newline.
    public var text: String
    public var range: SourceRange
    public init(text: String, range: SourceRange) { self.text = text; self.range = range }
}

public enum Declaration: Hashable, Sendable {
    case constant(ConstantDecl)
    case segment(SegmentDecl)
    case rule(RuleDecl)
    /// `test "Name" { ... }` (LANGUAGE.md §10): checked, run by `rulec test`, never deployed.
    case test(TestDecl)
    /// `policy { ... }` (LANGUAGE.md §11).
    case policy(PolicyDecl)

    public var range: SourceRange {
        switch self {
        case .constant(let d): d.range
        case .segment(let d): d.range
        case .rule(let d): d.range
        case .test(let d): d.range
        case .policy(let d): d.range
        }
    }
}

/// `let NAME = EXPR`
public struct ConstantDecl: Hashable, Sendable {
    public var name: Identifier
    public var value: Expr
    public var range: SourceRange
    public init(name: Identifier, value: Expr, range: SourceRange) {
        self.name = name; self.value = value; self.range = range
    }
}

/// `segment NAME ["Display name"] { EXPR }`
public struct SegmentDecl: Hashable, Sendable {
    public var name: Identifier
    public var displayName: StringLiteral?
    public var condition: Expr
    public var range: SourceRange
    public init(name: Identifier, displayName: StringLiteral?, condition: Expr, range: SourceRange) {
        self.name = name; self.displayName = displayName; self.condition = condition; self.range = range
    }
}

/// `rule "Name" { CLAUSES }`. Clauses are kept in source order (the formatter
/// and duplicate-clause diagnostics need it); the accessors find each one.
public struct RuleDecl: Hashable, Sendable {
    public var name: StringLiteral
    public var clauses: [RuleClause]
    public var range: SourceRange

    public init(name: StringLiteral, clauses: [RuleClause], range: SourceRange) {
        self.name = name; self.clauses = clauses; self.range = range
    }

    public var trigger: TriggerSyntax? {
        for case .on(let t) in clauses.map(\.kind) { return t }
        return nil
    }
    public var condition: Expr? {
        for case .when(let e) in clauses.map(\.kind) { return e }
        return nil
    }
    public var priority: Expr? {
        for case .priority(let e) in clauses.map(\.kind) { return e }
        return nil
    }
    public var cooldown: Expr? {
        for case .cooldown(let e) in clauses.map(\.kind) { return e }
        return nil
    }
    public var limit: LimitSyntax? {
        for case .limit(let l) in clauses.map(\.kind) { return l }
        return nil
    }
    public var isPaused: Bool {
        clauses.contains { if case .paused = $0.kind { true } else { false } }
    }
    /// `bypass policy`: this rule's sends neither count against the policy nor wait for it.
    public var bypassesPolicy: Bool {
        clauses.contains { if case .bypassPolicy = $0.kind { true } else { false } }
    }
    public var ruleDescription: StringLiteral? {
        for case .description(let s) in clauses.map(\.kind) { return s }
        return nil
    }
    public var actions: [ActionSyntax]? {
        for case .then(let a) in clauses.map(\.kind) { return a }
        return nil
    }
}

public struct RuleClause: Hashable, Sendable {
    public var kind: RuleClauseKind
    /// From the clause keyword to the clause's last token.
    public var range: SourceRange
    public init(kind: RuleClauseKind, range: SourceRange) { self.kind = kind; self.range = range }
}

public enum RuleClauseKind: Hashable, Sendable {
    case on(TriggerSyntax)
    case when(Expr)
    /// An int literal (possibly negative) or a constant name.
    case priority(Expr)
    /// A duration literal or a constant name.
    case cooldown(Expr)
    case limit(LimitSyntax)
    case paused
    case description(StringLiteral)
    case then([ActionSyntax])
    /// `bypass policy` (LANGUAGE.md §11).
    case bypassPolicy

    /// The keyword that starts the clause, for messages ("duplicate `cooldown` clause").
    public var keyword: String {
        switch self {
        case .on: "on"
        case .when: "when"
        case .priority: "priority"
        case .cooldown: "cooldown"
        case .limit: "limit"
        case .paused: "paused"
        case .description: "description"
        case .then: "then"
        case .bypassPolicy: "bypass policy"
        }
    }
}

/// `limit N per fan [per DURATION]`
public struct LimitSyntax: Hashable, Sendable {
    public var count: Expr
    public var window: Expr?
    public init(count: Expr, window: Expr?) { self.count = count; self.window = window }
}

/// What follows `on`. Event triggers are a dotted path (`transaction.tip`,
/// `segment.entered`), with an argument for `segment.*` (a segment name) and
/// `tag.added` (a tag string); schedules have their own shape.
public enum TriggerSyntax: Hashable, Sendable {
    case event(path: [Identifier], argument: TriggerArgument?, range: SourceRange)
    case schedule(ScheduleSyntax, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .event(_, _, let r), .schedule(_, let r): r
        }
    }
}

public enum TriggerArgument: Hashable, Sendable {
    case name(Identifier)
    case string(StringLiteral)
}

public enum ScheduleSyntax: Hashable, Sendable {
    case daily(at: ClockTime)
    /// `weekly on DAY at HH:MM`; the checker validates the day name.
    case weekly(day: Identifier, at: ClockTime)
    case every(Expr)
}

public struct ActionSyntax: Hashable, Sendable {
    public var kind: ActionKind
    /// `after DURATION`: a duration literal, constant, or expression.
    public var after: Expr?
    public var requiresApproval: Bool
    public var range: SourceRange

    public init(kind: ActionKind, after: Expr?, requiresApproval: Bool, range: SourceRange) {
        self.kind = kind; self.after = after; self.requiresApproval = requiresApproval; self.range = range
    }
}

public enum ActionKind: Hashable, Sendable {
    case send(template: StringLiteral, with: [WithArgument], via: Expr?)
    case tag(StringLiteral)
    case untag(StringLiteral)
    case note(StringLiteral)

    public var keyword: String {
        switch self {
        case .send: "send"
        case .tag: "tag"
        case .untag: "untag"
        case .note: "note"
        }
    }
}

/// `key: EXPR` inside `with { }`; any word may be a key.
public struct WithArgument: Hashable, Sendable {
    public var key: Identifier
    public var value: Expr
    public init(key: Identifier, value: Expr) { self.key = key; self.value = value }
}
