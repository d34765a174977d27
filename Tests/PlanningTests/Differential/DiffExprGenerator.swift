import Semantics

/// A `let` constant the generator may name, with its type.
struct DiffConstant {
    var name: String
    var type: GType
    var source: String
}

/// Generates well-typed expressions over everything a condition can see
/// (the catalog's fan fields, scores, collections and functions, constants,
/// segments), aiming at a requested type, so the checker rarely rejects one.
struct DiffExprGenerator {
    var random: DiffRandom
    let constants: [DiffConstant]
    let segments: [String]
    /// The collection whose `where` we are in: its fields are bare names.
    var element: CollectionSpec?

    init(random: DiffRandom, constants: [DiffConstant], segments: [String]) {
        self.random = random
        self.constants = constants
        self.segments = segments
    }

    mutating func gen(_ type: GType, _ depth: Int) -> GenExpr {
        if depth > 0, !random.chance(0.2), let composite = composite(type, depth - 1) { return composite }
        return leaf(type)
    }

    // MARK: Leaves

    /// Names in scope with this type: fan fields, scores, element fields, constants.
    func names(_ type: GType) -> [GenExpr] {
        var out: [GenExpr] = []
        for field in Catalog.fanFields where GType(field.type) == type { out.append(.leaf("fan.\(field.name)", type)) }
        for score in Catalog.scoreDimensions where GType(score.type) == type { out.append(.leaf("fan.score.\(score.name)", type)) }
        for field in element?.fields ?? [] where GType(field.type) == type { out.append(.leaf(field.name, type)) }
        for constant in constants where constant.type == type { out.append(.leaf(constant.name, type)) }
        return out
    }

    mutating func leaf(_ type: GType) -> GenExpr {
        let named = names(type)
        if !named.isEmpty, random.chance(0.65) { return random.pick(named) }
        return random.pick(DiffLiterals.leaves(type))
    }

    // MARK: Composites

    mutating func composite(_ type: GType, _ d: Int) -> GenExpr? {
        switch type {
        case .bool: return boolean(d)
        case .int: return integer(d)
        case .number: return number(d)
        case .money: return money(d)
        case .string: return string(d)
        case .duration: return duration(d)
        case .timestamp: return timestamp(d)
        case .enumeration:
            return random.chance(0.3) ? .call("coalesce", [gen(type, d), gen(type, d)], type) : nil
        case .list: return nil
        }
    }

    private mutating func numeric(_ d: Int) -> GenExpr { gen(random.chance(0.5) ? .int : .number, d) }

    private mutating func integer(_ d: Int) -> GenExpr {
        switch random.below(10) {
        case 0, 1: return .infix(random.pick(["+", "-", "*", "/", "%"]), gen(.int, d), gen(.int, d), .int)
        case 2: return .prefix("-", gen(.int, d), .int)
        case 3: return countAggregate(d)
        case 4:
            if random.chance(0.5) { return .call("length", [gen(random.chance(0.7) ? .string : .enumeration(.platform), d)], .int) }
            return .call("length", [list(random.pick([.string, .enumeration(.platform), .int]), allowFan: true)], .int)
        case 5: return .call("round", [gen(.number, d)], .int)
        case 6: return .call("abs", [gen(.int, d)], .int)
        case 7: return .call("days_since", [gen(.timestamp, d)], .int)
        case 8: return .call(random.pick(["hour_of_day", "day_of_week"]), timeArguments(d), .int)
        default: return .call("coalesce", [gen(.int, d), gen(.int, d)], .int)
        }
    }

    private mutating func number(_ d: Int) -> GenExpr {
        switch random.below(6) {
        case 0, 1:
            // At least one side a number, so the result is one.
            let (l, r) = random.chance(0.5) ? (gen(.number, d), numeric(d)) : (numeric(d), gen(.number, d))
            return .infix(random.pick(["+", "-", "*", "/"]), l, r, .number)
        case 2: return .prefix("-", gen(.number, d), .number)
        case 3: return .call("abs", [gen(.number, d)], .number)
        case 4: return fieldAggregate(random.pick(["sum", "avg", "min", "max"]), fieldType: .number, result: .number, d)
        default: return .call("coalesce", [gen(.number, d), numeric(d)], .number)
        }
    }

    private mutating func money(_ d: Int) -> GenExpr {
        switch random.below(7) {
        case 0: return .infix(random.pick(["+", "-"]), gen(.money, d), gen(.money, d), .money)
        case 1: return random.chance(0.5) ? .infix("*", gen(.money, d), numeric(d), .money) : .infix("*", numeric(d), gen(.money, d), .money)
        case 2: return .infix("/", gen(.money, d), numeric(d), .money)
        case 3: return random.chance(0.5) ? .prefix("-", gen(.money, d), .money) : .call("abs", [gen(.money, d)], .money)
        case 4, 5: return fieldAggregate(random.pick(["sum", "avg", "min", "max"]), fieldType: .money, result: .money, d)
        default: return .call("coalesce", [gen(.money, d), gen(.money, d)], .money)
        }
    }

    private mutating func string(_ d: Int) -> GenExpr {
        switch random.below(5) {
        case 0: return .call(random.pick(["lower", "upper"]), [gen(random.chance(0.8) ? .string : anyEnum(), d)], .string)
        case 1: return fieldAggregate(random.pick(["min", "max"]), fieldType: .string, result: .string, d)
        case 2: return .call("month_day", timeArguments(d), .string)
        default: return .call("coalesce", [gen(.string, d), gen(random.chance(0.8) ? .string : anyEnum(), d)], .string)
        }
    }

    private mutating func duration(_ d: Int) -> GenExpr {
        switch random.below(4) {
        case 0: return .infix("-", gen(.timestamp, d), gen(.timestamp, d), .duration)
        case 1: return .infix(random.pick(["+", "-"]), gen(.duration, d), gen(.duration, d), .duration)
        case 2: return .prefix("-", gen(.duration, d), .duration)
        default: return .call("coalesce", [gen(.duration, d), gen(.duration, d)], .duration)
        }
    }

    private mutating func timestamp(_ d: Int) -> GenExpr {
        switch random.below(6) {
        case 0: return .infix(random.pick(["+", "-"]), gen(.timestamp, d), gen(.duration, d), .timestamp)
        case 1: return .infix("+", gen(.duration, d), gen(.timestamp, d), .timestamp)
        case 2: return .postfix(gen(.duration, d), "ago", .timestamp)
        case 3, 4: return fieldAggregate(random.pick(["min", "max"]), fieldType: .timestamp, result: .timestamp, d)
        default: return .call("coalesce", [gen(.timestamp, d), gen(.timestamp, d)], .timestamp)
        }
    }

    /// `hour_of_day(t)`, `hour_of_day(t, "Asia/Kolkata")`, `hour_of_day(t, fan.timezone)`.
    private mutating func timeArguments(_ d: Int) -> [GenExpr] {
        let t = gen(.timestamp, d)
        switch random.below(3) {
        case 0: return [t]
        case 1: return [t, .leaf(random.pick(DiffLiterals.zones), .string)]
        default: return [t, .leaf("fan.timezone", .string)]
        }
    }

    // MARK: Enums and lists

    /// The enum domains something in scope has: `fan.lifecycle_stage`,
    /// `fan.platforms`' elements, and the element's enum fields.
    func domainsInScope() -> [EnumDomain] {
        var domains: [EnumDomain] = [.lifecycleStage]
        for field in element?.fields ?? [] { if case .enumeration(let d) = field.type, !domains.contains(d) { domains.append(d) } }
        return domains
    }

    mutating func anyEnum() -> GType { .enumeration(random.pick(domainsInScope())) }

    /// A list: a literal (sometimes with `null`, sometimes empty), a list
    /// constant, or — when `allowFan` — `fan.tags` / `fan.platforms`.
    mutating func list(_ element: GType, allowFan: Bool) -> GenExpr {
        let listType = GType.list(element)
        if allowFan, random.chance(0.3) {
            if element == .string { return .leaf("fan.tags", listType) }
            if element == .enumeration(.platform) { return .leaf("fan.platforms", .list(.enumeration(.platform))) }
        }
        let named = constants.filter { $0.type == listType }
        if !named.isEmpty, random.chance(0.3) { return .leaf(random.pick(named).name, listType) }
        var items: [GenExpr] = (0..<random.pick([0, 1, 2, 3])).map { _ in random.pick(DiffLiterals.leaves(element)) }
        if random.chance(0.1) { items.insert(.leaf("null", element), at: random.below(items.count + 1)) }
        // The checker accepts items that are not literals (a fan field, a constant).
        let fanItems = names(element)
        if !fanItems.isEmpty, random.chance(0.1) { items.append(random.pick(fanItems)) }
        return .list(items, listType)
    }
}
