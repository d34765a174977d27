import Foundation
import Syntax

/// Everything the checker learned about a program, for planning, `explain`,
/// the REPL and deploy. The syntax tree is kept as is; what the checker learned
/// about each expression lives in tables keyed by `ExprID`.
public struct CheckedProgram: Sendable {
    /// Folded constants by name.
    public var constants: [String: CheckedConstant] = [:]
    /// Segments in dependency order: each comes after every segment it uses.
    public var segments: [CheckedSegment] = []
    /// Rules in source order (files in the order given).
    public var rules: [CheckedRule] = []
    /// `test` declarations in source order; `rulec test` runs them, deploy ignores them.
    public var tests: [CheckedTest] = []
    /// The type of every expression node the checker visited.
    public var types: [ExprID: ExprType] = [:]
    /// What every name, member and call resolved to.
    public var resolutions: [ExprID: Resolution] = [:]
    /// The program's `policy { ... }`, if it has one (LANGUAGE.md §11).
    public var policy: CheckedPolicy?

    public init() {}

    public func type(of expr: Expr) -> ExprType? { types[expr.id] }
    public func resolution(of expr: Expr) -> Resolution? { resolutions[expr.id] }
    public func segment(named name: String) -> CheckedSegment? { segments.first { $0.name == name } }
    public func rule(named name: String) -> CheckedRule? { rules.first { $0.name == name } }
}

public struct CheckedConstant: Hashable, Sendable {
    public var name: String
    public var value: LiteralValue
    public var type: ExprType
    public var declaration: ConstantDecl
}

public struct CheckedSegment: Hashable, Sendable {
    public var name: String
    public var displayName: String?
    public var condition: Expr
    /// Segments named by `fan in` in the condition, directly.
    public var dependencies: [String]
    public var declaration: SegmentDecl
}

public struct CheckedRule: Hashable, Sendable {
    public var name: String
    public var trigger: CheckedTrigger
    public var condition: Expr?
    /// Higher runs first; 0 when absent.
    public var priority: Int64
    public var cooldownSeconds: Int64?
    public var limit: RuleLimit?
    public var isPaused: Bool
    public var description: String?
    public var actions: [CheckedAction]
    /// Segments named by `fan in` in the condition, directly.
    public var segmentsUsed: [String]
    public var declaration: RuleDecl
}

/// `limit N per fan [per D]`.
public struct RuleLimit: Hashable, Sendable {
    public var count: Int64
    /// nil: at most `count` firings per fan, ever.
    public var windowSeconds: Int64?
}

public enum CheckedTrigger: Hashable, Sendable {
    /// An event trigger; `argument` is the segment name of `segment.*` or the tag of `tag.added`.
    case event(TriggerSpec, argument: String?)
    case schedule(Schedule)

    /// The `event.*` fields a rule on this trigger may use.
    public var eventFields: [FieldSpec] {
        switch self {
        case .event(let spec, _): spec.fields
        case .schedule: Catalog.scheduleFields
        }
    }

    /// The trigger in its canonical spelling: `transaction.tip`,
    /// `segment.entered whales`, `tag.added "vip"`, `schedule daily at 09:00`.
    /// Spacing of the source does not matter, so reformatting changes nothing.
    public var sourceText: String {
        switch self {
        case .event(let spec, let argument?) where spec.argument == .tagString:
            spec.name + " " + LiteralPrinter.string(argument)
        case .event(let spec, let argument?):
            spec.name + " " + argument
        case .event(let spec, nil):
            spec.name
        case .schedule(let schedule):
            "schedule \(schedule)"
        }
    }

    /// For messages: `transaction.tip`, `schedule daily at 09:00`.
    public var displayName: String {
        switch self {
        case .event(let spec, _): spec.name
        case .schedule(let s): "schedule \(s)"
        }
    }
}

public enum Schedule: Hashable, Sendable, CustomStringConvertible {
    case daily(minuteOfDay: Int)
    /// `weekday` 1 (Monday) … 7 (Sunday), as `day_of_week` counts.
    case weekly(weekday: Int, minuteOfDay: Int)
    /// Slots anchored at the Unix epoch.
    case every(seconds: Int64)

    public var description: String {
        func clock(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }
        switch self {
        case .daily(let m): return "daily at \(clock(m))"
        case .weekly(let d, let m): return "weekly on \(EnumDomain.weekday.values[d - 1]) at \(clock(m))"
        case .every(let s): return "every \(LiteralPrinter.duration(s, authorText: nil))"
        }
    }
}

public struct CheckedAction: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `via` is an expression of platform type; nil lets the runtime pick the
        /// event's platform, else the fan's most recent account.
        case send(template: String, arguments: [TemplateArgument], via: Expr?)
        case tag(String)
        case untag(String)
        case note(String)
    }

    public var kind: Kind
    /// `after D`: the expression, and its seconds when it folds at check time.
    public var after: Expr?
    public var afterSeconds: Int64?
    public var requiresApproval: Bool
    public var range: SourceRange
}

/// `key: EXPR` of `send … with { }`.
public struct TemplateArgument: Hashable, Sendable {
    public var key: String
    public var value: Expr
}
