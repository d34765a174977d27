import Syntax

/// Pass 2: triggers first (a rule's `event.*` fields depend on them), then
/// every expression of every declaration, then the segment graph's cycles.
extension CheckState {
    mutating func resolveNames() {
        for constant in constants where !brokenConstants.contains(constant.name.name) {
            resolve(constant.value, ResolutionScope(owner: .constant(constant.name.name)))
        }
        for segment in segments {
            segmentDependencies[segment.name.name] = []
            guard !brokenSegments.contains(segment.name.name) else { continue }
            resolve(segment.condition, ResolutionScope(owner: .segment(segment.name.name)))
        }
        // Duplicates are resolved for their own errors; what they use is not
        // recorded, so they cannot add edges (or cycles) to the first declaration's graph.
        let graphs = (constantDependencies, segmentDependencies)
        for constant in duplicateConstants {
            resolve(constant.value, ResolutionScope(owner: .constant(constant.name.name)))
        }
        for segment in duplicateSegments {
            resolve(segment.condition, ResolutionScope(owner: .segment(segment.name.name)))
        }
        (constantDependencies, segmentDependencies) = graphs
        ruleTriggers = rules.map { $0.trigger.flatMap { resolveTrigger($0) } }
        ruleSegmentUses = Array(repeating: [], count: rules.count)
        for (index, rule) in rules.enumerated() {
            let scope = ResolutionScope(owner: .rule(index))
            for expr in rule.clauseExpressions { resolve(expr, scope) }
        }
        orderSegments()
    }

    // MARK: Expressions

    mutating func resolve(_ expr: Expr, _ scope: ResolutionScope) {
        switch expr.kind {
        case .literal, .invalid:
            break
        case .fan:
            program.resolutions[expr.id] = .fan
        case .now:
            program.resolutions[expr.id] = .now
        case .event:
            program.resolutions[expr.id] = .event
            if case .rule = scope.owner {} else {
                report(Diagnostic(.eventOutsideRule, "`event` is only available in a rule; \(scope.owner.noun) cannot use it", at: expr.range))
            }
        case .name(let name):
            resolveName(name, expr, scope)
        case .member:
            resolveMember(expr, scope)
        case .call(let function, let arguments):
            if let signature = Catalog.function(named: function.name) {
                program.resolutions[expr.id] = .function(signature)
            } else {
                let guess = Suggestion.closest(to: function.name, among: Catalog.functions.map(\.name))
                report(unknown(.unknownFunction, "unknown function `\(function.name)`", at: function.range, guess: guess))
            }
            for argument in arguments { resolve(argument, scope) }
        case .aggregate(let aggregate):
            resolve(aggregate.source, scope)
            if let window = aggregate.window { resolve(window, scope) }
            if let filter = aggregate.filter {
                if let collection = collectionOf(aggregateSource: aggregate.source) {
                    resolve(filter, scope.inside(collection))
                }
                // Otherwise the source is already reported; the filter's names stay
                // unresolved, type as `.error`, and every check on them stays quiet.
            }
        case .comparison(let op, let lhs, let rhs) where (op == .in || op == .notIn) && lhs.kind == .fan:
            program.resolutions[lhs.id] = .fan
            resolveSegmentReference(rhs, scope)
        case .unary(_, let operand), .ago(let operand), .parenthesized(let operand), .isNull(let operand, _):
            resolve(operand, scope)
        case .binary(_, let lhs, let rhs), .comparison(_, let lhs, let rhs):
            resolve(lhs, scope)
            resolve(rhs, scope)
        case .within(let value, let duration):
            resolve(value, scope)
            resolve(duration, scope)
        case .list(let items):
            for item in items { resolve(item, scope) }
        }
    }

    /// A bare name: an element field inside `where`, else a constant, else a
    /// segment (which needs `fan in`).
    private mutating func resolveName(_ name: String, _ expr: Expr, _ scope: ResolutionScope) {
        if let collection = scope.element, let field = collection.field(named: name) {
            program.resolutions[expr.id] = .elementField(collection, field)
            if let constant = constantsByName[name] {
                report(Diagnostic(
                    .shadowedConstant,
                    "`\(name)` here is the \(collection.name) field, not the constant `\(name)`",
                    at: expr.range,
                    notes: [DiagnosticNote("the constant is defined here; rename it to use it inside `where`", at: constant.name.range)]))
            }
            return
        }
        if constantsByName[name] != nil {
            program.resolutions[expr.id] = .constant(name: name, value: .null)
            constantReferences.append((expr.id, name))
            if case .constant(let owner) = scope.owner { constantDependencies[owner, default: []].append(name) }
            return
        }
        if segmentsByName[name] != nil {
            program.resolutions[expr.id] = .segment(name: name)
            recordSegmentUse(name, scope)
            report(Diagnostic(
                .segmentNeedsFanIn, "`\(name)` is a segment; test membership with `fan in \(name)`", at: expr.range,
                fixIts: [FixIt(range: expr.range, replacement: "fan in \(name)", message: "write `fan in \(name)`")]))
            return
        }
        if let dropped = Catalog.droppedCollections[name] {
            report(droppedCollection(name, dropped, at: expr.range))
            return
        }
        if possiblyDeclared.contains(name) { return }
        var candidates = constants.map(\.name.name) + segments.map(\.name.name)
        if let collection = scope.element { candidates += collection.fields.map(\.name) }
        let what = scope.element.map { "no field `\(name)` in \($0.name), and no constant of that name" } ?? "unknown name `\(name)`"
        report(unknown(.unknownName, what, at: expr.range, guess: Suggestion.closest(to: name, among: candidates)))
    }

    private mutating func resolveSegmentReference(_ expr: Expr, _ scope: ResolutionScope) {
        guard case .name(let name) = expr.kind else {
            report(Diagnostic(.typeMismatch, "`fan in` needs a segment name", at: expr.range))
            resolve(expr, scope)
            return
        }
        guard segmentsByName[name] != nil else {
            if possiblyDeclared.contains(name) { return }
            let guess = Suggestion.closest(to: name, among: segments.map(\.name.name))
            report(unknown(.unknownSegment, "unknown segment `\(name)`", at: expr.range, guess: guess))
            return
        }
        program.resolutions[expr.id] = .segment(name: name)
        recordSegmentUse(name, scope)
    }

    mutating func recordSegmentUse(_ name: String, _ scope: ResolutionScope) {
        switch scope.owner {
        case .segment(let owner): segmentDependencies[owner, default: []].append(name)
        case .rule(let index): ruleSegmentUses[index].append(name)
        case .constant, .test: break
        }
    }

    /// The collection an aggregate's source names, once resolved (`fan.transactions`
    /// or `fan.transactions.amount`).
    func collectionOf(aggregateSource source: Expr) -> CollectionSpec? {
        switch program.resolutions[source.id] {
        case .collection(let c)?, .collectionField(let c, _)?: c
        default: nil
        }
    }

    // MARK: Diagnostics with suggestions

    func unknown(_ code: DiagnosticCode, _ message: String, at range: SourceRange, guess: String?,
                 quoted: Bool = false, notes: [DiagnosticNote] = []) -> Diagnostic {
        guard let guess else { return Diagnostic(code, message, at: range, notes: notes) }
        let spelled = quoted ? "\"\(guess)\"" : guess
        return Diagnostic(code, message + "; did you mean `\(spelled)`?", at: range, notes: notes,
                          fixIts: [FixIt(range: range, replacement: spelled, message: "replace with `\(spelled)`")])
    }

    func droppedCollection(_ name: String, _ dropped: (replacement: String, since: String), at range: SourceRange) -> Diagnostic {
        Diagnostic(.droppedCollection,
                   "`\(name)` was dropped on \(dropped.since); `\(dropped.replacement)` is the canonical media collection",
                   at: range,
                   notes: [DiagnosticNote("rules see a fan's collections only; media is not one of them")])
    }
}

extension ResolutionScope.Owner {
    var noun: String {
        switch self {
        case .constant(let n): "the constant `\(n)`"
        case .segment(let n): "the segment `\(n)`"
        case .rule: "this rule"
        case .test(let n): "the test \"\(n)\""
        }
    }
}

extension RuleDecl {
    /// Every expression a rule holds, in clause order.
    var clauseExpressions: [Expr] {
        var result: [Expr] = []
        for clause in clauses {
            switch clause.kind {
            case .when(let e), .priority(let e), .cooldown(let e): result.append(e)
            case .limit(let l): result.append(l.count); if let w = l.window { result.append(w) }
            case .then(let actions):
                for action in actions {
                    if case .send(_, let with, let via) = action.kind {
                        result += with.map(\.value)
                        if let via { result.append(via) }
                    }
                    if let after = action.after { result.append(after) }
                }
            case .on(.schedule(.every(let e), _)): result.append(e)
            case .on, .paused, .description, .bypassPolicy: break
            }
        }
        return result
    }
}
