import Foundation
import RulecTestSupport
import Testing
@testable import Planning
import Store

/// The language's operators and functions as PostgreSQL computes them (the
/// dialect's SQL and migration 18's functions) against the Swift the
/// evaluator runs, value for value over edge values. Where PostgreSQL cannot
/// represent the answer it must raise (22003, 22008), never answer wrongly:
/// `PlanExecutor` then lets the evaluator answer.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, "RULEC_TEST_PG_URL is not set"))
struct PostgresFunctionTests {
    static let ints: [Int64] = [0, 1, -1, 2, -2, 3, -3, 7, -7, 86_400, -86_400, 1 << 62, -(1 << 62),
                                Int64.max, Int64.max - 1, Int64.min, Int64.min + 1, 1_773_671_400]
    static let numbers: [Double] = [0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.1, 0.49999999999999994, 3,
                                    1e308, -1e308, 1e-300, .infinity, -.infinity, 9.2e18, 9.3e18, 4_503_599_627_370_497]

    /// What PostgreSQL says for a fragment: its value, or the SQLSTATE it raised.
    enum Outcome: Equatable { case value(SQLValue), raised(String) }

    static func run(_ fragment: PlanSQL, on store: Store) throws -> Outcome {
        let values = fragment.bindings.map { binding -> SQLValue in
            if case .value(let v) = binding { return SQLEncoding.encode(v) }
            return .null
        }
        do {
            return .value(try store.database.scalar("SELECT " + fragment.rendered(in: .postgres), values))
        } catch let error as SQLiteError where error.sqlState == "22003" || error.sqlState == "22008" {
            return .raised(error.sqlState!)
        }
    }

    static func value(_ v: Value) -> PlanSQL { .parameter(.value(v)) }

    static func leavesDoubleRange(_ op: String, _ a: Value, _ b: Value) -> Bool {
        func double(_ v: Value) -> Double? {
            if case .number(let d) = v { return d }
            return v.integerPayload.map(Double.init)
        }
        guard let x = double(a), let y = double(b), x.isFinite, y.isFinite else { return false }
        let r: Double = switch op {
        case "+": x + y
        case "-": x - y
        case "*": x * y
        case "/": y == 0 ? 1 : x / y
        default: 1
        }
        return r.isInfinite || (r == 0 && x != 0 && (op == "*" || op == "/") && (op == "/" || y != 0))
    }

    @Test func arithmeticAgreesWithTheEvaluator() throws {
        let database = try PostgresPlanningDatabase()
        let typed: [(String, [Value])] = [
            ("i", Self.ints.map(Value.int)), ("m", Self.ints.map(Value.money)), ("d", Self.ints.map(Value.duration)),
            ("t", Self.ints.map(Value.timestamp)), ("n", Self.numbers.map(Value.number)),
        ]
        let operations: [(String, (Value, Value) -> Value)] = [
            ("+", Arithmetic.add), ("-", Arithmetic.subtract), ("*", Arithmetic.multiply),
            ("/", Arithmetic.divide), ("%", Arithmetic.remainder),
        ]
        var compared = 0, raised = 0
        for (ta, lefts) in typed {
            for (tb, rights) in typed {
                for (op, swift) in operations {
                    // Pairs the checker accepts are a subset; every pair must still agree (null for the rest).
                    for a in lefts.prefix(ta == tb ? lefts.count : 8) {
                        for b in rights {
                            let expected = SQLEncoding.encode(swift(a, b))
                            let got = try Self.run(PostgresExpressions.arithmetic(op, ta, Self.value(a), tb, Self.value(b)), on: database.store)
                            compared += 1
                            switch got {
                            case .value(let v):
                                #expect(v == expected, "\(a) \(op) \(b): PostgreSQL \(v), evaluator \(expected)")
                            case .raised:
                                raised += 1
                                // Only floating point leaving the double range may raise: PostgreSQL
                                // refuses finite operands whose product, quotient or sum overflows
                                // to infinity or underflows to zero.
                                #expect(Self.leavesDoubleRange(op, a, b), "\(a) \(op) \(b) raised; evaluator \(expected)")
                            }
                        }
                    }
                }
            }
        }
        #expect(compared > 5_000)
        #expect(raised < compared / 20)
        for a in Self.ints.map(Value.int) + Self.ints.map(Value.money) + Self.numbers.map(Value.number) {
            let tag = SQLEncoding.tag(a.isNumber ? .number : (a.isMoney ? .money : .int))
            let negated = try Self.run(PostgresExpressions.negate(tag, Self.value(a)), on: database.store)
            #expect(negated == .value(SQLEncoding.encode(Arithmetic.negate(a))), "-\(a)")
        }
    }

    @Test func functionsAgreeWithTheEvaluator() throws {
        let database = try PostgresPlanningDatabase()
        let now: Int64 = 1_773_671_400
        var timestamps: [Int64] = [0, -1, 1, now, now - 86_400, now + 86_400, 1_772_953_199, 1_772_953_200, 1_772_956_800,
                                   1_793_502_000, 1_793_505_600, 1_793_509_200, -2_208_988_800, 2_147_483_648, 4_000_000_000,
                                   Int64.max, Int64.min, 9_000_000_000_000]
        timestamps += (0..<24).map { now + Int64($0) * 3_600 + 1_800 }
        let zones = DiffEdges.zones + ["Not/AZone", "Europe/London", "America/Sao_Paulo"]
        for zoneName in zones {
            let zone = TimeZone(identifier: zoneName)
            let context = EvaluationContext(now: now, zone: zone ?? TimeZone(identifier: "UTC")!)
            for t in timestamps {
                for name in ["hour_of_day", "day_of_week", "month_day"] {
                    let expected = SQLEncoding.encode(Evaluator.apply(name, [.timestamp(t), .string(zoneName)], context: context))
                    let got = try Self.run(try PostgresExpressions.call(name, ["t", "s"], [Self.value(.timestamp(t)), Self.value(.string(zoneName))],
                                                                         Self.value(.int(now)), Self.value(.string(zoneName))), on: database.store)
                    if case .raised = got {
                        // PostgreSQL's timestamps end in year 294276 (and start in 4713 BC).
                        #expect(abs(Double(t)) > 9e12, "\(name)(\(t), \(zoneName)) raised")
                    } else {
                        #expect(got == .value(expected), "\(name)(\(t), \(zoneName))")
                    }
                }
            }
            guard zone != nil else { continue }
            let dates = ["2026-03-16", "2026-03-08 02:30", "2026-03-08 01:59", "2026-03-08 03:00", "2026-11-01 01:30",
                         "2026-11-01 00:59", "2024-02-29", "2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                         "0000-01-01", "9999-12-31 23:59", "2026-03-16 24:00", "2026-03-16 23:60", "2026-3-16",
                         "2026-03-16T09:00", " 2026-03-16", "2026-03-16 9:00", "", "abcd-ef-gh", "2026-04-05 02:30",
                         "2026-10-04 02:30", "2026-09-27 02:15"]
            for text in dates {
                let expected = SQLEncoding.encode(Evaluator.apply("date", [.string(text)], context: context))
                let got = try Self.run(try PostgresExpressions.call("date", ["s"], [Self.value(.string(text))],
                                                                     Self.value(.int(now)), Self.value(.string(zoneName))), on: database.store)
                #expect(got == .value(expected), "date(\"\(text)\") in \(zoneName)")
            }
        }
        let context = EvaluationContext(now: now, zone: TimeZone(identifier: "UTC")!)
        for t in Self.ints {
            let expected = SQLEncoding.encode(Evaluator.apply("days_since", [.timestamp(t)], context: context))
            let got = try Self.run(try PostgresExpressions.call("days_since", ["t"], [Self.value(.timestamp(t))], Self.value(.int(now)), "NULL"), on: database.store)
            #expect(got == .value(expected), "days_since(\(t))")
        }
        for x in Self.ints.map(Value.int) + Self.ints.map(Value.money) + Self.numbers.map(Value.number) {
            let tag = SQLEncoding.tag(x.isNumber ? .number : (x.isMoney ? .money : .int))
            for name in ["abs", "round"] where !(name == "round" && x.isMoney) {
                let expected = SQLEncoding.encode(Evaluator.apply(name, [x], context: context))
                let got = try Self.run(try PostgresExpressions.call(name, [tag], [Self.value(x)], "NULL", "NULL"), on: database.store)
                #expect(got == .value(expected), "\(name)(\(x))")
            }
        }
        for score in DiffEdges.moneyScores + Self.numbers {
            let got = try Self.run("rulec_money(CAST(\(Self.value(.number(score))) AS double precision))", on: database.store)
            #expect(got == .value(SQLEncoding.encode(Value(stored: .real(score), as: .money))), "money(\(score))")
        }
        for total in [0, 1, -1, 5, -5, 7, 250, -250, Int64.max, Int64.min] as [Int64] {
            for count in [1, 2, 3, 4, 7, 10] as [Int64] {
                let got = try Self.run("rulec_money_avg(CAST(\(Self.value(.int(total))) AS numeric), CAST(\(Self.value(.int(count))) AS bigint))", on: database.store)
                #expect(got == .value(SQLEncoding.encode(Evaluator.moneyAverage(Int128(total), count: Int128(count)))), "avg \(total)/\(count)")
            }
        }
    }

    @Test func stringsAgreeWithTheEvaluator() throws {
        let database = try PostgresPlanningDatabase()
        let strings = DiffEdges.sourceStrings
        for s in strings {
            let length = try Self.run(try PostgresExpressions.call("length", ["s"], [Self.value(.string(s))], "NULL", "NULL"), on: database.store)
            #expect(length == .value(.integer(Strings.length(s))), "length(\(s.debugDescription))")
            for t in strings {
                for (name, swift) in [("contains", Strings.contains), ("starts", Strings.startsWith), ("ends", Strings.endsWith)] {
                    let got = try Self.run("CAST(\(PostgresExpressions.stringTest(name, Self.value(.string(s)), Self.value(.string(t)))) AS integer)", on: database.store)
                    #expect(got == .value(.integer(swift(s, t) ? 1 : 0)), "\(s.debugDescription) \(name) \(t.debugDescription)")
                }
                let order = try Self.run("CAST(\(SQLDialect.postgres.compare(Self.value(.string(s)), "<", Self.value(.string(t)), true)) AS integer)", on: database.store)
                #expect(order == .value(.integer(Strings.compare(s, t) < 0 ? 1 : 0)), "\(s.debugDescription) < \(t.debugDescription)")
            }
        }
    }
}

private extension Value {
    var isNumber: Bool { if case .number = self { true } else { false } }
    var isMoney: Bool { if case .money = self { true } else { false } }
}
