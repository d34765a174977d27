import Foundation
import Semantics
import Store

/// The functions the generated SQL calls where SQLite's own behave differently
/// from the language (integer overflow turning into REAL, ASCII-only `lower`,
/// `length` stopping at NUL, no time zones). Each one decodes its arguments into
/// `Value`s and calls the very code the evaluator runs, so both paths agree by
/// construction rather than by imitation.
public enum SQLFunctions {
    public static func register(on database: Database) throws {
        // On PostgreSQL the same functions are the schema's, in PL/pgSQL.
        guard database.dialect == .sqlite else { return }
        // rulec_op(op, tagA, a, tagB, b): + - * / % with the language's overflow,
        // rounding and division-by-zero rules.
        try database.registerFunction("rulec_op", arity: 5, deterministic: true) { args in
            guard case .text(let op) = args[0], case .text(let ta) = args[1], case .text(let tb) = args[3] else { return .null }
            let a = SQLEncoding.decode(args[2], tag: ta), b = SQLEncoding.decode(args[4], tag: tb)
            let result: Value = switch op {
            case "+": Arithmetic.add(a, b)
            case "-": Arithmetic.subtract(a, b)
            case "*": Arithmetic.multiply(a, b)
            case "/": Arithmetic.divide(a, b)
            case "%": Arithmetic.remainder(a, b)
            default: .null
            }
            return SQLEncoding.encode(result)
        }
        try database.registerFunction("rulec_neg", arity: 2, deterministic: true) { args in
            guard case .text(let tag) = args[0] else { return .null }
            return SQLEncoding.encode(Arithmetic.negate(SQLEncoding.decode(args[1], tag: tag)))
        }
        // rulec_str(op, a, b): contains / starts / ends over Unicode scalars; null in, null out.
        try database.registerFunction("rulec_str", arity: 3, deterministic: true) { args in
            guard case .text(let op) = args[0], case .text(let s) = args[1], case .text(let t) = args[2] else { return .null }
            let predicate: Bool = switch op {
            case "contains": Strings.contains(s, t)
            case "starts": Strings.startsWith(s, t)
            case "ends": Strings.endsWith(s, t)
            default: false
            }
            return .integer(predicate ? 1 : 0)
        }
        // rulec_call(name, tags, now, zone, args…): the catalog's functions.
        try database.registerFunction("rulec_call", arity: -1, deterministic: true) { args in
            guard args.count >= 4, case .text(let name) = args[0], case .text(let tags) = args[1],
                  case .integer(let now) = args[2], case .text(let zoneName) = args[3],
                  let zone = TimeZones.named(zoneName) else { return .null }
            let tagList = tags.split(separator: ",").map(String.init)
            let values = zip(tagList, args.dropFirst(4)).map { SQLEncoding.decode($1, tag: $0) }
            if values.contains(where: \.isNull) { return .null }
            return SQLEncoding.encode(Evaluator.apply(name, values, context: EvaluationContext(now: now, zone: zone)))
        }
        // rulec_money(x): a stored value read as money, exactly as the
        // evaluator reads it (a REAL rounds half away from zero to whole
        // minor units; out of range is null). fan_scores.value is REAL, and
        // predicted_ltv is money.
        try database.registerFunction("rulec_money", arity: 1, deterministic: true) { args in
            SQLEncoding.encode(Value(stored: args[0].stored, as: .money))
        }
        // rulec_money_avg(sum, count): half away from zero, exactly. Plans now
        // inline it (`SQLDialect.moneyAverage`); kept for plans stored before.
        try database.registerFunction("rulec_money_avg", arity: 2, deterministic: true) { args in
            guard case .integer(let total) = args[0], case .integer(let count) = args[1], count > 0 else { return .null }
            return SQLEncoding.encode(Evaluator.moneyAverage(Int128(total), count: Int128(count)))
        }
    }
}
