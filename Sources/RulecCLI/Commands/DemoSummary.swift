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
        let who = activity.creatorName.map { "\($0), a creator with \(Words.count(activity.fans, "fan"))" } ?? "a creator"
        lines.append("One day of fan business for \(who): \(Time.iso8601(start)) to \(Time.iso8601(end))")
        lines.append("")
        lines.append("The day: " + Words.list([
            Words.count(day.newFans, "new subscriber"), Words.count(day.tips, "tip"),
            Words.count(day.purchases, "PPV purchase or paid DM", plural: "PPV purchases and paid DMs"),
            Words.count(day.messages, "message"), Words.count(day.customRequests, "custom request"),
            Words.count(day.renewals, "renewal"), Words.count(day.cancellations, "cancellation"),
        ]) + ".")
        lines.append("rulec read \(Words.count(report.events, "event")), audience entries and exits included.")
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
            let shown = activity.actions.filter { !$0.key.hasPrefix("skipped (cooldown)") && !$0.key.hasPrefix("skipped (limit)") }
            var cell = Words.list(shown.sorted { Words.actionOrder($0.key, $1.key) }.map { Words.action($0.key, count: $0.value) })
            if activity.heldBack > 0 {
                cell += (cell.isEmpty ? "" : "; ") + "\(Words.count(activity.heldBack, "fan")) held back by cooldown or limit"
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
                     "  " + Words.count(executed["send"] ?? 0, "message draft") + " written (fan_messages, status draft, ready to send)",
                     "  " + Words.list([Words.count(executed["tag"] ?? 0, "tag") + " added"]
                                       + (executed["untag", default: 0] > 0 ? [Words.count(executed["untag"]!, "tag") + " removed"] : [])
                                       + [Words.count(executed["note"] ?? 0, "note") + " written"]),
                     "  " + Words.count(activity.scheduledForLater, "action") + " scheduled for later (after a delay)"]
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
        var lines = ["Waiting for your approval: \(Words.count(pending.count, "item")) (nothing is sent until you decide)"]
        lines += TextTable.lines(Self.rightAligned(rows, columns: [0])).map { "  " + $0 }
        if pending.count > 5 { lines.append("  … and \(pending.count - 5) more") }
        return lines
    }

    /// Commands to go on with, in an order that works when pasted one after
    /// another: each names the store, the creator and, if the demo had one, its clock.
    var suggestions: [(label: String, words: [String])] {
        var list: [(label: String, words: [String])] = []
        let pending = activity.pendingApprovals
        if let first = pending.first {
            list.append(("Everything waiting", ["hitl", "list"]))
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

/// Counts and lists as a sentence says them.
enum Words {
    /// `1 tip`, `2 tips`; `plural` where adding an s is wrong.
    static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Sends first, then tags, untags and notes; within a type, by outcome.
    static func actionOrder(_ a: String, _ b: String) -> Bool {
        let types = ["send", "tag", "untag", "note"]
        func rank(_ key: String) -> (Int, String) {
            let type = key.split(separator: " ").last.map(String.init) ?? key
            return (types.firstIndex(of: type) ?? types.count, key)
        }
        return rank(a) < rank(b)
    }

    /// A `RunReport` action key (`executed send`, `delayed tag`, `queued for approval send`) in words.
    static func action(_ key: String, count n: Int) -> String {
        let parts = key.split(separator: " ").map(String.init)
        guard let type = parts.last, parts.count >= 2 else { return "\(n) \(key)" }
        let outcome = parts.dropLast().joined(separator: " ")
        let noun: String
        switch type {
        case "send": noun = count(n, "message")
        case "tag", "untag": noun = count(n, "tag")
        case "note": noun = count(n, "note")
        default: noun = count(n, type + " action")
        }
        switch (outcome, type) {
        case ("executed", "send"): return noun + " drafted"
        case ("executed", "tag"): return noun + " added"
        case ("executed", "untag"): return noun + " removed"
        case ("executed", "note"): return noun + " written"
        case ("delayed", _): return noun + " scheduled for later"
        case ("queued for approval", _): return noun + " awaiting approval"
        default: return noun + " " + outcome
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
