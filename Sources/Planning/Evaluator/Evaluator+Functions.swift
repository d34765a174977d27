import Foundation
import Syntax

extension Evaluator {
    /// The catalog's functions. Each returns null for a null argument, except
    /// `coalesce`, whose job is nulls (LANGUAGE.md §6).
    func call(_ name: String, _ arguments: [Expr], element: ElementRow?) throws -> Value {
        let values = try arguments.map { try evaluate($0, element: element) }
        if name == "coalesce" { return values.first { !$0.isNull } ?? .null }
        if values.contains(where: \.isNull) { return .null }
        return Self.apply(name, values, context: context)
    }

    /// Pure function application on non-null values; shared with the SQL
    /// functions registered in SQLite so both paths compute the same thing.
    static func apply(_ name: String, _ values: [Value], context: EvaluationContext) -> Value {
        switch (name, values.first) {
        case ("lower", .string(let s)?): return .string(Strings.lower(s))
        case ("upper", .string(let s)?): return .string(Strings.upper(s))
        case ("length", .string(let s)?): return .int(Strings.length(s))
        case ("length", .list(let items)?): return .int(Int64(items.count))
        case ("abs", let x?): return absolute(x)
        case ("round", .int(let i)?): return .int(i)
        case ("round", .number(let d)?): return Arithmetic.roundHalfAwayFromZero(d).map(Value.int) ?? .null
        case ("days_since", .timestamp(let t)?): return Time.daysSince(t, now: context.now).map(Value.int) ?? .null
        case ("hour_of_day", .timestamp(let t)?):
            return zone(values, context).flatMap { Time.hourOfDay(t, zone: $0) }.map(Value.int) ?? .null
        case ("day_of_week", .timestamp(let t)?):
            return zone(values, context).flatMap { Time.dayOfWeek(t, zone: $0) }.map(Value.int) ?? .null
        case ("month_day", .timestamp(let t)?):
            return zone(values, context).flatMap { Time.monthDay(t, zone: $0) }.map(Value.string) ?? .null
        case ("date", .string(let s)?): return Time.parseDate(s, zone: context.zone).map(Value.timestamp) ?? .null
        default: return .null
        }
    }

    private static func absolute(_ x: Value) -> Value {
        switch x {
        case .int(let i): i == .min ? .null : .int(Swift.abs(i))
        case .money(let m): m == .min ? .null : .money(Swift.abs(m))
        case .number(let d): .number(Swift.abs(d))
        default: .null
        }
    }

    /// The zone argument of `hour_of_day`/`day_of_week`, else the creator's; an
    /// unknown zone name gives null rather than a guess.
    private static func zone(_ values: [Value], _ context: EvaluationContext) -> TimeZone? {
        guard values.count > 1 else { return context.zone }
        guard case .string(let name) = values[1] else { return nil }
        return TimeZones.named(name)
    }
}

/// IANA zones by name, looked up once each.
public enum TimeZones {
    private static let cache = ZoneCache()

    public static func named(_ name: String) -> TimeZone? { cache.zone(named: name) }

    private final class ZoneCache: @unchecked Sendable {
        private var zones: [String: TimeZone?] = [:]
        private let lock = NSLock()
        func zone(named name: String) -> TimeZone? {
            lock.lock(); defer { lock.unlock() }
            if let known = zones[name] { return known }
            let zone = TimeZone(identifier: name)
            zones[name] = zone
            return zone
        }
    }
}
