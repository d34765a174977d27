import Foundation
import Planning
import Semantics
import Store
import Syntax

/// `expect …`: each form reads what the engine wrote (firings, action rows,
/// the approval queue) or evaluates a condition for the fan at the clock with
/// the evaluator. A failure says what was expected and what happened.
extension TestRun {
    func check(_ expectation: Expectation, range: SourceRange) throws -> TestFailure? {
        switch expectation {
        case .fired(let rule, let negated, let times, let fan):
            let fanID = try fan.map { try world.fanID($0) }
            let count = try TestActions.firings(world.creator, fan: fanID).filter { $0.rule == rule.value }.count
            let who = fan.map { " for \($0.name)" } ?? ""
            let expectedCount: Int64? = try times.map { expr in
                guard case .int(let n) = try world.evaluate(expr) else { return 1 }
                return n
            }
            let holds: Bool
            let wanted: String
            if negated {
                holds = count == 0
                wanted = "\"\(rule.value)\" not to fire\(who)"
            } else if let expectedCount {
                holds = Int64(count) == expectedCount
                wanted = "\"\(rule.value)\" to fire \(Self.times(Int(expectedCount)))\(who)"
            } else {
                holds = count > 0
                wanted = "\"\(rule.value)\" to fire\(who)"
            }
            if holds { return nil }
            return TestFailure(range: range, message: "expected \(wanted), but it fired \(Self.times(count))",
                               details: try happened(fan: fan, fanID: fanID))
        case .action(let pattern, let negated):
            let fanID = try world.fanID(pattern.fan)
            let expected = try TestActions.expectedArguments(pattern, world: world)
            let actions = try TestActions.actions(world.creator, fan: fanID)
            let found = actions.contains { $0.status == "executed" && $0.matches(pattern, expected) }
            if found != negated { return nil }
            let wanted = (negated ? "no " : "") + "`\(TestActions.describe(pattern))`"
            return TestFailure(range: range, message: "expected \(wanted), but \(found ? "it was done" : "no such action was done")",
                               details: try happened(fan: pattern.fan, fanID: fanID))
        case .queued(let pattern, let negated):
            let fanID = try world.fanID(pattern.fan)
            let expected = try TestActions.expectedArguments(pattern, world: world)
            let items = try TestActions.queued(world.creator, fan: fanID)
            let found = items.contains { $0.status == "pending" && $0.matches(pattern, expected) }
            if found != negated { return nil }
            var details = items.map { "queued by \"\($0.rule)\": \($0.summary)" }
            if details.isEmpty { details = ["nothing was queued for \(pattern.fan.name)"] }
            return TestFailure(range: range, message: "expected \(negated ? "nothing" : "`\(TestActions.describe(pattern))`") to be queued for approval, but \(found ? "it is" : "it is not")",
                               details: details + (try happened(fan: pattern.fan, fanID: fanID)))
        case .member(let fan, let segment, let negated):
            let fanID = try world.fanID(fan)
            let evaluator = Evaluator(program: program, context: EvaluationContext(now: world.clock, zone: world.zone),
                                      facts: StoreFanFacts(store: world.creator, fanID: fanID))
            var member = false
            try traced(evaluator) { member = try $0.isMember(of: segment.name) }
            if member != negated { return nil }
            var details: [String] = []
            if let condition = program.segment(named: segment.name)?.condition {
                details = try why(condition, fanID: fanID)
            }
            return TestFailure(range: range, message: "expected \(fan.name) \(negated ? "not " : "")in \(segment.name), but \(fan.name) is \(member ? "" : "not ")in it",
                               details: details)
        case .condition(let condition, let fan):
            let fanID = try world.fanID(fan)
            let evaluator = Evaluator(program: program, context: EvaluationContext(now: world.clock, zone: world.zone),
                                      facts: StoreFanFacts(store: world.creator, fanID: fanID))
            var holds = false
            try traced(evaluator) { holds = try $0.holds(condition) }
            if holds { return nil }
            return TestFailure(range: range, message: "expected `\(Format.expression(condition))` for \(fan.name), but it is false",
                               details: try why(condition, fanID: fanID))
        case .nothing(let fan):
            let fanID = try world.fanID(fan)
            let firings = try TestActions.firings(world.creator, fan: fanID)
            if firings.isEmpty { return nil }
            return TestFailure(range: range, message: "expected no rule to fire for \(fan.name), but \(firings.count == 1 ? "one did" : "\(firings.count) firings did")",
                               details: try happened(fan: fan, fanID: fanID))
        }
    }

    /// Runs `body`, recording the segment conditions it evaluates when coverage is on.
    private func traced(_ evaluator: Evaluator, _ body: (Evaluator) throws -> Void) throws {
        guard let coverage else { return try body(evaluator) }
        try coverage.trace(evaluator, body)
    }

    static func times(_ n: Int) -> String { n == 1 ? "1 time" : "\(n) times" }

    /// What the rules did for the fan (or every fan): firings, then every action row.
    private func happened(fan: Identifier?, fanID: Int64?) throws -> [String] {
        let ids: [(String, Int64)] = fanID.map { [(fan!.name, $0)] } ?? world.fans.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        var lines: [String] = []
        for (name, id) in ids {
            let firings = try TestActions.firings(world.creator, fan: id)
            let actions = try TestActions.actions(world.creator, fan: id)
            if firings.isEmpty && actions.isEmpty {
                if fanID != nil { lines.append("no rule fired for \(name)") }
                continue
            }
            // Each firing with its actions, then the runs that held the fan back.
            let fired = Set(firings.map(\.runID))
            for firing in firings {
                lines.append("\"\(firing.rule)\" fired for \(name) at \(Time.iso8601(firing.at))")
                lines += actions.filter { $0.runID == firing.runID }.map { "  " + $0.summary }
            }
            for action in actions where !fired.contains(action.runID) {
                lines.append("\"\(action.rule)\" did not fire for \(name): \(action.summary)")
            }
        }
        if lines.isEmpty { lines.append("no rule fired") }
        return lines
    }

    /// The condition's tree with each sub-expression's value, as `rulec why` prints it.
    private func why(_ condition: Expr, fanID: Int64) throws -> [String] {
        let node = try WhyTrace.explain(condition, program: program, context: EvaluationContext(now: world.clock, zone: world.zone),
                                        facts: StoreFanFacts(store: world.creator, fanID: fanID))
        return WhyTrace.render(node).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
