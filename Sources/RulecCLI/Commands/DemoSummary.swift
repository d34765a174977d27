import Foundation
import Planning
import Runtime
import Store

/// The demo's closing report, in a creator's words: the day's activity, which
/// rules fired and what they did, what waits for a human decision, and the
/// commands to look further. Every number comes from the phases' reports
/// (`DaySimulator.Report`, `SegmentRefresh`, `RunReport`, `ActivityReport`);
/// this type only words them.
struct DemoSummary {
    let databasePath: String
    let user: String
    /// The `--now` the demo was given, carried by every suggested command; nil when it ran on the wall clock.
    let now: Int64?
    let deployed: DeployReport
    let day: DaySimulator.Report
    let segmentChanges: [SegmentRefresh]
    let report: RunReport
    let activity: ActivityReport
    let start: Int64
    let end: Int64

    var text: String {
        var lines: [String] = []
        let who = activity.creatorName.map { "\($0), a creator with \(Plural.noun(activity.fans, "fan"))" } ?? "a creator"
        lines.append("One day of fan business for \(who): \(Time.iso8601(start)) to \(Time.iso8601(end))")
        lines.append("")
        lines.append("The day: " + Words.list([
            Plural.noun(day.newFans, "new subscriber"), Plural.noun(day.tips, "tip"),
            Plural.noun(day.purchases, "PPV purchase or paid DM", "PPV purchases and paid DMs"),
            Plural.noun(day.messages, "message"), Plural.noun(day.customRequests, "custom request"),
            Plural.noun(day.renewals, "renewal"), Plural.noun(day.cancellations, "cancellation"),
        ]) + ".")
        lines.append("rulec read \(Plural.noun(report.events, "event")), audience entries and exits included.")
        lines += audienceSection()
        lines.append("")
        lines += rulesSection()
        lines.append("")
        lines += effectsSection()
        lines.append("")
        lines += approvalSection()
        lines.append("")
        lines += nextSection()
        return lines.joined(separator: "\n")
    }

    /// Audiences whose membership moved, by the names people gave them.
    private func audienceSection() -> [String] {
        let moved = segmentChanges.filter { $0.entered + $0.exited > 0 }
        guard !moved.isEmpty else { return [] }
        var rows = [["audience", "fans", "joined", "left"]]
        for change in moved {
            rows.append([activity.segmentDisplayNames[change.name] ?? change.name, String(change.members),
                         String(change.entered), String(change.exited)])
        }
        return ["", "Audiences that changed during the day:"] + TextTable.lines(Self.rightAligned(rows, columns: [1, 2, 3])).map { "  " + $0 }
    }

    private func rulesSection() -> [String] {
        let all = deployed.rulesAdded + deployed.rulesChanged + deployed.rulesUnchanged
        let fired = report.rules.filter { $0.value.fired > 0 }.sorted { ($0.value.fired, $1.key) > ($1.value.fired, $0.key) }
        var rows = [["rule", "fans", "what it did"]]
        for (name, activity) in fired {
            // Actions skipped by cooldown or limit are the held-back fans, said once below.
            let shown = activity.actions.filter { $0.key.fate != .skipped || !["cooldown", "limit"].contains($0.key.reason ?? "") }
            var cell = Words.list(shown.sorted { Words.actionOrder($0.key, $1.key) }.map { Words.action($0.key, count: $0.value) })
            if activity.heldBack > 0 {
                cell += (cell.isEmpty ? "" : "; ") + "\(Plural.noun(activity.heldBack, "fan")) held back by cooldown or limit"
            }
            rows.append([name, String(activity.fired), cell])
        }
        var lines = ["Rules that fired: \(fired.count) of \(all.count)"]
        lines += fired.isEmpty ? ["  none"] : TextTable.lines(Self.rightAligned(rows, columns: [1])).map { "  " + $0 }
        let quiet = all.filter { report.rules[$0]?.fired ?? 0 == 0 }.sorted()
        if !quiet.isEmpty { lines.append("Quiet today: " + quiet.joined(separator: ", ") + ".") }
        return lines
    }

    private func effectsSection() -> [String] {
        let executed = activity.executed
        var lines = ["What rulec did:",
                     "  " + Plural.noun(executed["send"] ?? 0, "message draft") + " written (fan_messages, status draft, ready to send)",
                     "  " + Words.list([Plural.noun(executed["tag"] ?? 0, "tag") + " added"]
                                       + (executed["untag", default: 0] > 0 ? [Plural.noun(executed["untag"]!, "tag") + " removed"] : [])
                                       + [Plural.noun(executed["note"] ?? 0, "note") + " written"]),
                     "  " + Plural.noun(activity.scheduledForLater, "action") + " scheduled for later (after a delay)"]
        if !activity.drafts.isEmpty { lines.append("  For example:") }
        for draft in activity.drafts {
            lines.append("    to \(draft.fanName) on \(draft.platform): \"\(Self.short(draft.body))\"")
        }
        return lines
    }

    private func approvalSection() -> [String] {
        let pending = activity.pendingApprovals
        guard !pending.isEmpty else { return ["Nothing waits for your approval."] }
        var rows = [["id", "rule", "fan", "preview"]]
        for item in pending.prefix(5) {
            rows.append([String(item.id), item.ruleName ?? "", item.fanName ?? "", Self.short(item.preview)])
        }
        var lines = ["Waiting for your approval: \(Plural.noun(pending.count, "item")) (nothing is sent until you decide)"]
        lines += TextTable.lines(Self.rightAligned(rows, columns: [0])).map { "  " + $0 }
        if pending.count > 5 { lines.append("  … and \(pending.count - 5) more") }
        return lines
    }

    /// Commands to go on with, in an order that works when pasted one after
    /// another: each names the store, the creator and, if the demo had one, its clock.
    var suggestions: [(label: String, words: [String])] {
        var list: [(label: String, words: [String])] = [("Your automations", ["rules"])]
        if activity.scheduledForLater > 0 { list.append(("Delayed actions", ["scheduled"])) }
        let pending = activity.pendingApprovals
        if let first = pending.first {
            list.append(("Waiting for approval", ["hitl", "list"]))
            list.append(("One item in full", ["hitl", "show", String(first.id)]))
            list.append(("Approve it", ["hitl", "approve", String(first.id)]))
            if pending.count > 1 {
                list.append(("Reject another", ["hitl", "reject", String(pending[1].id), "--reason", "not now"]))
            }
        }
        if let firing = activity.explainable {
            list.append(("Why a rule fired", ["why", firing.rule, "--fan", String(firing.fanID), "--event", firing.event]))
        }
        list.append(("Try audiences live", ["repl"]))
        let common = ["--db", databasePath, "--user", user] + (now.map { ["--now", Time.iso8601($0)] } ?? [])
        return list.map { ($0.label, ["rulec"] + $0.words + common) }
    }

    private func nextSection() -> [String] {
        let rows = suggestions.map { [$0.label + ":", $0.words.map(Shell.quote).joined(separator: " ")] }
        return ["Look around (each command works pasted as it is):"] + TextTable.lines(rows).map { "  " + $0 }
    }

    /// Counts line up on their last digit: the cells of `columns` padded on the left.
    static func rightAligned(_ rows: [[String]], columns: Set<Int>) -> [[String]] {
        var widths: [Int: Int] = [:]
        for row in rows { for column in columns where column < row.count { widths[column] = max(widths[column] ?? 0, row[column].count) } }
        return rows.map { row in
            row.enumerated().map { column, cell in
                guard let width = widths[column] else { return cell }
                return String(repeating: " ", count: width - cell.count) + cell
            }
        }
    }

    static func short(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}

/// Lists and action outcomes as a sentence says them (counts: `Plural`).
enum Words {
    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Sends first, then tags, untags and notes; within a type, by what became of them.
    static func actionOrder(_ a: RunReport.ActionTally, _ b: RunReport.ActionTally) -> Bool {
        let types = ["send", "tag", "untag", "note"]
        func rank(_ tally: RunReport.ActionTally) -> Int { types.firstIndex(of: tally.actionType) ?? types.count }
        return (rank(a), a) < (rank(b), b)
    }

    /// What became of `count` actions, in a creator's words: `20 messages drafted`,
    /// `5 messages awaiting approval`, `21 messages scheduled for later`.
    static func action(_ tally: RunReport.ActionTally, count n: Int) -> String {
        let (singular, done): (String, String) = switch tally.actionType {
        case "send": ("message", "drafted")
        case "tag": ("tag", "added")
        case "untag": ("tag", "removed")
        case "note": ("note", "written")
        default: (tally.actionType == "action" ? "action" : tally.actionType + " action", "done")
        }
        switch tally.fate {
        case .executed: return Plural.noun(n, singular) + " " + done
        case .delayedExecuted: return Plural.noun(n, "delayed " + singular) + " " + done
        case .scheduled: return Plural.noun(n, singular) + " scheduled for later"
        case .queuedForApproval: return Plural.noun(n, singular) + " awaiting approval"
        case .skipped: return Plural.noun(n, singular) + " skipped" + (tally.reason.map { " (\($0))" } ?? "")
        case .expired: return Plural.noun(n, "delayed " + singular) + " expired"
        case .failed: return Plural.noun(n, singular) + " failed"
        case .deferred: return Plural.noun(n, singular) + " deferred" + (tally.reason.map { " (\($0))" } ?? "")
        }
    }
}

/// Words for a POSIX shell: bare when safe, else in single quotes.
enum Shell {
    static func quote(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
