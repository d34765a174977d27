import Syntax

/// A rule's clauses: trigger period, `when`, priority, cooldown, limit, actions.
extension CheckState {
    mutating func checkRule(_ rule: RuleDecl, trigger: CheckedTrigger?, segmentsUsed: [String]) -> CheckedRule? {
        var trigger = trigger
        if case .on(.schedule(.every(let period), _))? = rule.clauses.first(where: { $0.kind.keyword == "on" })?.kind {
            trigger = positiveDuration(period, code: .invalidCooldown, what: "`every`").map { .schedule(.every(seconds: $0)) }
        }
        if let condition = rule.condition { requireBool(condition, in: "`when`") }

        var priority: Int64 = 0
        if let expr = rule.priority {
            let type = value(expr)
            switch (type, foldedValue(expr)) {
            case (.int, .int(let v)?): priority = v
            case (.error, _): break
            default:
                report(Diagnostic(.invalidPriority, "`priority` takes an int such as `10` (or an int constant), not `\(text(expr.range))`", at: expr.range))
            }
        }
        let cooldown = rule.cooldown.flatMap { positiveDuration($0, code: .invalidCooldown, what: "`cooldown`") }
        let limit = rule.limit.flatMap { checkLimit($0) }
        let actions = (rule.actions ?? []).compactMap { checkAction($0) }

        guard let trigger else { return nil }
        return CheckedRule(
            name: rule.name.value, trigger: trigger, condition: rule.condition, priority: priority,
            cooldownSeconds: cooldown, limit: limit, isPaused: rule.isPaused, description: rule.ruleDescription?.value,
            actions: actions, segmentsUsed: segmentsUsed, declaration: rule)
    }

    private mutating func checkLimit(_ limit: LimitSyntax) -> RuleLimit? {
        let countType = value(limit.count)
        var count: Int64?
        if case .int(let n)? = foldedValue(limit.count), n >= 1 {
            count = n
        } else if countType != .error {
            report(Diagnostic(.invalidLimit, "`limit` takes a whole number of firings, 1 or more, not `\(text(limit.count.range))`", at: limit.count.range))
        }
        var window: Int64?
        if let expr = limit.window {
            window = positiveDuration(expr, code: .invalidLimit, what: "the window of `limit`")
            if window == nil { return nil }
        }
        return count.map { RuleLimit(count: $0, windowSeconds: window) }
    }

    /// A duration known at check time and greater than zero, reported with `code` otherwise.
    private mutating func positiveDuration(_ expr: Expr, code: DiagnosticCode, what: String) -> Int64? {
        let type = value(expr)
        if case .duration(let seconds)? = foldedValue(expr), seconds > 0 { return seconds }
        if type != .error {
            report(Diagnostic(code, "\(what) takes a duration greater than zero, such as `1d`, not `\(text(expr.range))`", at: expr.range))
        }
        return nil
    }

    private mutating func checkAction(_ action: ActionSyntax) -> CheckedAction? {
        var afterSeconds: Int64?
        if let after = action.after {
            let type = value(after)
            if type != .duration && type != .error {
                report(Diagnostic(.invalidAfter, "`after` takes a duration such as `2d`, but `\(text(after.range))` is \(type.withArticle)", at: after.range))
            } else if case .duration(let s)? = foldedValue(after) {
                if s < 0 {
                    report(Diagnostic(.invalidAfter, "`after` cannot be negative", at: after.range))
                }
                afterSeconds = s
            }
        }
        let kind: CheckedAction.Kind
        switch action.kind {
        case .send(let template, let with, let via):
            var seen: [String: SourceRange] = [:]
            var arguments: [TemplateArgument] = []
            for argument in with {
                if let first = seen[argument.key.name] {
                    report(Diagnostic(.duplicateWithKey, "`\(argument.key.name)` is given twice", at: argument.key.range,
                                      notes: [DiagnosticNote("first given here", at: first)]))
                }
                seen[argument.key.name] = argument.key.range
                let type = value(argument.value)
                if !type.isScalar || type == .null {
                    report(Diagnostic(.invalidWithValue, "a template value must be a single value (bool, number, money, string, duration or timestamp), not \(type.withArticle)",
                                      at: argument.value.range))
                }
                arguments.append(TemplateArgument(key: argument.key.name, value: argument.value))
            }
            if let via { checkVia(via) }
            checkTemplate(template, keys: Set(seen.keys))
            kind = .send(template: template.value, arguments: arguments, via: via)
        case .tag(let t): kind = .tag(t.value)
        case .untag(let t): kind = .untag(t.value)
        case .note(let t): kind = .note(t.value)
        }
        return CheckedAction(kind: kind, after: action.after, afterSeconds: afterSeconds,
                             requiresApproval: action.requiresApproval, range: action.range)
    }

    /// `via` picks the platform a message goes out on: a platform string
    /// (`via "fansly"`, `via event.platform`), checked against the platform list.
    private mutating func checkVia(_ via: Expr) {
        let type = value(via)
        guard type.isStringLike || type == .error else {
            report(Diagnostic(.invalidVia, "`via` takes a platform such as \"onlyfans\", not \(type.withArticle)", at: via.range))
            return
        }
        if let domain = type.enumDomain, domain != .platform {
            report(Diagnostic(.invalidVia, "`via` takes a platform, but `\(text(via.range))` is a \(domain.name)", at: via.range))
            return
        }
        checkEnumValue(of: .enumeration(.platform), against: via)
    }

    /// The value of an expression when it is known at check time: literals,
    /// constants, and arithmetic on them.
    func foldedValue(_ expr: Expr) -> LiteralValue? {
        switch expr.kind {
        case .literal(let literal): return LiteralValue(literal)
        case .parenthesized(let inner): return foldedValue(inner)
        case .name:
            if case .constant(_, let value)? = program.resolutions[expr.id] { return value }
            return nil
        case .unary(.negate, let operand):
            switch foldedValue(operand) {
            case .int(let v)? where v != .min: return .int(-v)
            case .duration(let v)? where v != .min: return .duration(-v)
            case .money(let v)? where v != .min: return .money(-v)
            case .number(let v)?: return .number(-v)
            default: return nil
            }
        case .binary(let op, let lhs, let rhs) where op != .and && op != .or:
            guard let l = foldedValue(lhs), let r = foldedValue(rhs), l.isArithmeticOperand, r.isArithmeticOperand,
                  OperatorTyping.arithmetic(op, ExprType(literal: l), ExprType(literal: r)) != nil,
                  case .value(let v) = ConstantArithmetic.apply(op, l, r) else { return nil }
            return v
        default:
            return nil
        }
    }
}
