import Syntax

/// W2002/W2003: conditions that can never be true, or are always true, found
/// by interval reasoning over the comparisons of one conjunction
/// (`x > 5 and x < 3`), contradictory equalities (`kind == "tip" and kind == "ppv"`),
/// and comparisons that a count's range decides (`count(…) >= 0`).
extension CheckState {
    mutating func lintConditions() {
        var roots: [Expr] = program.segments.map(\.condition) + program.rules.compactMap(\.condition)
        // Aggregate filters are conjunctions of their own.
        var index = 0
        while index < roots.count {
            roots[index].walk { node in
                if case .aggregate(let a) = node.kind, let filter = a.filter { roots.append(filter) }
            }
            index += 1
        }
        for root in roots { lintConjunction(root) }
    }

    private mutating func lintConjunction(_ root: Expr) {
        var facts: [String: ComparisonFacts] = [:]
        var reported: Set<String> = []
        for conjunct in root.conjuncts {
            guard let fact = ComparisonFact(conjunct, state: self) else { continue }
            if let verdict = fact.verdictOnNonNegative {
                report(Diagnostic(verdict ? .alwaysTrue : .neverTrue,
                                  "`\(text(conjunct.range))` is always \(verdict) (`\(fact.subjectText)` is never negative)",
                                  at: conjunct.range))
                continue
            }
            var current = facts[fact.key] ?? ComparisonFacts()
            if let conflict = current.add(fact), reported.insert(fact.key).inserted {
                report(Diagnostic(.neverTrue,
                                  "this condition can never be true: `\(text(conflict.range))` and `\(text(conjunct.range))` contradict each other",
                                  at: conjunct.range,
                                  notes: [DiagnosticNote("the other comparison is here", at: conflict.range)]))
            }
            facts[fact.key] = current
        }
    }
}

extension Expr {
    /// The operands of a chain of `and`, through parentheses.
    var conjuncts: [Expr] {
        let inner = unparenthesized
        if case .binary(.and, let l, let r) = inner.kind { return l.conjuncts + r.conjuncts }
        return [inner]
    }
}

/// One comparison of a subject with a constant: `x > 5`, `kind == "tip"`.
struct ComparisonFact {
    enum Bound { case number(Double), string(String) }
    /// The subject's source text without spaces, so `count( x )` matches `count(x)`.
    let key: String
    let subjectText: String
    let op: ComparisonOperator
    let bound: Bound
    let range: SourceRange
    /// The subject is a count or a length.
    let subjectIsNonNegative: Bool

    init?(_ expr: Expr, state: CheckState) {
        guard case .comparison(var op, let lhs, let rhs) = expr.kind,
              [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) else { return nil }
        var subject = lhs, constant = state.foldedValue(rhs)
        if constant == nil, let left = state.foldedValue(lhs) {
            subject = rhs; constant = left
            op = op.mirrored
        }
        guard let constant, state.foldedValue(subject) == nil else { return nil }
        switch constant {
        case .int(let v), .money(let v), .duration(let v): bound = .number(Double(v))
        case .number(let v): bound = .number(v)
        case .string(let s) where op == .equal || op == .notEqual: bound = .string(s)
        default: return nil
        }
        subjectText = state.text(subject.range)
        key = subjectText.filter { !$0.isWhitespace }
        self.op = op
        self.range = expr.range
        switch subject.unparenthesized.kind {
        case .aggregate(let a): subjectIsNonNegative = a.function == .count
        case .call(let f, _): subjectIsNonNegative = f.name == "length"
        default: subjectIsNonNegative = false
        }
    }

    /// For a count or length compared with a number: true or false when the
    /// comparison holds for every value ≥ 0, or for none; nil when it depends.
    var verdictOnNonNegative: Bool? {
        guard subjectIsNonNegative, case .number(let c) = bound else { return nil }
        switch op {
        case .greaterOrEqual: return c <= 0 ? true : nil
        case .greater: return c < 0 ? true : nil
        case .less: return c <= 0 ? false : nil
        case .lessOrEqual: return c < 0 ? false : nil
        case .equal: return c < 0 || c != c.rounded() ? false : nil
        case .notEqual: return c < 0 ? true : nil
        default: return nil
        }
    }
}

/// What the comparisons of one subject in a conjunction allow.
struct ComparisonFacts {
    private var lower: (value: Double, strict: Bool, fact: ComparisonFact)?
    private var upper: (value: Double, strict: Bool, fact: ComparisonFact)?
    private var equalString: ComparisonFact?
    private var notEqualStrings: [String: ComparisonFact] = [:]

    /// Adds a comparison; returns an earlier one it contradicts.
    mutating func add(_ fact: ComparisonFact) -> ComparisonFact? {
        switch fact.bound {
        case .string(let s):
            if fact.op == .equal {
                if let other = notEqualStrings[s] { return other }
                if let other = equalString, case .string(let t) = other.bound, t != s { return other }
                equalString = fact
            } else {
                if let other = equalString, case .string(let t) = other.bound, t == s { return other }
                notEqualStrings[s] = fact
            }
            return nil
        case .number(let c):
            switch fact.op {
            case .greater, .greaterOrEqual: tighten(lower: c, strict: fact.op == .greater, fact)
            case .less, .lessOrEqual: tighten(upper: c, strict: fact.op == .less, fact)
            case .equal: tighten(lower: c, strict: false, fact); tighten(upper: c, strict: false, fact)
            default: return nil
            }
            guard let lower, let upper else { return nil }
            let empty = lower.value > upper.value || (lower.value == upper.value && (lower.strict || upper.strict))
            guard empty else { return nil }
            return lower.fact.range == fact.range ? upper.fact : lower.fact
        }
    }

    private mutating func tighten(lower c: Double, strict: Bool, _ fact: ComparisonFact) {
        if let lower, lower.value > c || (lower.value == c && (lower.strict || !strict)) { return }
        lower = (c, strict, fact)
    }

    private mutating func tighten(upper c: Double, strict: Bool, _ fact: ComparisonFact) {
        if let upper, upper.value < c || (upper.value == c && (upper.strict || !strict)) { return }
        upper = (c, strict, fact)
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `5 < x` is `x > 5`.
    public var mirrored: ComparisonOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
