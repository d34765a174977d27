/// `rule "Name" { CLAUSES }` (LANGUAGE.md §3): clauses in any order, each at
/// most once; `on` and `then` required.
extension Parser {
    mutating func parseRule() -> RuleDecl {
        let start = advance().start
        let name = expectStringLiteral("a rule name") ?? StringLiteral(value: "", range: insertionPoint)
        let opening = eat(.leftBrace)
        if opening == nil {
            reportUnexpected(expected: "`{` to open the rule's body")
            // Carry on if the body plainly starts here (`rule "x" on …`).
            if case .keyword(let keyword) = current.kind, keyword.startsClause { panicMode = false } else { synchronize(.clause) }
        }
        var clauses: [RuleClause] = []
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            if atBypassPolicy() {
                let clause = parseBypassPolicy()
                if let first = clauses.first(where: { $0.kind == .bypassPolicy }) {
                    diagnose(.duplicateClause, "duplicate `bypass policy` clause; a rule has at most one",
                             at: clause.range, notes: [DiagnosticNote("the first `bypass policy` clause is here", at: first.range)])
                }
                clauses.append(clause)
                continue
            }
            guard case .keyword(let keyword) = current.kind, keyword.startsClause else {
                reportUnexpected(expected: "a rule clause (`on`, `when`, `priority`, `cooldown`, `limit`, `paused`, `description` or `then`)",
                                 code: .unknownClause)
                synchronize(.clause)
                continue
            }
            let clause = parseClause(keyword)
            if let first = clauses.first(where: { $0.kind.keyword == clause.kind.keyword }) {
                diagnose(.duplicateClause, "duplicate `\(keyword.rawValue)` clause; a rule has at most one",
                         at: clause.range, notes: [DiagnosticNote("the first `\(keyword.rawValue)` clause is here", at: first.range)])
            }
            clauses.append(clause)
            if panicMode { synchronize(.clause) }
        }
        closeBlock(opening: opening, what: "the rule \"\(name.value)\"")
        let rule = RuleDecl(name: name, clauses: clauses, range: range(from: start))
        reportMissingClauses(rule)
        return rule
    }

    private mutating func reportMissingClauses(_ rule: RuleDecl) {
        guard !panicMode else { return }
        if rule.trigger == nil {
            diagnose(.missingTrigger, "rule \"\(rule.name.value)\" has no `on` clause: say which event or schedule triggers it",
                     at: rule.name.range)
        }
        if rule.actions == nil {
            diagnose(.missingActions, "rule \"\(rule.name.value)\" has no `then { … }` clause: say what it does",
                     at: rule.name.range)
        }
    }

    private mutating func parseClause(_ keyword: Keyword) -> RuleClause {
        let start = advance().start
        let kind: RuleClauseKind
        switch keyword {
        case .on: kind = .on(parseTrigger())
        case .when: kind = .when(parseExpression())
        case .priority: kind = .priority(parseExpression())
        case .cooldown: kind = .cooldown(parseExpression())
        case .limit: kind = .limit(parseLimit())
        case .paused: kind = .paused
        case .description:
            let text = expectStringLiteral("a description") ?? StringLiteral(value: "", range: insertionPoint)
            kind = .description(text)
        case .then: kind = .then(parseActionBlock())
        default:
            preconditionFailure("parseClause called with `\(keyword.rawValue)`, which starts no clause")
        }
        return RuleClause(kind: kind, range: range(from: start))
    }

    /// `limit N per fan [per DURATION]`
    private mutating func parseLimit() -> LimitSyntax {
        let count = parseExpression()
        guard expect(.keyword(.per), "`per fan` after the limit's count") != nil,
              expect(.keyword(.fan), "`fan` after `per` (limits count firings per fan)") != nil else {
            return LimitSyntax(count: count, window: nil)
        }
        var window: Expr?
        if eat(.per) != nil { window = parseExpression() }
        return LimitSyntax(count: count, window: window)
    }
}
