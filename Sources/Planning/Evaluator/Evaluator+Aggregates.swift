import Semantics
import Syntax

extension Evaluator {
    /// `count/exists(C [within D] [where E])`, `sum/avg/min/max(C.field …)`.
    /// Null values are skipped; over nothing, count is 0, sum is 0 of its
    /// type, the others null (LANGUAGE.md §6).
    func aggregate(_ aggregate: Aggregate, element outer: ElementRow?) throws -> Value {
        let collection: CollectionSpec
        var field: FieldSpec?
        switch program.resolution(of: aggregate.source) {
        case .collection(let c)?: collection = c
        case .collectionField(let c, let f)?: collection = c; field = f
        default: return .null
        }
        let window = try aggregate.window.map { try evaluate($0, element: outer) }
        var selected: [ElementRow] = []
        for row in try requireFacts().rows(of: collection) {
            if let window, !isWithin(row[collection.timeField.name], window) { continue }
            if let filter = aggregate.filter, !(try evaluate(filter, element: row).truth) { continue }
            selected.append(row)
        }
        switch aggregate.function {
        case .count: return .int(Int64(selected.count))
        case .exists: return .bool(!selected.isEmpty)
        case .sum, .avg, .min, .max:
            guard let field else { return .null }
            let values = selected.map { $0[field.name] }.filter { !$0.isNull }
            return Self.reduce(aggregate.function, values, type: field.type)
        }
    }

    static func reduce(_ function: AggregateFunction, _ values: [Value], type: ExprType) -> Value {
        switch function {
        case .sum: return sum(values, type: type)
        case .avg: return average(values, type: type)
        case .min: return values.min { (Comparison.order($0, $1) ?? 0) < 0 } ?? .null
        case .max: return values.max { (Comparison.order($0, $1) ?? 0) < 0 } ?? .null
        case .count: return .int(Int64(values.count))
        case .exists: return .bool(!values.isEmpty)
        }
    }

    private static func sum(_ values: [Value], type: ExprType) -> Value {
        if type == .number {
            return .number(values.reduce(0.0) { $0 + ($1.asDouble ?? 0) })
        }
        // Exactly, then checked once: the sum overflows only if its value
        // does, whatever order the rows come in (an SQL engine may add them
        // in another order than this one).
        var exact: Int128 = 0
        for value in values {
            guard let v = value.integerPayload else { continue }
            exact += Int128(v)
        }
        guard let total = Int64(exactly: exact) else { return .null }
        switch type {
        case .money: return .money(total)
        case .duration: return .duration(total)
        default: return .int(total)
        }
    }

    /// Money averages round half away from zero to whole cents, computed
    /// exactly; int and number averages are numbers, accumulated in order the
    /// way SQLite's `avg` accumulates.
    private static func average(_ values: [Value], type: ExprType) -> Value {
        guard !values.isEmpty else { return .null }
        if type == .money {
            var total: Int128 = 0
            for value in values { total += Int128(value.integerPayload ?? 0) }
            return moneyAverage(total, count: Int128(values.count))
        }
        var total = 0.0
        for value in values { total += value.asDouble ?? Double(value.integerPayload ?? 0) }
        return .number(total / Double(values.count))
    }

    static func moneyAverage(_ total: Int128, count: Int128) -> Value {
        var q = total / count
        let r = total - q * count
        if r != 0, r.magnitude * 2 >= count.magnitude { q += total < 0 ? -1 : 1 }
        guard let cents = Int64(exactly: q) else { return .null }
        return .money(cents)
    }
}

extension Value {
    /// The integer inside an int, money, duration or timestamp.
    var integerPayload: Int64? {
        switch self {
        case .int(let v), .money(let v), .duration(let v), .timestamp(let v): v
        default: nil
        }
    }
}
