@testable import Syntax

/// Expressions for tests, written as values and printed into real source text
/// by `TestProgram`, so that every node gets a real range (diagnostics render)
/// without depending on the parser.
indirect enum T {
    case int(Int64), number(Double), money(Int64), string(String), duration(Int64, String), bool(Bool), null
    case name(String), fan, event, now
    case member(T, String)
    case call(String, [T])
    case aggregate(AggregateFunction, T, within: T? = nil, where: T? = nil)
    case not(T), negate(T)
    case binary(BinaryOperator, T, T)
    case compare(ComparisonOperator, T, T)
    case within(T, T), isNull(T, negated: Bool), ago(T), list([T]), paren(T)

    /// `path("fan.score.churn_risk")`: a dotted path from `fan`, `event` or a name.
    static func path(_ text: String) -> T {
        let parts = text.split(separator: ".").map(String.init)
        var result: T = switch parts[0] {
        case "fan": .fan
        case "event": .event
        case "now": .now
        default: .name(parts[0])
        }
        for part in parts.dropFirst() { result = .member(result, part) }
        return result
    }

    static func && (a: T, b: T) -> T { .binary(.and, a, b) }
    static func days(_ n: Int64) -> T { .duration(n * 86_400, "\(n)d") }
}

enum TriggerT {
    case event(String, argument: String? = nil, quoted: Bool = false)
    case daily(hour: Int, minute: Int)
    case weekly(String, hour: Int, minute: Int)
    case every(T)
}

enum ActionT {
    case send(String, with: [(String, T)] = [], via: T? = nil, after: T? = nil)
    case tag(String)
}

struct RuleT {
    var name: String
    var on: TriggerT
    var when: T? = nil
    var priority: T? = nil
    var cooldown: T? = nil
    var limit: (T, T?)? = nil
    var paused = false
    var then: [ActionT] = [.tag("seen")]
}

enum DeclT {
    case constant(String, T)
    case segment(String, T)
    case rule(RuleT)
}
