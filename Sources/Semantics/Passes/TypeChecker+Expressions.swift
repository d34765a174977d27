import Syntax

/// Types of expressions, recorded in `program.types` by `ExprID`.
extension CheckState {
    @discardableResult
    mutating func typeOf(_ expr: Expr) -> ExprType {
        let type = computeType(expr)
        program.types[expr.id] = type
        return type
    }

    private mutating func computeType(_ expr: Expr) -> ExprType {
        switch expr.kind {
        case .literal(let literal):
            return ExprType(literal: LiteralValue(literal))
        case .invalid:
            return .error
        case .fan:
            return .fan
        case .event:
            // Outside a rule, resolveNames reported it.
            return program.resolutions[expr.id] == .event ? .event : .error
        case .now:
            return .timestamp
        case .name:
            return typeOfResolvedPath(expr)
        case .member(let base, _):
            recordPathBase(base)
            if program.resolutions[expr.id] == .scoreNamespace {
                let names = Catalog.scoreDimensions.map { "fan.score.\($0.name)" }
                report(Diagnostic(.unknownField, "`fan.score` needs a score name: \(names.joined(separator: ", "))", at: expr.range))
            }
            return typeOfResolvedPath(expr)
        case .call(let function, let arguments):
            return typeOfCall(expr, function, arguments)
        case .aggregate(let aggregate):
            return typeOfAggregate(aggregate)
        case .unary(.not, let operand):
            requireBool(operand, in: "the operand of `not`")
            return .bool
        case .unary(.negate, let operand):
            let type = value(operand)
            guard type.isNumeric || type == .money || type == .duration || type == .error else {
                report(Diagnostic(.typeMismatch, "cannot negate \(type.withArticle)", at: expr.range))
                return .error
            }
            return type
        case .binary(let op, let lhs, let rhs) where op == .and || op == .or:
            requireBool(lhs, in: "each side of `\(op.rawValue)`")
            requireBool(rhs, in: "each side of `\(op.rawValue)`")
            return .bool
        case .binary(let op, let lhs, let rhs):
            let l = value(lhs), r = value(rhs)
            if l == .error || r == .error { return .error }
            if l == .null || r == .null { return .null }
            if let result = OperatorTyping.arithmetic(op, l, r) { return result }
            reportArithmeticMismatch(op, l, r, expr, lhs: lhs, rhs: rhs)
            return .error
        case .comparison(let op, let lhs, let rhs):
            checkComparison(op, lhs, rhs, expr)
            return .bool
        case .within(let subject, let duration):
            let s = value(subject), d = value(duration)
            if s != .timestamp && s != .error {
                report(Diagnostic(.typeMismatch, "`within` needs a timestamp on its left, but `\(text(subject.range))` is \(s.withArticle)", at: subject.range))
            }
            if d != .duration && d != .error {
                report(Diagnostic(.typeMismatch, "`within` needs a duration such as `7d`, but `\(text(duration.range))` is \(d.withArticle)", at: duration.range))
            }
            return .bool
        case .isNull(let operand, _):
            value(operand)
            return .bool
        case .ago(let operand):
            let type = value(operand)
            if type != .duration && type != .error {
                report(Diagnostic(.agoNeedsDuration, "`ago` needs a duration such as `7d`, but `\(text(operand.range))` is \(type.withArticle)", at: operand.range))
            }
            return .timestamp
        case .list(let items):
            var element: ExprType = .null
            for item in items {
                let type = value(item)
                guard let common = OperatorTyping.common(element, type) else {
                    report(Diagnostic(.typeMismatch, "a list holds one type, but `\(text(item.range))` is \(type.withArticle) among \(element)s", at: item.range))
                    return .error
                }
                element = common
            }
            return .list(element)
        case .parenthesized(let inner):
            return typeOf(inner)
        }
    }

    /// Names and member paths take their type from what they resolved to.
    private func typeOfResolvedPath(_ expr: Expr) -> ExprType {
        switch program.resolutions[expr.id] {
        case .fanField(let f)?: f.type
        case .scoreDimension(let d)?: d.type
        case .eventField(let f)?: f.type
        case .elementField(_, let f)?: f.type
        case .constant(_, let value)?: ExprType(literal: value)
        case .collection(let c)?, .collectionField(let c, _)?: .collection(c.name)
        case .segment?: .segment
        case .scoreNamespace?: .error
        case .fan?, .event?, .now?, .function?, nil: .error
        }
    }

    /// Types the bases of a path (`fan`, `fan.score`, `event`) without treating them as values.
    private mutating func recordPathBase(_ base: Expr) {
        if case .member(let inner, _) = base.kind { recordPathBase(inner) }
        switch program.resolutions[base.id] {
        case .fan?: program.types[base.id] = .fan
        case .event?: program.types[base.id] = .event
        case .scoreNamespace?, .collection?: program.types[base.id] = typeOfResolvedPath(base)
        default: typeOf(base)
        }
    }

    mutating func reportArithmeticMismatch(_ op: BinaryOperator, _ l: ExprType, _ r: ExprType, _ expr: Expr, lhs: Expr, rhs: Expr) {
        if let fix = moneyFixIt(l, r, lhs: lhs, rhs: rhs) {
            report(fix)
            return
        }
        var message = "`\(op.rawValue)` cannot combine \(l.withArticle) and \(r.withArticle)"
        if op == .remainder { message = "`%` takes ints only, not \(l.withArticle) and \(r.withArticle)" }
        report(Diagnostic(.typeMismatch, message, at: expr.range, notes: [DiagnosticNote(OperatorTyping.mixingRule(for: l, r))]))
    }

    /// `fan.lifetime_spend > 500`: money meets a plain number. When the number is
    /// a literal, the fix-it writes it as money (`$500`).
    func moneyFixIt(_ l: ExprType, _ r: ExprType, lhs: Expr, rhs: Expr) -> Diagnostic? {
        let numberSide: Expr
        if l == .money && r.isNumeric { numberSide = rhs } else if r == .money && l.isNumeric { numberSide = lhs } else { return nil }
        let moneySide = numberSide == rhs ? lhs : rhs
        let written = text(numberSide.range)
        var fixIts: [FixIt] = []
        if case .literal = numberSide.unparenthesized.kind, let money = MoneyText.fromNumberText(written) {
            fixIts.append(FixIt(range: numberSide.range, replacement: money, message: "write `\(money)`"))
        }
        return Diagnostic(.moneyWithoutDollar,
                          "`\(text(moneySide.range))` is money, but `\(written)` is a plain number; write money amounts with `$`",
                          at: numberSide.range, fixIts: fixIts)
    }
}

/// Reading a number the user wrote as the money they meant (for fix-its).
enum MoneyText {
    /// `500` → `$500`, `19.99` → `$19.99`, `-5` → `-$5`; nil for more than two decimals.
    static func fromNumberText(_ text: String) -> String? {
        var digits = Substring(text)
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.count == 1 || parts[1].count <= 2 else { return nil }
        return sign + "$" + digits
    }
}

extension OperatorTyping {
    /// The §6 rule that applies, for a note under a mismatch.
    static func mixingRule(for l: ExprType, _ r: ExprType) -> String {
        if l == .money || r == .money { return "money adds to and subtracts money, and multiplies or divides by an int or a number" }
        if l == .duration || r == .duration { return "durations add to and subtract durations, and shift timestamps" }
        if l == .timestamp || r == .timestamp { return "a timestamp plus or minus a duration is a timestamp; two timestamps subtract to a duration" }
        return "arithmetic takes ints and numbers (an int with a number gives a number)"
    }
}
