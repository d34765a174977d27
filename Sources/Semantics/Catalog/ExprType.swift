/// The type of an expression as the checker sees it.
///
/// The value types are those of LANGUAGE.md §6. An enum string is a string
/// whose values are restricted to a domain (`kind`, `status`, …): it mixes with
/// plain strings, but string literals compared with it are checked against the
/// domain. The last cases are not values: they type the operands of `fan in S`
/// and the source of an aggregate, so that every expression node has a type.
public indirect enum ExprType: Hashable, Sendable, CustomStringConvertible {
    case bool
    case int
    case number
    case money
    case string
    case enumeration(EnumDomain)
    case duration
    case timestamp
    case list(ExprType)
    /// The literal `null`; it mixes with nothing and is tested with `is null`.
    case null
    /// The keyword `fan`, valid only left of `in SEGMENT` and as a path base.
    case fan
    /// The keyword `event`, valid only as a path base.
    case event
    /// A segment name right of `fan in`.
    case segment
    /// A collection path (`fan.transactions`), valid only as an aggregate source.
    case collection(String)
    /// An expression already reported as wrong; every check involving it stays quiet.
    case error

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .number: "number"
        case .money: "money"
        case .string: "string"
        case .enumeration(let d): "string (\(d.name))"
        case .duration: "duration"
        case .timestamp: "timestamp"
        case .list(let e): "list of \(e)"
        case .null: "null"
        case .fan: "fan"
        case .event: "event"
        case .segment: "segment"
        case .collection(let c): "collection \(c)"
        case .error: "<error>"
        }
    }

    public var isNumeric: Bool { self == .int || self == .number }
    public var isStringLike: Bool {
        if case .enumeration = self { return true }
        return self == .string
    }
    public var enumDomain: EnumDomain? {
        if case .enumeration(let d) = self { return d }
        return nil
    }
    /// A value that can be stored in a column, passed to `with`, or printed.
    public var isScalar: Bool {
        switch self {
        case .bool, .int, .number, .money, .string, .enumeration, .duration, .timestamp, .null, .error: true
        case .list, .fan, .event, .segment, .collection: false
        }
    }
    /// Values that `< <= > >=`, `min` and `max` may order. Enum strings are
    /// excluded: their order is an accident of spelling.
    public var isOrderable: Bool {
        switch self {
        case .int, .number, .money, .string, .duration, .timestamp: true
        default: false
        }
    }
    /// The type of a literal value.
    public init(literal: LiteralValue) {
        switch literal {
        case .int: self = .int
        case .number: self = .number
        case .money: self = .money
        case .string: self = .string
        case .duration: self = .duration
        case .bool: self = .bool
        case .date: self = .timestamp
        case .null: self = .null
        // An empty list has no element type; `.null` marks "any" and mixes with every element.
        case .list(let items): self = .list(items.first.map { ExprType(literal: $0) } ?? .null)
        }
    }
}
