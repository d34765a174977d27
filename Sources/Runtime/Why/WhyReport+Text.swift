import Planning
import Semantics
import Syntax

extension WhyReport {
    /// The header line: `rule "X" for fan 12, event fan_transactions:42, now 2026-11-24T00:00:00Z`;
    /// a schedule rule names its slot instead.
    public var header: String {
        var text = "rule \(Value.string(rule)) for fan \(fanID)"
        if let event { text += ", event \(event)" }
        if let slot {
            text += ", slot \(Value.timestamp(slot))"
            if slotIsLatest { text += " (the latest at or before \(Value.timestamp(clock)))" }
        } else {
            text += ", now \(Value.timestamp(now))"
        }
        return text
    }

    /// The report as `rulec why` prints it on stdout: header, tree, one line
    /// per clause, the verdict. Notes are messages, not data: see `notes`.
    public var text: String {
        var lines = [header, ""]
        if let tree {
            lines.append(WhyTrace.render(tree).trimmingCharacters(in: .newlines))
        } else {
            lines.append("✔ (no condition: the rule applies to every fan its trigger reaches)")
        }
        if !limits.isEmpty { lines.append("") }
        for check in limits {
            let state = switch check.holdsBack { case true?: "holds it back"; case false?: "clear"; case nil: "not known" }
            lines.append("\(check.clause): \(state) (\(check.reason))")
        }
        if !policy.isEmpty { lines.append("") }
        for check in policy {
            let what = switch check.decision {
            case "deferred": "deferred"
            case "skipped": "held back"
            case "bypasses": "bypasses the policy"
            case "at_approval": "decided at approval"
            case "when_due": "decided when due"
            default: "executes"
            }
            lines.append("policy, action \(check.action) (send \(Value.string(check.template))): \(what) (\(check.reason))")
        }
        lines.append("")
        lines.append("→ " + verdictText)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict in words: what `run` does, and why when it does not fire.
    public var verdictText: String {
        let condition = tree.map { $0.holds ? "the condition holds" : "the condition is false" } ?? "the rule has no condition"
        switch verdict {
        case .fires:
            if event == nil, slot == nil {
                return "fires, given an event of its trigger at now (no --event was named)"
            }
            return "fires"
        case .doesNotMatch:
            return "does not fire: the condition is false"
        case .heldBack(let clause, _, let firing):
            return "does not fire: the condition holds, but \(clause) holds it back" + (firing.map { ": it fired for this fan at \($0.description)" } ?? "")
        case .paused:
            return "does not fire: the rule is paused, so run does not run it (\(condition); `rulec resume` starts it again)"
        case .notDeployed:
            return "does not fire: the rule is not deployed in this store, so run does not run it (\(condition))"
        case .notTriggered(let reason):
            return "does not fire: \(reason); run does not run this rule on it (\(condition))"
        case .stale(let age, let limit):
            return "does not fire: the event is \(Value.duration(age)) old at the clock, older than the stale age "
                + "\(Value.duration(limit)), so run records it stale (\(condition))"
        case .slotSkipped(let reason):
            return "does not fire: \(reason) (\(condition))"
        case .notYet(let time):
            return "does not fire yet: \(slot == nil ? "the event" : "the slot") is after the clock; run takes it once the clock reaches "
                + "\(Value.timestamp(time)) (\(condition))"
        }
    }
}
