import Foundation
import Syntax

/// `== != < <= > >= in, not in, contains, starts with, ends with, matches`.
extension CheckState {
    mutating func checkComparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, _ expr: Expr) {
        switch op {
        case .equal, .notEqual:
            if isNullLiteral(rhs) || isNullLiteral(lhs) {
                reportNullComparison(op, lhs, rhs, expr)
                return
            }
            let l = value(lhs), r = value(rhs)
            guard l != .error, r != .error else { return }
            if let money = moneyFixIt(l, r, lhs: lhs, rhs: rhs) { report(money); return }
            if let membership = membershipFixIt(op, l, r, lhs: lhs, rhs: rhs, expr) { report(membership); return }
            guard OperatorTyping.equatable(l, r) else {
                report(Diagnostic(.typeMismatch, "cannot compare \(l.withArticle) with \(r.withArticle)", at: expr.range))
                return
            }
            checkEnumValue(of: l, against: rhs)
            checkEnumValue(of: r, against: lhs)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if isNullLiteral(rhs) || isNullLiteral(lhs) {
                report(Diagnostic(.compareWithNull, "a comparison with `null` is never true; test with `is null`", at: expr.range))
                return
            }
            let l = value(lhs), r = value(rhs)
            guard l != .error, r != .error else { return }
            if let money = moneyFixIt(l, r, lhs: lhs, rhs: rhs) { report(money); return }
            if let domain = l.enumDomain ?? r.enumDomain {
                report(Diagnostic(.enumOrdering, "`\(op.rawValue)` cannot order \(domain.name) values; compare them with `==`, `!=` or `in`", at: expr.range))
                return
            }
            guard OperatorTyping.orderable(l, r) else {
                report(Diagnostic(.typeMismatch, "`\(op.rawValue)` cannot order \(l.withArticle) and \(r.withArticle)", at: expr.range))
                return
            }
        case .in, .notIn:
            checkMembership(op, lhs, rhs, expr)
        case .contains, .startsWith, .endsWith:
            let l = value(lhs), r = value(rhs)
            if case .list = l, op == .contains {
                let rewrite = "\(text(rhs.range)) in \(text(lhs.range))"
                report(Diagnostic(.typeMismatch, "`contains` searches a string; to test whether a list holds a value, write `\(rewrite)`",
                                  at: expr.range, fixIts: [FixIt(range: expr.range, replacement: rewrite, message: "use `in`")]))
                return
            }
            for (side, type) in [(lhs, l), (rhs, r)] where !type.isStringLike && type != .error {
                report(Diagnostic(.typeMismatch, "`\(op.rawValue)` needs strings, but `\(text(side.range))` is \(type.withArticle)", at: side.range))
            }
        case .matches:
            let l = value(lhs)
            if !l.isStringLike && l != .error {
                report(Diagnostic(.typeMismatch, "`matches` needs a string on its left, but `\(text(lhs.range))` is \(l.withArticle)", at: lhs.range))
            }
            checkRegex(rhs)
        }
    }

    /// `fan.tags == "vip"`: a list equated with one of its own elements is
    /// almost always a membership test; suggest `"vip" in fan.tags`
    /// (`not in` for `!=`).
    private func membershipFixIt(_ op: ComparisonOperator, _ l: ExprType, _ r: ExprType,
                                 lhs: Expr, rhs: Expr, _ expr: Expr) -> Diagnostic? {
        let (list, element, listType, elementType): (Expr, Expr, ExprType, ExprType)
        switch (l, r) {
        case (.list, .list): return nil
        case (.list, _): (list, element, listType, elementType) = (lhs, rhs, l, r)
        case (_, .list): (list, element, listType, elementType) = (rhs, lhs, r, l)
        default: return nil
        }
        guard case .list(let itemType) = listType, OperatorTyping.equatable(itemType, elementType) else { return nil }
        let test = op == .equal ? "in" : "not in"
        let rewrite = "\(text(element.range)) \(test) \(text(list.range))"
        return Diagnostic(.typeMismatch, "cannot compare \(listType.withArticle) with \(elementType.withArticle); to test whether the list holds it, write `\(rewrite)`",
                          at: expr.range, fixIts: [FixIt(range: expr.range, replacement: rewrite, message: "write `\(rewrite)`")])
    }

    private func isNullLiteral(_ expr: Expr) -> Bool {
        if case .literal(.null) = expr.unparenthesized.kind { return true }
        return false
    }

    /// `x == null` → `x is null`, `x != null` → `x is not null`.
    private mutating func reportNullComparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, _ expr: Expr) {
        let subject = isNullLiteral(rhs) ? lhs : rhs
        if !isNullLiteral(subject) { value(subject) }
        let test = op == .equal ? "is null" : "is not null"
        let rewrite = "\(text(subject.range)) \(test)"
        report(Diagnostic(.compareWithNull, "`\(op.rawValue) null` is never true (every comparison with null is false); write `\(test)`",
                          at: expr.range, fixIts: [FixIt(range: expr.range, replacement: rewrite, message: "write `\(rewrite)`")]))
    }

    /// `x in [..]`, `x not in [..]`, `"vip" in fan.tags`, `fan in SEGMENT`.
    private mutating func checkMembership(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, _ expr: Expr) {
        if lhs.kind == .fan {
            program.types[lhs.id] = .fan
            program.types[rhs.id] = program.resolutions[rhs.id] == nil ? .error : .segment
            return
        }
        let l = value(lhs)
        let r = value(rhs)
        guard l != .error, r != .error else { return }
        guard case .list(let element) = r else {
            report(Diagnostic(.typeMismatch, "`\(op.rawValue)` needs a list on its right, such as `[\"a\", \"b\"]`, but `\(text(rhs.range))` is \(r.withArticle)",
                              at: rhs.range))
            return
        }
        guard element == .null || element == .error || OperatorTyping.equatable(l, element) else {
            if let money = moneyFixIt(l, element, lhs: lhs, rhs: rhs) { report(money); return }
            report(Diagnostic(.typeMismatch, "cannot look for \(l.withArticle) in a list of \(element)s", at: expr.range))
            return
        }
        checkEnumValue(of: l, against: rhs)
        if let domain = element.enumDomain { checkEnumValue(of: .enumeration(domain), against: lhs) }
    }

    /// An enum compared with a string literal (or a list of them, or a string
    /// constant): every value must be one of the enum's.
    mutating func checkEnumValue(of type: ExprType, against other: Expr) {
        guard let domain = type.enumDomain else { return }
        let inner = other.unparenthesized
        switch inner.kind {
        case .literal(.string(let value)) where !domain.contains(value):
            let guess = Suggestion.closest(to: value, among: domain.values)
            report(unknown(.unknownEnumValue, "\"\(value)\" is not a \(domain.name); \(domain.name) is one of \(domain.values.joined(separator: ", "))",
                           at: inner.range, guess: guess, quoted: true))
        case .list(let items):
            for item in items { checkEnumValue(of: type, against: item) }
        case .name(let name):
            switch program.resolutions[inner.id] {
            case .constant(_, .string(let value))? where !domain.contains(value):
                report(Diagnostic(.unknownEnumValue,
                                  "the constant `\(name)` is \"\(value)\", which is not a \(domain.name); \(domain.name) is one of \(domain.values.joined(separator: ", "))",
                                  at: inner.range))
            case .constant(_, .list(let values))?:
                for case .string(let value) in values where !domain.contains(value) {
                    report(Diagnostic(.unknownEnumValue,
                                      "the constant `\(name)` holds \"\(value)\", which is not a \(domain.name); \(domain.name) is one of \(domain.values.joined(separator: ", "))",
                                      at: inner.range))
                }
            default: break
            }
        default:
            break
        }
    }

    /// `matches` takes an ICU regular expression in a string literal, compiled here
    /// so a bad pattern is a check error, not a run-time surprise.
    private mutating func checkRegex(_ pattern: Expr) {
        let inner = pattern.unparenthesized
        guard case .literal(.string(let source)) = inner.kind else {
            let type = value(pattern)
            if type != .error {
                report(Diagnostic(.literalRequired, "`matches` needs a regular expression in a string literal, such as `\"^hi\"`", at: pattern.range))
            }
            return
        }
        program.types[pattern.id] = .string
        program.types[inner.id] = .string
        do {
            _ = try RegexPattern.compile(source)
        } catch {
            report(Diagnostic(.invalidRegex, "\(LiteralPrinter.string(source)) is not a valid regular expression (ICU syntax)", at: inner.range))
        }
    }
}
