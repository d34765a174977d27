/// A set of argument types a function parameter accepts.
public enum ParameterType: Hashable, Sendable, CustomStringConvertible {
    case string
    case stringOrList
    /// int, number or money.
    case numericOrMoney
    /// int or number.
    case numeric
    case timestamp
    /// Any scalar value.
    case any

    public func accepts(_ type: ExprType) -> Bool {
        switch (self, type) {
        case (_, .error): true
        case (.string, let t): t.isStringLike
        case (.stringOrList, .list): true
        case (.stringOrList, let t): t.isStringLike
        case (.numericOrMoney, let t): t.isNumeric || t == .money
        case (.numeric, let t): t.isNumeric
        case (.timestamp, .timestamp): true
        case (.any, let t): t.isScalar
        default: false
        }
    }

    public var description: String {
        switch self {
        case .string: "string"
        case .stringOrList: "string or list"
        case .numericOrMoney: "int, number or money"
        case .numeric: "int or number"
        case .timestamp: "timestamp"
        case .any: "any value"
        }
    }
}

/// How a function's result type follows from its arguments.
public enum ResultType: Hashable, Sendable {
    case fixed(ExprType)
    /// `abs(x)`: the first argument's type.
    case sameAsFirstArgument
    /// `coalesce(a, b, …)`: the common type of all arguments.
    case commonOfArguments
}

public struct FunctionSignature: Hashable, Sendable {
    public let name: String
    public let parameters: [ParameterType]
    /// How many of `parameters` must be given; the rest are optional.
    public let requiredCount: Int
    /// The last parameter repeats (`coalesce`).
    public let isVariadic: Bool
    public let result: ResultType
    /// Arguments that must be string literals, checked at check time (`date("…")`).
    public let literalArguments: Set<Int>
    public let summary: String

    public init(_ name: String, _ parameters: [ParameterType], required: Int? = nil, variadic: Bool = false,
                returns result: ResultType, literalArguments: Set<Int> = [], _ summary: String) {
        self.name = name
        self.parameters = parameters
        self.requiredCount = required ?? parameters.count
        self.isVariadic = variadic
        self.result = result
        self.literalArguments = literalArguments
        self.summary = summary
    }

    /// `hour_of_day(timestamp[, string])`, for messages and docs.
    public var signatureText: String {
        var parts: [String] = []
        for (i, p) in parameters.enumerated() {
            parts.append(i >= requiredCount ? "[\(p)]" : "\(p)")
        }
        if isVariadic { parts.append("…") }
        return "\(name)(" + parts.joined(separator: ", ") + ")"
    }

    public var arityText: String {
        if isVariadic { return "at least \(requiredCount)" }
        if requiredCount == parameters.count { return "\(requiredCount)" }
        return "\(requiredCount) or \(parameters.count)"
    }

    public func acceptsArgumentCount(_ n: Int) -> Bool {
        isVariadic ? n >= requiredCount : (requiredCount...parameters.count).contains(n)
    }

    /// The parameter type of argument `index`, repeating the last for variadics.
    public func parameter(at index: Int) -> ParameterType {
        index < parameters.count ? parameters[index] : parameters[parameters.count - 1]
    }
}

extension Catalog {
    public static let functions: [FunctionSignature] = [
        FunctionSignature("lower", [.string], returns: .fixed(.string), "full Unicode lower case"),
        FunctionSignature("upper", [.string], returns: .fixed(.string), "full Unicode upper case"),
        FunctionSignature("length", [.stringOrList], returns: .fixed(.int), "Unicode scalars of a string, items of a list"),
        FunctionSignature("abs", [.numericOrMoney], returns: .sameAsFirstArgument, "absolute value"),
        FunctionSignature("round", [.numeric], returns: .fixed(.int), "round half away from zero to an int"),
        FunctionSignature("coalesce", [.any, .any], variadic: true, returns: .commonOfArguments, "the first argument that is not null"),
        FunctionSignature("days_since", [.timestamp], returns: .fixed(.int), "whole days from the timestamp to now"),
        FunctionSignature("hour_of_day", [.timestamp, .string], required: 1, returns: .fixed(.int), "0–23, in the zone given or the creator's"),
        FunctionSignature("day_of_week", [.timestamp, .string], required: 1, returns: .fixed(.int), "Monday 1 … Sunday 7, in the zone given or the creator's"),
        FunctionSignature("month_day", [.timestamp, .string], required: 1, returns: .fixed(.string),
                          "\"MM-DD\" of the date, in the zone given or the creator's (matches key_date memories such as birthdays)"),
        FunctionSignature("date", [.string], returns: .fixed(.timestamp), literalArguments: [0],
                          "a literal \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM\" in the creator's time zone"),
    ]

    public static func function(named name: String) -> FunctionSignature? { functionsByName[name] }
    private static let functionsByName: [String: FunctionSignature] =
        Dictionary(uniqueKeysWithValues: functions.map { ($0.name, $0) })

    /// Template slots the renderer fills on its own, so `with { }` need not:
    /// the fan's display name and the creator's display name.
    public static let rendererSlots: [String] = ["fan_name", "creator_name"]
}
