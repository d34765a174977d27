import Foundation
import Semantics
import Syntax

public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// The expression reads `fan`, but no fan is in scope (a value computed
    /// once per query, such as a bound parameter, must not depend on the fan).
    case noFanInScope
    case unknownSegment(String)

    public var description: String {
        switch self {
        case .noFanInScope: "the expression depends on the fan, but no fan is in scope"
        case .unknownSegment(let name): "segment \(name) is not part of the program"
        }
    }
}

/// The tree-walking evaluator: the reference semantics of LANGUAGE.md §6 for
/// one fan (and one event). It runs residuals that SQL cannot reproduce,
/// computes bound parameters, answers `rulec why`, and is the oracle the SQL
/// path is tested against.
public final class Evaluator {
    public let program: CheckedProgram
    public let context: EvaluationContext
    let facts: FanFacts?
    /// Called with each sub-expression and its value, outside aggregates
    /// (`why` shows the tree, not every element an aggregate visited).
    /// When set, `and`/`or` evaluate both sides so every node gets a value.
    public var trace: ((Expr, Value) -> Void)?
    private var segmentMemberships: [String: Bool] = [:]

    public init(program: CheckedProgram, context: EvaluationContext, facts: FanFacts?) {
        self.program = program
        self.context = context
        self.facts = facts
    }

    /// A condition's truth: a null or non-bool value is false (two-valued logic).
    public func holds(_ expr: Expr) throws -> Bool {
        try evaluate(expr).truth
    }

    public func evaluate(_ expr: Expr) throws -> Value {
        try evaluate(expr, element: nil)
    }

    /// Whether the fan in scope is in the named segment at `now`.
    public func isMember(of segment: String) throws -> Bool {
        if let known = segmentMemberships[segment] { return known }
        guard let checked = program.segment(named: segment) else { throw EvaluationError.unknownSegment(segment) }
        let result = try evaluate(checked.condition, element: nil).truth
        segmentMemberships[segment] = result
        return result
    }

    func evaluate(_ expr: Expr, element: ElementRow?) throws -> Value {
        let value = try compute(expr, element: element)
        if element == nil, let trace { trace(expr, value) }
        return value
    }

    private func compute(_ expr: Expr, element: ElementRow?) throws -> Value {
        switch expr.kind {
        case .literal(let literal):
            return Value(LiteralValue(literal), zone: context.zone)
        case .name, .member:
            return try reference(expr, element: element)
        case .fan, .event:
            return .null
        case .now:
            return .timestamp(context.now)
        case .call(let function, let arguments):
            // `coalesce(number, int)` is a number (int widens to number, §6):
            // the value takes the type the checker gave the call.
            return Self.widened(try call(function.name, arguments, element: element), to: program.type(of: expr))
        case .aggregate(let aggregate):
            return try self.aggregate(aggregate, element: element)
        case .unary(.not, let operand):
            return .bool(!(try evaluate(operand, element: element).truth))
        case .unary(.negate, let operand):
            return Arithmetic.negate(try evaluate(operand, element: element))
        case .binary(.and, let lhs, let rhs):
            let left = try evaluate(lhs, element: element).truth
            if !left && trace == nil { return .bool(false) }
            let right = try evaluate(rhs, element: element).truth
            return .bool(left && right)
        case .binary(.or, let lhs, let rhs):
            let left = try evaluate(lhs, element: element).truth
            if left && trace == nil { return .bool(true) }
            let right = try evaluate(rhs, element: element).truth
            return .bool(left || right)
        case .binary(let op, let lhs, let rhs):
            return Self.arithmetic(op, try evaluate(lhs, element: element), try evaluate(rhs, element: element))
        case .comparison(let op, let lhs, let rhs):
            return .bool(try compare(op, lhs, rhs, element: element))
        case .within(let operand, let duration):
            let value = try evaluate(operand, element: element)
            let window = try evaluate(duration, element: element)
            return .bool(isWithin(value, window))
        case .isNull(let operand, let negated):
            return .bool(try evaluate(operand, element: element).isNull != negated)
        case .ago(let duration):
            return Arithmetic.subtract(.timestamp(context.now), try evaluate(duration, element: element))
        case .list(let items):
            return .list(try items.map { try evaluate($0, element: element) })
        case .parenthesized(let inner):
            return try evaluate(inner, element: element)
        case .invalid:
            return .null
        }
    }

    /// An int where the checker typed a number becomes that number.
    static func widened(_ value: Value, to type: ExprType?) -> Value {
        if type == .number, case .int(let i) = value { return .number(Double(i)) }
        return value
    }

    /// `x within D`: `now − D ≤ x ≤ now`; false for a null on either side.
    func isWithin(_ value: Value, _ window: Value) -> Bool {
        guard case .timestamp(let t) = value, case .duration(let d) = window else { return false }
        let (start, overflow) = context.now.subtractingReportingOverflow(d)
        return !overflow && start <= t && t <= context.now
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .add: Arithmetic.add(a, b)
        case .subtract: Arithmetic.subtract(a, b)
        case .multiply: Arithmetic.multiply(a, b)
        case .divide: Arithmetic.divide(a, b)
        case .remainder: Arithmetic.remainder(a, b)
        case .and, .or: .null
        }
    }

    private func reference(_ expr: Expr, element: ElementRow?) throws -> Value {
        switch program.resolution(of: expr) {
        case .constant(_, let value)?:
            return Value(value, zone: context.zone)
        case .elementField(_, let field)?:
            return element?[field.name] ?? .null
        case .fanField(let field)?:
            return try requireFacts().field(field)
        case .scoreDimension(let dimension)?:
            return try requireFacts().score(dimension)
        case .eventField(let field)?:
            return context.event?[field.name] ?? .null
        default:
            // Namespaces (`fan.score`), collections and segment names are not values.
            return .null
        }
    }

    private func compare(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, element: ElementRow?) throws -> Bool {
        if op == .in || op == .notIn, case .segment(let name)? = program.resolution(of: rhs) {
            let member = try isMember(of: name)
            return op == .in ? member : !member
        }
        let a = try evaluate(lhs, element: element)
        let b = try evaluate(rhs, element: element)
        switch op {
        case .equal: return Comparison.equal(a, b)
        case .notEqual: return Comparison.notEqual(a, b)
        case .less: return Comparison.order(a, b).map { $0 < 0 } ?? false
        case .lessOrEqual: return Comparison.order(a, b).map { $0 <= 0 } ?? false
        case .greater: return Comparison.order(a, b).map { $0 > 0 } ?? false
        case .greaterOrEqual: return Comparison.order(a, b).map { $0 >= 0 } ?? false
        case .in: return Comparison.contained(a, in: b)
        case .notIn: return Comparison.notContained(a, in: b)
        case .contains, .startsWith, .endsWith, .matches:
            guard case .string(let s) = a, case .string(let t) = b else { return false }
            return Self.stringPredicate(op, s, t)
        }
    }

    static func stringPredicate(_ op: ComparisonOperator, _ s: String, _ t: String) -> Bool {
        switch op {
        case .contains: Strings.contains(s, t)
        case .startsWith: Strings.startsWith(s, t)
        case .endsWith: Strings.endsWith(s, t)
        case .matches: PatternCache.shared.matches(s, pattern: t) ?? false
        default: false
        }
    }

    func requireFacts() throws -> FanFacts {
        guard let facts else { throw EvaluationError.noFanInScope }
        return facts
    }
}
