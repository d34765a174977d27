import Syntax

extension ConditionPlan {
    /// The plan as data, for `explain --format json`, the REPL's `:explain`,
    /// and `plan_json` in the store (whose changes bump a rule's version, so it
    /// holds everything that decides what the rule does: the SQL, every bound
    /// value or the expression computing it, and the residual).
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("scope", .string(scope.rawValue)),
            ("sql", .string(sql)),
            ("parameters", .array(bindings.map(\.json))),
            ("residual", .array(residual.map { .object([("condition", .string(Format.expression($0.expr))), ("reason", .string($0.reason))]) })),
        ]
        // Only a plan built with a store's estimates has shapes; a stored plan never does.
        if !shapes.isEmpty { fields.append(("shapes", .array(shapes.map(\.json)))) }
        return .object(fields)
    }
}

extension ShapeDecision {
    /// `{"condition","shape","grouped_order","candidates","grouped_cost","correlated_cost","why":[..]}`;
    /// costs are in `ShapeChooser`'s units (one index entry read in order).
    public var json: JSONValue {
        .object([
            ("condition", .string(Format.expression(conjunct))),
            ("shape", .string(shape.rawValue)),
            ("grouped_order", order.map { .string($0.rawValue) } ?? .null),
            ("candidates", .object([("fans", .int(Int(candidates.value.rounded()))), ("how", .string(candidates.how))])),
            ("grouped_cost", .int(Int(min(groupedCost, 1e15).rounded()))),
            ("correlated_cost", .int(Int(min(correlatedCost, 1e15).rounded()))),
            ("why", .array((groupedReasons.map { "grouped: " + $0 } + correlatedReasons.map { "correlated: " + $0 }).map(JSONValue.string))),
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
