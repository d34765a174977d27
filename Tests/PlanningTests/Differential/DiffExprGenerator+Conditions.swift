import Semantics

/// Conditions and aggregates: every comparison operator, `in`/`not in` over
/// literals, constants, tags and platforms, string predicates, `within`,
/// null tests, `and`/`or`/`not`, `exists`, and segment membership.
extension DiffExprGenerator {
    mutating func boolean(_ d: Int) -> GenExpr {
        switch random.below(16) {
        case 0, 1: return .infix("and", gen(.bool, d), gen(.bool, d), .bool)
        case 2: return .infix("or", gen(.bool, d), gen(.bool, d), .bool)
        case 3: return .prefix("not ", gen(.bool, d), .bool)
        case 4, 5, 6: return comparison(d)
        case 7: return .infix("within", gen(.timestamp, d), window(), .bool)
        case 8:
            let subject = gen(random.pick([.int, .number, .money, .string, .duration, .timestamp, .bool, anyEnum()]), d)
            return .postfix(subject, random.chance(0.5) ? "is null" : "is not null", .bool)
        case 9, 10: return membership(d)
        case 11: return stringPredicate(d)
        case 12: return aggregate("exists", source: nil, result: .bool, d)
        case 13:
            guard let segment = segments.isEmpty ? nil : random.pick(segments) else { return comparison(d) }
            switch random.below(3) {
            case 0: return .leaf("(fan in \(segment))", .bool)
            case 1: return .prefix("not ", .leaf("(fan in \(segment))", .bool), .bool)
            default: return .leaf("(fan not in \(segment))", .bool)
            }
        case 14: return .call("coalesce", [gen(.bool, d), gen(.bool, d)], .bool)
        default:
            // An aggregate against a constant: the grouped semi-join paths.
            let op = random.pick(["==", "!=", "<", "<=", ">", ">="])
            if random.chance(0.4) { return .infix(op, countAggregate(d), .leaf(random.pick(["0", "1", "2", "-1"]), .int), .bool) }
            if random.chance(0.3) {
                return .infix(op, fieldAggregate(random.pick(["sum", "avg", "min", "max"]), fieldType: .number, result: .number, d), leaf(.number), .bool)
            }
            return .infix(op, fieldAggregate(random.pick(["sum", "avg", "min", "max"]), fieldType: .money, result: .money, d), leaf(.money), .bool)
        }
    }

    private mutating func comparison(_ d: Int) -> GenExpr {
        let ordering = ["<", "<=", ">", ">="]
        let equality = ["==", "!="]
        switch random.below(8) {
        case 0, 1: return .infix(random.pick(ordering + equality), numericSide(d), numericSide(d), .bool)
        case 2:
            let type = random.pick([GType.money, .string, .duration, .timestamp])
            return .infix(random.pick(ordering + equality), gen(type, d), gen(type, d), .bool)
        case 3: return .infix(random.pick(equality), gen(.bool, d), gen(.bool, d), .bool)
        case 4, 5:
            // An enum against a value of its domain (a literal, a field, or a plain string).
            let type = anyEnum()
            let other: GenExpr = random.chance(0.2) ? .call("lower", [gen(.string, d)], .string) : gen(type, d)
            return .infix(random.pick(equality), gen(type, d), other, .bool)
        default:
            // Scores and fan fields against constants: the range-scan paths.
            let type = random.pick([GType.number, .money, .timestamp, .int])
            return .infix(random.pick(ordering + equality), leaf(type), leaf(type), .bool)
        }
    }

    private mutating func numericSide(_ d: Int) -> GenExpr { gen(random.chance(0.5) ? .int : .number, d) }

    private mutating func membership(_ d: Int) -> GenExpr {
        let op = random.chance(0.5) ? "in" : "not in"
        switch random.below(4) {
        case 0:
            let type = random.pick([GType.int, .number, .money, .string, .duration, .timestamp, .bool])
            return .infix(op, gen(type, d), list(type, allowFan: false), .bool)
        case 1:
            let type = anyEnum()
            return .infix(op, gen(type, d), list(type, allowFan: type == .enumeration(.platform)), .bool)
        case 2:
            let subject: GenExpr = random.chance(0.7) ? random.pick(DiffLiterals.leaves(.string)) : gen(.string, d)
            return .infix(op, subject, .leaf("fan.tags", .list(.string)), .bool)
        default:
            let subject: GenExpr = random.chance(0.5) ? random.pick(DiffLiterals.leaves(.enumeration(.platform)))
                : (domainsInScope().contains(.platform) ? gen(.enumeration(.platform), d) : .call("lower", [gen(.string, d)], .string))
            return .infix(op, subject, .leaf("fan.platforms", .list(.enumeration(.platform))), .bool)
        }
    }

    private mutating func stringPredicate(_ d: Int) -> GenExpr {
        let subject = gen(random.chance(0.8) ? .string : anyEnum(), d)
        if random.chance(0.25) { return .infix("matches", subject, .leaf(random.pick(DiffLiterals.patterns), .string), .bool) }
        return .infix(random.pick(["contains", "starts with", "ends with"]), subject, gen(.string, d), .bool)
    }

    // MARK: Aggregates

    mutating func countAggregate(_ d: Int) -> GenExpr { aggregate("count", source: nil, result: .int, d) }

    /// `sum/avg/min/max(fan.C.f …)` over a field of `fieldType` in any collection.
    mutating func fieldAggregate(_ fn: String, fieldType: GType, result: GType, _ d: Int) -> GenExpr {
        let fields = Catalog.collectionList.flatMap { c in c.fields.filter { GType($0.type) == fieldType }.map { (c, $0) } }
        let (collection, field) = random.pick(fields)
        return aggregate(fn, source: (collection, field), result: result, d)
    }

    /// `fn(fan.C[.f] [within D] [where E])`, the filter generated in C's scope.
    mutating func aggregate(_ fn: String, source: (CollectionSpec, FieldSpec)?, result: GType, _ d: Int) -> GenExpr {
        let collection = source?.0 ?? random.pick(Catalog.collectionList)
        let path = "fan.\(collection.name)" + (source.map { ".\($0.1.name)" } ?? "")
        let windowExpr = random.chance(0.4) ? window() : nil
        var filter: GenExpr?
        if random.chance(0.6) {
            var inner = self
            inner.random = random.fork()
            inner.element = collection
            filter = inner.gen(.bool, max(d - 1, 0))
        }
        return .aggregate(fn, source: path, window: windowExpr, filter: filter, result)
    }

    /// A window: usually a literal or a constant, sometimes computed from the
    /// fan's own data (so it differs from fan to fan).
    mutating func window() -> GenExpr {
        switch random.below(10) {
        case 0: return .infix("-", .leaf("fan.last_active_at", .timestamp), .leaf("fan.created_at", .timestamp), .duration)
        case 1: return .infix("-", .leaf("now", .timestamp), .leaf("fan.created_at", .timestamp), .duration)
        case 2, 3:
            let named = constants.filter { $0.type == .duration }
            if let constant = named.first { return .leaf(constant.name, .duration) }
            return .leaf("7d", .duration)
        default: return .leaf(random.pick(DiffLiterals.durations), .duration)
        }
    }
}
