import Foundation
import Semantics
import Syntax

/// `check`: parse and check a generated program of 10,000 rules (plus the
/// segments and constants they use), end to end as `rulec check` does.
/// The target (issue 4) is under 1 s in a release build.
enum CheckBenchmark {
    static func run(rules: Int = 10_000) {
        let text = program(rules: rules)
        let file = SourceFile(id: FileID(0), path: "bench.rules", text: text)

        let parseStart = ContinuousClock.now
        let parsed = Parse.file(file)
        let parseTime = ContinuousClock.now - parseStart

        let checkStart = ContinuousClock.now
        let result = Check.program([parsed.syntax])
        let checkTime = ContinuousClock.now - checkStart

        let errors = (parsed.diagnostics + result.diagnostics).filter { $0.severity == .error }
        print("check: \(rules) rules, \(text.utf8.count / 1024) KiB, \(parsed.syntax.declarations.count) declarations")
        print("  parse \(milliseconds(parseTime)) ms, check \(milliseconds(checkTime)) ms, total \(milliseconds(parseTime + checkTime)) ms")
        for timing in result.passTimings {
            print("    \(timing.pass.rawValue): \(String(format: "%.1f", timing.seconds * 1000)) ms")
        }
        print("  \(errors.count) errors, \(result.diagnostics.count - errors.count) warnings and notes")
        if let first = errors.first { print("  first error: \(first.code) \(first.message)") }
    }

    private static func milliseconds(_ d: Duration) -> String {
        String(format: "%.1f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15)
    }

    /// A deterministic program in the shape of real ones: constants, segments
    /// that build on each other, and rules over every kind of trigger.
    static func program(rules: Int) -> String {
        var lines: [String] = []
        let segmentCount = max(1, rules / 100)
        for i in 0..<segmentCount {
            lines.append("let spend_\(i) = $\(100 + i)")
        }
        for i in 0..<segmentCount {
            let base = "fan.lifetime_spend >= spend_\(i) and fan.score.churn_risk < 0.\(i % 9 + 1)"
            let uses = i > 0 ? " and not (fan in segment_\(i - 1))" : ""
            lines.append("segment segment_\(i) { \(base)\(uses) }")
        }
        let triggers = ["transaction.tip", "message.received", "subscription.cancelled", "schedule daily at 09:00", "custom_request.submitted"]
        let conditions = [
            "event.amount >= $\(5) and count(fan.transactions within 30d where kind == \"tip\" and amount > $2) > 1",
            "event.text contains \"hi\" and lower(event.text) matches \"^(hey|hi)\" and event.sentiment > -0.5",
            "event.platform in [\"onlyfans\", \"fansly\"] and exists(fan.subscriptions where status == \"active\" and renews_at < now + 3d)",
            "days_since(fan.last_active_at) > 14 and fan.lifecycle_stage in [\"at_risk\", \"lapsed\"]",
            "event.offered_price > $50 and sum(fan.transactions.amount within 90d) > $200",
        ]
        for i in 0..<rules {
            let kind = i % triggers.count
            lines.append("""
            rule "Rule \(i)" {
              on \(triggers[kind])
              when \(conditions[kind]) and fan in segment_\(i % segmentCount)
              priority \(i % 7)
              cooldown \(1 + i % 5)d
              then {
                send "template_\(i)" with { amount: \(i), name: fan.display_name }
                tag "rule_\(i % 50)"
              }
            }
            """)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
