import Syntax

/// `base.field` paths: `fan.x`, `fan.score.x`, `fan.C`, `fan.C.field`, `event.x`.
extension CheckState {
    mutating func resolveMember(_ expr: Expr, _ scope: ResolutionScope) {
        guard case .member(let base, let field) = expr.kind else { return }
        resolve(base, scope)
        let name = field.name
        switch program.resolutions[base.id] {
        case .fan?:
            if name == "score" {
                program.resolutions[expr.id] = .scoreNamespace
            } else if let fanField = Catalog.fanField(named: name) {
                program.resolutions[expr.id] = .fanField(fanField)
            } else if let collection = Catalog.collections[name] {
                program.resolutions[expr.id] = .collection(collection)
            } else if let dropped = Catalog.droppedCollections[name] {
                report(droppedCollection(name, dropped, at: field.range))
            } else {
                let guess = Suggestion.closest(to: name, among: Catalog.fanMemberNames)
                if let guess, Catalog.collections[guess] != nil {
                    report(unknown(.unknownCollection, "a fan has no collection `\(name)`", at: field.range, guess: guess))
                } else {
                    report(unknown(.unknownField, "a fan has no field `\(name)`", at: field.range, guess: guess))
                }
            }
        case .scoreNamespace?:
            if let dimension = Catalog.scoreDimension(named: name) {
                program.resolutions[expr.id] = .scoreDimension(dimension)
            } else {
                let names = Catalog.scoreDimensions.map(\.name)
                report(unknown(.unknownField, "no score `\(name)`; scores are \(names.joined(separator: ", "))",
                               at: field.range, guess: Suggestion.closest(to: name, among: names)))
            }
        case .collection(let collection)?:
            if let element = collection.field(named: name) {
                program.resolutions[expr.id] = .collectionField(collection, element)
            } else {
                let names = collection.fields.map(\.name)
                report(unknown(.unknownField, "\(collection.name) have no field `\(name)`; fields are \(names.joined(separator: ", "))",
                               at: field.range, guess: Suggestion.closest(to: name, among: names)))
            }
        case .event?:
            resolveEventField(field, expr, scope)
        case nil, .segment?:
            // The base was already reported (unknown, dropped, or a segment without `fan in`),
            // or it is an expression such as a call, which has no fields either.
            if case .name = base.kind { return }
            if case .member = base.kind { return }
            if base.kind == .invalid { return }
            report(Diagnostic(.noFields, "`\(text(base.range))` is a value and has no field `\(name)`", at: field.range))
        case .some:
            // A field, a constant, `now`, a function's result: values have no members.
            report(Diagnostic(.noFields, "`\(text(base.range))` is a value and has no field `\(name)`", at: field.range))
        }
    }

    private mutating func resolveEventField(_ field: Identifier, _ expr: Expr, _ scope: ResolutionScope) {
        // `event` outside a rule was reported on the keyword itself.
        guard case .rule(let index) = scope.owner else { return }
        guard let trigger = ruleTriggers[index] else {
            resolveEventFieldWithoutTrigger(field, expr, rule: rules[index])
            return
        }
        let fields = trigger.eventFields
        if let spec = fields.first(where: { $0.name == field.name }) {
            program.resolutions[expr.id] = .eventField(spec)
            return
        }
        let names = fields.map(\.name)
        let guess = Suggestion.closest(to: field.name, among: names)
        report(unknown(
            .eventFieldNotOnTrigger,
            "`\(trigger.displayName)` events have no field `\(field.name)`",
            at: field.range, guess: guess,
            notes: [DiagnosticNote("`\(trigger.displayName)` events have: \(names.joined(separator: ", "))")]))
    }

    /// The rule's trigger did not check (misspelled, or a bad argument, both
    /// reported). Its condition is checked all the same: against the trigger
    /// named when it exists, else against every trigger. A field none of them
    /// has is an error whatever the trigger becomes; a field they all type
    /// alike is typed, so the rest of the condition gets checked too.
    private mutating func resolveEventFieldWithoutTrigger(_ field: Identifier, _ expr: Expr, rule: RuleDecl) {
        let candidates: [[FieldSpec]]
        var triggerName = "schedule"
        switch rule.trigger {
        case .event(let path, _, _)?:
            if let spec = Catalog.trigger(named: path.map(\.name).joined(separator: ".")) {
                candidates = [spec.fields]
                triggerName = spec.name
            } else {
                candidates = Catalog.triggers.map(\.fields)
            }
        case .schedule?:
            candidates = [Catalog.scheduleFields]
        case nil:
            return
        }
        let matching = candidates.compactMap { fields in fields.first { $0.name == field.name } }
        if let first = matching.first {
            if matching.allSatisfy({ $0.type == first.type }) { program.resolutions[expr.id] = .eventField(first) }
            return
        }
        var names: [String] = []
        for fields in candidates { for spec in fields where !names.contains(spec.name) { names.append(spec.name) } }
        let what = candidates.count == 1 ? "`\(triggerName)` events have no field `\(field.name)`"
            : "no trigger's events have a field `\(field.name)`"
        report(unknown(.eventFieldNotOnTrigger, what, at: field.range,
                       guess: Suggestion.closest(to: field.name, among: names)))
    }
}
