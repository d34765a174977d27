import Syntax

extension ConditionPlan {
    /// The plan as data, for `explain --format json`, the REPL's `:explain`,
    /// and `plan_json` in the store (whose changes bump a rule's version, so it
    /// holds everything that decides what the rule does: the SQL, every bound
    /// value or the expression computing it, and the residual).
    public var json: JSONValue {
        .object([
            ("scope", .string(scope.rawValue)),
            ("sql", .string(sql)),
            ("parameters", .array(bindings.map(\.json))),
            ("residual", .array(residual.map { .object([("condition", .string(Format.expression($0.expr))), ("reason", .string($0.reason))]) })),
        ])
    }
}

extension PlanBinding {
    /// What one `?` is bound to, in words a reader can check.
    public var json: JSONValue {
        switch self {
        case .value(let v): .object([("value", .string(v.description))])
        case .expression(let e): .object([("expression", .string(Format.expression(e)))])
        case .truth(let e): .object([("truth_of", .string(Format.expression(e)))])
        case .windowStart(let d): .object([("expression", .string("now - " + Format.expression(d)))])
        case .now: .object([("expression", .string("now"))])
        case .zoneName: .object([("expression", .string("creator time zone"))])
        case .fanID: .object([("expression", .string("fan.id"))])
        }
    }

    /// One line for text output: `$500`, `now - 30d`.
    public var summary: String {
        switch self {
        case .value(let v): v.description
        case .expression(let e): Format.expression(e)
        case .truth(let e): "(" + Format.expression(e) + ")"
        case .windowStart(let d): "now - " + Format.expression(d)
        case .now: "now"
        case .zoneName: "creator time zone"
        case .fanID: "fan.id"
        }
    }
}
