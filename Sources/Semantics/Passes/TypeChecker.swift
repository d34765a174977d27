import Syntax

/// Pass 4: the type of every expression, enum values, and each declaration in
/// its checked form (segments in dependency order, rules with their clauses
/// folded to numbers). Constants were typed by folding.
extension CheckState {
    mutating func checkTypes() {
        for name in segmentOrder {
            guard let declaration = segmentsByName[name], !brokenSegments.contains(name) else { continue }
            requireBool(declaration.condition, in: "a segment's body")
            program.segments.append(CheckedSegment(
                name: name, displayName: declaration.displayName?.value, condition: declaration.condition,
                dependencies: uniqued(segmentDependencies[name] ?? []), declaration: declaration))
        }
        for (index, rule) in rules.enumerated() {
            if let checked = checkRule(rule, trigger: ruleTriggers[index], segmentsUsed: uniqued(ruleSegmentUses[index])),
               !duplicateRules.contains(index) {
                program.rules.append(checked)
            }
        }
        for segment in duplicateSegments { requireBool(segment.condition, in: "a segment's body") }
        for constant in duplicateConstants where program.types[constant.value.id] == nil { value(constant.value) }
    }

    /// The expression's type, which must be bool (`when`, segment bodies, `where`, `and`/`or`/`not`).
    @discardableResult
    mutating func requireBool(_ expr: Expr, in context: String) -> ExprType {
        let type = value(expr)
        if type != .bool && type != .error {
            report(Diagnostic(.notBoolean, "\(context) must be a bool, but `\(text(expr.range))` is \(type.withArticle)", at: expr.range))
        }
        return type
    }

    /// The type of an expression used as a value: `fan`, `event`, collections
    /// and segments are not values, and are reported here.
    @discardableResult
    mutating func value(_ expr: Expr) -> ExprType {
        let type = typeOf(expr)
        switch type {
        case .fan:
            report(Diagnostic(.fanOutsideIn, "`fan` is a person, not a value; use one of its fields (`fan.display_name`) or `fan in SEGMENT`", at: expr.range))
        case .event:
            report(Diagnostic(.fanOutsideIn, "`event` is not a value; use one of its fields (`event.occurred_at`)", at: expr.range))
        case .collection(let name):
            report(Diagnostic(.collectionOutsideAggregate,
                              "`\(text(expr.range))` is a collection; use it inside an aggregate such as `count(fan.\(name))` or `sum(fan.\(name).FIELD)`",
                              at: expr.range))
        case .segment:
            break  // reported by resolveNames (`fan in` is missing)
        default:
            return type
        }
        return .error
    }

    private func uniqued(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

extension ExprType {
    /// "an int", "a money", for messages.
    var withArticle: String {
        if self == .money { return "money" }
        let text = description
        return (text.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + text
    }
}
