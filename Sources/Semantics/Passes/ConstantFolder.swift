import Syntax

/// Pass 3: every `let` to a literal value, dependencies first. A constant must
/// be known at check time: literals, other constants, arithmetic, lists and
/// `date("…")`; anything about a fan, an event or `now` is an error.
extension CheckState {
    mutating func foldConstants() {
        var folding = ConstantFolding()
        for constant in constants { _ = foldConstant(named: constant.name.name, &folding) }
        for (id, name) in constantReferences {
            if let value = program.constants[name]?.value {
                program.resolutions[id] = .constant(name: name, value: value)
            } else if brokenConstants.contains(name) {
                // Its value is unknown (its syntax error is reported): type uses as
                // `.error`, which keeps every check on them quiet.
                program.resolutions[id] = nil
            }
        }
    }

    /// Folds one constant (and what it uses) once; nil when it failed.
    private mutating func foldConstant(named name: String, _ folding: inout ConstantFolding) -> LiteralValue? {
        if let done = folding.results[name] { return done }
        guard let declaration = constantsByName[name], !brokenConstants.contains(name) else { return nil }
        if let start = folding.path.firstIndex(of: name) {
            let cycle = Array(folding.path[start...]) + [name]
            if folding.reportedCycles.insert(Set(cycle)).inserted, let first = constantsByName[cycle[0]] {
                report(Diagnostic(.constantCycle, "constants form a cycle: \(cycle.joined(separator: " → "))",
                                  at: first.name.range,
                                  notes: cycle.dropFirst().dropLast().compactMap { constantsByName[$0] }
                                      .map { DiagnosticNote("`\($0.name.name)` is defined here", at: $0.name.range) }))
            }
            return nil
        }
        folding.path.append(name)
        let value = fold(declaration.value, owner: name, &folding)
        folding.path.removeLast()
        folding.results[name] = .some(value)
        if let value {
            program.constants[name] = CheckedConstant(name: name, value: value, type: ExprType(literal: value), declaration: declaration)
            program.types[declaration.value.id] = ExprType(literal: value)
        }
        return value
    }

    private mutating func fold(_ expr: Expr, owner: String, _ folding: inout ConstantFolding) -> LiteralValue? {
        switch expr.kind {
        case .literal(let literal):
            return LiteralValue(literal)
        case .parenthesized(let inner):
            return fold(inner, owner: owner, &folding)
        case .name(let name):
            // Unknown names and segments were reported by resolveNames.
            guard constantsByName[name] != nil else { return nil }
            return foldConstant(named: name, &folding)
        case .list(let items):
            var values: [LiteralValue] = []
            for item in items {
                guard let value = fold(item, owner: owner, &folding) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .unary(let op, let operand):
            guard let value = fold(operand, owner: owner, &folding) else { return nil }
            return foldUnary(op, value, expr)
        case .binary(let op, let lhs, let rhs):
            guard let l = fold(lhs, owner: owner, &folding), let r = fold(rhs, owner: owner, &folding) else { return nil }
            return foldBinary(op, l, r, expr, lhs: lhs, rhs: rhs)
        case .call(let function, let arguments) where function.name == "date" && arguments.count == 1:
            return checkDateLiteral(arguments[0]).map(LiteralValue.date)
        case .invalid:
            return nil
        default:
            report(Diagnostic(.constantNotLiteral,
                              "the constant `\(owner)` must be known when the rules are checked, but `\(text(expr.range))` is not",
                              at: expr.range,
                              notes: [DiagnosticNote("a constant may use literals, other constants, arithmetic, lists and `date(\"…\")`; put conditions in a segment")]))
            return nil
        }
    }

    private mutating func foldUnary(_ op: UnaryOperator, _ value: LiteralValue, _ expr: Expr) -> LiteralValue? {
        switch (op, value) {
        case (.not, .bool(let b)): return .bool(!b)
        case (.negate, .int(let v)), (.negate, .money(let v)), (.negate, .duration(let v)):
            guard v != .min else { return overflow(expr) }
            switch value {
            case .money: return .money(-v)
            case .duration: return .duration(-v)
            default: return .int(-v)
            }
        case (.negate, .number(let v)): return .number(-v)
        case (_, .null): return .null
        default:
            report(Diagnostic(.typeMismatch, "`\(op == .not ? "not" : "-")` cannot apply to \(ExprType(literal: value))", at: expr.range))
            return nil
        }
    }

    private mutating func foldBinary(_ op: BinaryOperator, _ l: LiteralValue, _ r: LiteralValue, _ expr: Expr,
                                     lhs: Expr, rhs: Expr) -> LiteralValue? {
        if op == .and || op == .or {
            guard case .bool(let a) = l, case .bool(let b) = r else {
                report(Diagnostic(.notBoolean, "`\(op.rawValue)` needs bool operands", at: expr.range))
                return nil
            }
            return .bool(op == .and ? a && b : a || b)
        }
        if l == .null || r == .null { return .null }
        let lt = ExprType(literal: l), rt = ExprType(literal: r)
        guard OperatorTyping.arithmetic(op, lt, rt) != nil, l.isArithmeticOperand, r.isArithmeticOperand else {
            reportArithmeticMismatch(op, lt, rt, expr, lhs: lhs, rhs: rhs)
            return nil
        }
        switch ConstantArithmetic.apply(op, l, r) {
        case .value(let v): return v
        case .overflow: return overflow(expr)
        }
    }

    private mutating func overflow(_ expr: Expr) -> LiteralValue? {
        report(Diagnostic(.constantOverflow, "`\(text(expr.range))` overflows a 64-bit integer", at: expr.range))
        return nil
    }
}

/// Bookkeeping of one folding pass.
struct ConstantFolding {
    /// nil inside: folded and failed.
    var results: [String: LiteralValue?] = [:]
    var path: [String] = []
    var reportedCycles: Set<Set<String>> = []
}

extension LiteralValue {
    /// Dates are local wall times, so arithmetic on them waits for the time zone.
    var isArithmeticOperand: Bool {
        switch self {
        case .int, .number, .money, .duration: true
        default: false
        }
    }
}
