import Foundation
import Semantics

extension Value {
    /// A folded constant as a runtime value. A `date("…")` becomes an instant
    /// only now, when the creator's zone is known.
    public init(_ literal: LiteralValue, zone: TimeZone) {
        switch literal {
        case .int(let v): self = .int(v)
        case .number(let v): self = .number(v)
        case .money(let v): self = .money(v)
        case .string(let v): self = .string(v)
        case .duration(let v): self = .duration(v)
        case .bool(let v): self = .bool(v)
        case .null: self = .null
        case .list(let items): self = .list(items.map { Value($0, zone: zone) })
        case .date(let d):
            let wall = Time.daysFromCivil(year: d.year, month: d.month, day: d.day) * Time.secondsPerDay
                + Int64(d.hour * 3_600 + d.minute * 60)
            self = .timestamp(Time.utcSeconds(forWallClock: wall, zone: zone))
        }
    }

    /// A value read from the store, interpreted by the type the catalog gives it:
    /// the column holds money, durations and timestamps as integers, bools as 0/1.
    public init(stored: StoredScalar, as type: ExprType) {
        switch (type, stored) {
        case (_, .null): self = .null
        case (.bool, .integer(let i)): self = .bool(i != 0)
        case (.int, .integer(let i)): self = .int(i)
        case (.int, .real(let d)): self = Arithmetic.roundHalfAwayFromZero(d).map(Value.int) ?? .null
        case (.number, .integer(let i)): self = .number(Double(i))
        case (.number, .real(let d)): self = .number(d)
        case (.money, .integer(let i)): self = .money(i)
        case (.money, .real(let d)): self = Arithmetic.roundedMoney(d)
        case (.duration, .integer(let i)): self = .duration(i)
        case (.timestamp, .integer(let i)): self = .timestamp(i)
        case (.timestamp, .real(let d)): self = Arithmetic.roundHalfAwayFromZero(d).map(Value.timestamp) ?? .null
        case (.string, .text(let s)), (.enumeration, .text(let s)): self = .string(s)
        default: self = .null
        }
    }
}

/// The storage classes a column value arrives in, independent of the SQLite layer.
public enum StoredScalar: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}
