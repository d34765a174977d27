import Foundation
import Planning
import Runtime
import Store

/// The demo's closing report, in a creator's words: the day's activity, which
/// rules fired and what they did, and what waits for a human decision.
struct DemoSummary {
    let store: CreatorStore
    let databasePath: String
    let user: String
    let deployed: DeployReport
    let day: DaySimulator.Report
    let segmentChanges: [SegmentRefresh]
    let report: RunReport
    let start: Int64
    let end: Int64

    var text: String {
        get throws {
            var lines: [String] = []
            let profile = try store.rows("SELECT display_name, timezone FROM creator_profiles WHERE user_id = :user").first
            let name = profile?[0].string ?? user
            lines.append("A day in \(name)'s fan business: \(Time.iso8601(start)) to \(Time.iso8601(end))")
            lines.append("")
            lines.append("The day: \(day.newFans) new subscribers, \(day.tips) tips, \(day.purchases) PPV and paid DMs, "
                         + "\(day.messages) messages, \(day.customRequests) custom requests, \(day.renewals) renewals, "
                         + "\(day.cancellations) cancellations. rulec consumed \(report.events) events, audience entries and exits included.")
            let moved = segmentChanges.filter { $0.entered + $0.exited > 0 }
            if !moved.isEmpty {
                lines.append("Audiences at the end of the day: " + moved.map { "\($0.name) \($0.members) (+\($0.entered) −\($0.exited))" }.joined(separator: ", ") + ".")
            }
            lines.append("")
            lines += rulesSection()
            lines.append("")
            lines += try effectsSection()
            lines.append("")
            lines += try approvalSection()
            lines.append("")
            lines.append("Look around: rulec repl --db \(databasePath) --user \(user)")
            if let firing = try store.rows("""
                SELECT r.name, f.fan_id, u.event_source, u.event_id FROM automation_rule_firings f
                JOIN automation_rules r ON r.id = f.rule_id JOIN automation_rule_runs u ON u.id = f.run_id
                WHERE f.user_id = :user AND u.event_id IS NOT NULL ORDER BY f.run_id, f.fan_id LIMIT 1
                """).first, let rule = firing[0].string, let fan = firing[1].int64,
                let source = firing[2].string, let event = firing[3].int64 {
                lines.append("             rulec why \(Value.string(rule)) --fan \(fan) --event \(source):\(event) --db \(databasePath) --user \(user)")
            }
            return lines.joined(separator: "\n")
        }
    }

    private func rulesSection() -> [String] {
        let all = deployed.rulesAdded + deployed.rulesChanged + deployed.rulesUnchanged
        let fired = report.rules.filter { $0.value.fired > 0 }.sorted { ($0.value.fired, $1.key) > ($1.value.fired, $0.key) }
        var rows = [["rule", "fans", "what it did"]]
        for (name, activity) in fired {
            let actions = activity.phrases.joined(separator: ", ")
            var cell = actions
            if activity.heldBack > 0 { cell += " (\(activity.heldBack) held back by cooldown or limit)" }
            rows.append([name, String(activity.fired), cell])
        }
        var lines = ["Rules that fired (\(fired.count) of \(all.count)):"]
        lines += fired.isEmpty ? ["  none"] : TextTable.lines(rows).map { "  " + $0 }
        let quiet = all.filter { report.rules[$0]?.fired ?? 0 == 0 }.sorted()
        if !quiet.isEmpty { lines.append("Quiet today: " + quiet.joined(separator: ", ") + ".") }
        return lines
    }

    private func effectsSection() throws -> [String] {
        func count(_ sql: String) throws -> Int { Int(try store.scalar(sql).int64 ?? 0) }
        let sent = try count("SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND action_type = 'send' AND outcome = 'executed'")
        let tagged = try count("SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND action_type = 'tag' AND outcome = 'executed'")
        let noted = try count("SELECT count(*) FROM automation_rule_actions WHERE user_id = :user AND action_type = 'note' AND outcome = 'executed'")
        let later = try count("SELECT count(*) FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending'")
        var lines = ["What rulec did:",
                     "  \(sent) message drafts written (fan_messages, status draft, ready to send)",
                     "  \(tagged) tags added, \(noted) notes written",
                     "  \(later) actions scheduled for later (after a delay)"]
        let examples = try store.rows("""
            SELECT f.display_name, m.platform, m.body FROM fan_messages m JOIN fan_profiles f ON f.id = m.fan_id
            WHERE m.user_id = :user AND m.direction = 'outbound' AND m.rule_id IS NOT NULL ORDER BY m.id LIMIT 3
            """)
        if !examples.isEmpty { lines.append("  For example:") }
        for row in examples {
            lines.append("    to \(row[0].string ?? "?") on \(row[1].string ?? "?"): \"\(Self.short(row[2].string ?? ""))\"")
        }
        return lines
    }

    private func approvalSection() throws -> [String] {
        let pending = try store.rows("""
            SELECT q.id, r.name, f.display_name, q.preview FROM hitl_action_queue q
            JOIN automation_rules r ON r.id = q.rule_id JOIN fan_profiles f ON f.id = q.fan_id
            WHERE q.user_id = :user AND q.status = 'pending' ORDER BY q.id
            """)
        guard let first = pending.first?[0].int64 else { return ["Nothing waits for your approval."] }
        var rows = [["id", "rule", "fan", "preview"]]
        for row in pending.prefix(5) {
            rows.append([String(row[0].int64 ?? 0), row[1].string ?? "", row[2].string ?? "", Self.short(row[3].string ?? "")])
        }
        var lines = ["Waiting for your approval: \(pending.count) (nothing is sent until you decide)"]
        lines += TextTable.lines(rows).map { "  " + $0 }
        if pending.count > 5 { lines.append("  … and \(pending.count - 5) more") }
        lines.append("  See them all:  rulec hitl list --db \(databasePath) --user \(user)")
        lines.append("  Approve one:   rulec hitl approve \(first) --db \(databasePath) --user \(user)")
        lines.append("  Reject one:    rulec hitl reject \(first) --reason \"not now\" --db \(databasePath) --user \(user)")
        return lines
    }

    static func short(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
