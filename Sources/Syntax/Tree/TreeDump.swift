/// A compact S-expression rendering of the syntax tree, for tests and golden
/// files: `(and (>= fan.lifetime_spend $500) (in "vip" fan.tags))`.
/// Member paths print dotted, literals as written canonically (`$19.99`,
/// `3d`; durations in days at most, so `2w` prints `14d`), parentheses the author wrote as `(paren …)`.
public enum TreeDump {
    public static func file(_ syntax: FileSyntax) -> String {
        syntax.declarations.map(declaration).joined(separator: "\n")
    }

    public static func declaration(_ declaration: Declaration) -> String {
        switch declaration {
        case .constant(let d):
            return "(let \(d.name.name) \(expr(d.value)))"
        case .segment(let d):
            let display = d.displayName.map { " " + quoted($0.value) } ?? ""
            return "(segment \(d.name.name)\(display) \(expr(d.condition)))"
        case .rule(let d):
            return "(rule \(quoted(d.name.value))" + d.clauses.map { " " + clause($0.kind) }.joined() + ")"
        case .test(let d):
            return "(test \(quoted(d.name.value))" + d.expressions.map { " " + expr($0) }.joined() + ")"
        case .policy(let d):
            return "(policy" + d.items.map { " " + policyItem($0.kind) }.joined() + ")"
        }
    }

    static func clause(_ clause: RuleClauseKind) -> String {
        switch clause {
        case .on(let trigger): "(on \(self.trigger(trigger)))"
        case .when(let e): "(when \(expr(e)))"
        case .priority(let e): "(priority \(expr(e)))"
        case .cooldown(let e): "(cooldown \(expr(e)))"
        case .limit(let l): "(limit \(expr(l.count))" + (l.window.map { " (per \(expr($0)))" } ?? "") + ")"
        case .paused: "paused"
        case .bypassPolicy: "bypass-policy"
        case .description(let s): "(description \(quoted(s.value)))"
        case .then(let actions): "(then" + actions.map { " " + action($0) }.joined() + ")"
        }
    }

    static func trigger(_ trigger: TriggerSyntax) -> String {
        switch trigger {
        case .event(let path, let argument, _):
            let name = path.map(\.name).joined(separator: ".")
            switch argument {
            case .none: return name
            case .name(let n)?: return "\(name) \(n.name)"
            case .string(let s)?: return "\(name) \(quoted(s.value))"
            }
        case .schedule(let schedule, _):
            switch schedule {
            case .daily(let time): return "schedule daily \(clock(time))"
            case .weekly(let day, let time): return "schedule weekly \(day.name) \(clock(time))"
            case .every(let e): return "schedule every \(expr(e))"
            }
        }
    }

    static func action(_ action: ActionSyntax) -> String {
        var parts: [String]
        switch action.kind {
        case .send(let template, let arguments, let via):
            parts = ["send", quoted(template.value)]
            if !arguments.isEmpty {
                parts.append("(with" + arguments.map { " (\($0.key.name) \(expr($0.value)))" }.joined() + ")")
            }
            if let via { parts.append("(via \(expr(via)))") }
        case .tag(let s): parts = ["tag", quoted(s.value)]
        case .untag(let s): parts = ["untag", quoted(s.value)]
        case .note(let s): parts = ["note", quoted(s.value)]
        }
        if let after = action.after { parts.append("(after \(expr(after)))") }
        if action.requiresApproval { parts.append("approval") }
        return "(" + parts.joined(separator: " ") + ")"
    }

    public static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let l): return literal(l)
        case .name(let n): return n
        case .fan: return "fan"
        case .event: return "event"
        case .now: return "now"
        case .member(let base, let field): return "\(expr(base)).\(field.name)"
        case .call(let function, let arguments):
            return "(call \(function.name)" + arguments.map { " " + expr($0) }.joined() + ")"
        case .aggregate(let a):
            var text = "(\(a.function.rawValue) \(expr(a.source))"
            if let window = a.window { text += " (within \(expr(window)))" }
            if let filter = a.filter { text += " (where \(expr(filter)))" }
            return text + ")"
        case .unary(let op, let operand): return "(\(op == .not ? "not" : "neg") \(expr(operand)))"
        case .binary(let op, let l, let r): return "(\(op.rawValue) \(expr(l)) \(expr(r)))"
        case .comparison(let op, let l, let r):
            return "(\(op.rawValue.replacingSpaces) \(expr(l)) \(expr(r)))"
        case .within(let value, let duration): return "(within \(expr(value)) \(expr(duration)))"
        case .isNull(let value, let negated): return "(\(negated ? "is-not-null" : "is-null") \(expr(value)))"
        case .ago(let d): return "(ago \(expr(d)))"
        case .list(let elements): return "[" + elements.map(expr).joined(separator: " ") + "]"
        case .parenthesized(let inner): return "(paren \(expr(inner)))"
        case .invalid: return "<invalid>"
        }
    }

    public static func literal(_ literal: Literal) -> String {
        switch literal {
        case .int(let v): return String(v)
        case .number(let v): return String(v)
        case .money(let cents):
            let sign = cents < 0 ? "-" : ""
            let magnitude = cents.magnitude
            let fraction = magnitude % 100
            return "\(sign)$\(magnitude / 100)" + (fraction == 0 ? "" : "." + String(fraction).leftPadded(to: 2))
        case .duration(let seconds):
            let sign = seconds < 0 ? "-" : ""
            for (unit, length) in [("d", UInt64(86_400)), ("h", 3_600), ("m", 60)] where seconds.magnitude % length == 0 && seconds != 0 {
                return "\(sign)\(seconds.magnitude / length)\(unit)"
            }
            return "\(sign)\(seconds.magnitude)s"
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func clock(_ time: ClockTime) -> String {
        String(time.hour).leftPadded(to: 2) + ":" + String(time.minute).leftPadded(to: 2)
    }

    static func quoted(_ text: String) -> String { LiteralPrinter.string(text) }
}

private extension String {
    var replacingSpaces: String { split(separator: " ").joined(separator: "-") }
}
