import Syntax

/// `count/exists(C [within D] [where E])`, `sum/avg/min/max(C.field …)`.
extension CheckState {
    mutating func typeOfAggregate(_ aggregate: Aggregate) -> ExprType {
        let function = aggregate.function
        let sourceType = typeOf(aggregate.source)
        if let window = aggregate.window {
            let type = value(window)
            if type != .duration && type != .error {
                report(Diagnostic(.typeMismatch, "`within` needs a duration such as `30d`, but `\(text(window.range))` is \(type.withArticle)", at: window.range))
            }
        }
        if let filter = aggregate.filter { requireBool(filter, in: "`where`") }

        switch (function, program.resolutions[aggregate.source.id]) {
        case (.count, .collection?): return .int
        case (.exists, .collection?): return .bool
        case (.count, .collectionField(let c, let f)?), (.exists, .collectionField(let c, let f)?):
            let whole = "fan.\(c.name)"
            report(Diagnostic(.aggregateSource, "`\(function.rawValue)` counts rows of a collection, not a field; write `\(function.rawValue)(\(whole) …)`",
                              at: aggregate.source.range,
                              notes: [DiagnosticNote("to skip rows without a value, add `where \(f.name) is not null`")],
                              fixIts: [FixIt(range: aggregate.source.range, replacement: whole, message: "count `\(whole)`")]))
            return function == .count ? .int : .bool
        case (_, .collection(let c)?):
            let numeric = c.fields.filter { function.accepts($0.type) }.map { "fan.\(c.name).\($0.name)" }
            report(Diagnostic(.aggregateSource, "`\(function.rawValue)` needs a field of the collection, such as `\(numeric.first ?? "fan.\(c.name).FIELD")`",
                              at: aggregate.source.range,
                              notes: numeric.isEmpty ? [] : [DiagnosticNote("fields it can take: \(numeric.joined(separator: ", "))")]))
            return .error
        case (_, .collectionField(_, let field)?):
            guard let result = function.resultType(for: field.type) else {
                report(Diagnostic(.aggregateSource, "`\(function.rawValue)` cannot take \(field.type.withArticle) field (`\(field.name)`)", at: aggregate.source.range))
                return .error
            }
            return result
        default:
            if sourceType != .error {
                let hint = sourceType.isList ? "; for a list such as `fan.tags`, use `length(…)` or `in`" : ""
                let names = Catalog.collectionList.map { "fan.\($0.name)" }.joined(separator: ", ")
                report(Diagnostic(.aggregateSource, "`\(function.rawValue)` needs a collection of the fan (\(names))\(hint)", at: aggregate.source.range))
            }
            return function == .count ? .int : function == .exists ? .bool : .error
        }
    }
}

extension AggregateFunction {
    /// The result of `sum/avg/min/max` over a field type; nil when it does not apply.
    func resultType(for field: ExprType) -> ExprType? {
        switch (self, field) {
        case (.count, _): .int
        case (.exists, _): .bool
        case (.sum, .int), (.sum, .number), (.sum, .money), (.sum, .duration): field
        case (.avg, .int), (.avg, .number): .number
        case (.avg, .money), (.avg, .duration): field
        case (.min, let t), (.max, let t): t.isOrderable ? t : nil
        default: nil
        }
    }

    func accepts(_ field: ExprType) -> Bool { resultType(for: field) != nil }
}

extension ExprType {
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
