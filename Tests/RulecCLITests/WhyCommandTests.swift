import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Runtime
import Store

/// `rulec why` as a user meets it: a small store built by hand, deployed and
/// run with the CLI, then asked about events `run` fired, held back, did not
/// receive, or would find stale; golden files hold what the user sees.
@Suite(.serialized) struct WhyCommandTests {
    /// 2026-03-01T00:00:00Z; the creator is in UTC.
    static let t0: Int64 = 1_772_323_200
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
    static let folder = GoldenFolder("Golden/why")

    static let rules = """
        segment regulars "Regulars" { count(fan.transactions within 30d where kind == "tip") >= 2 }
        rule "Thank big tippers" {
          on transaction.tip
          when event.amount >= $20 and not exists(fan.transactions within 7d where amount >= $100)
          cooldown 1d
          then { tag "big_tipper" }
        }
        rule "Cap" {
          on transaction.tip
          when event.amount >= $5
          limit 1 per fan per 7d
          then { note "capped" }
        }
        rule "Quiet" {
          on transaction.tip
          then { note "never" }
        }
        rule "Morning regulars" {
          on schedule daily at 09:00
          when fan in regulars
          then { tag "regular" }
        }
        """

    /// The store: two fans of creator_a (mia 1, leo 2), one of creator_b (3), tips and a ppv.
    final class Fixture {
        let folder: TemporaryFolder
        var database: String { folder.path("crm.sqlite") }
        /// Event ids by name: mia's tips `m1` (t0+1h, $25), `m2` (t0+3h, $30), her ppv `m3`
        /// (t0+4h, $50); leo's tips `l1` (t0+2h, $10), `l2` (t0+5h, $12); `b1` creator_b's.
        var events: [String: Int64] = [:]
        let mia: Int64, leo: Int64, bob: Int64

        init() throws {
            folder = try TemporaryFolder("why")
            try folder.write(WhyCommandTests.rules, to: "why.rules")
            let store = try Store.open(path: folder.path("crm.sqlite"))
            var fans: [Int64] = []
            for (user, name) in [("creator_a", "mia"), ("creator_a", "leo"), ("creator_b", "bob")] {
                let c = store.creator(user)
                try c.execute("INSERT OR IGNORE INTO creator_profiles (user_id, display_name, timezone, created_at) VALUES (:user, 'Ava', 'UTC', 0)")
                fans.append(try c.insert("INSERT INTO fan_profiles (user_id, display_name, created_at) VALUES (:user, ?, 0)", [.text(name)]))
            }
            (mia, leo, bob) = (fans[0], fans[1], fans[2])
            // Deployed first: deploy starts the engine's cursors at the rows already there.
            let at = ["--now", WhyCommandTests.iso(WhyCommandTests.t0)]
            #expect(run(["deploy", "why.rules"] + at).code == .success)
            #expect(run(["pause", "Quiet"] + at).code == .success)
            func add(_ name: String, _ fan: Int64, _ kind: String, _ cents: Int64, _ at: Int64, user: String = "creator_a") throws {
                events[name] = try store.creator(user).insert("""
                    INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                    VALUES (:user, ?, 'onlyfans', ?, ?, ?)
                    """, [.integer(fan), .text(kind), .integer(cents), .integer(at)])
            }
            let t0 = WhyCommandTests.t0, hour = WhyCommandTests.hour
            try add("m1", mia, "tip", 2_500, t0 + hour)
            try add("m2", mia, "tip", 3_000, t0 + 3 * hour)
            try add("m3", mia, "ppv", 5_000, t0 + 4 * hour)
            try add("l1", leo, "tip", 1_000, t0 + 2 * hour)
            try add("l2", leo, "tip", 1_200, t0 + 5 * hour)
            try add("b1", bob, "tip", 9_000, t0 + hour, user: "creator_b")
            let ran = run(["run", "--now", WhyCommandTests.iso(t0 + WhyCommandTests.day)])
            #expect(ran.code == .success, "\(ran.err)")
        }

        func run(_ words: [String]) -> (code: ExitCode, out: String, err: String) {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": database, "RULEC_USER": "creator_a"],
                                         standardOutput: out.stream, standardError: err.stream, workingDirectory: folder.path,
                                         clock: TestClock.clock)
            return (Rulec.main(words, context: context), out.text, err.text)
        }

        /// `rulec why` as a transcript: the command, stdout, and stderr when there is any.
        func transcript(_ words: [String]) -> String {
            let (code, out, err) = run(["why"] + words)
            var text = "$ rulec why " + words.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ") + "\n" + out
            if !err.isEmpty { text += "--- stderr\n" + err }
            return text + "--- exit \(code.rawValue)\n"
        }
    }

    static func iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Each golden case: its file name and the arguments after `rulec why`.
    static func cases(_ f: Fixture) -> [(String, [String])] {
        let clock = ["--now", iso(t0 + day)]
        let big = ["Thank big tippers", "--fan", String(f.mia)]
        return [
            ("fires", big + ["--event", "fan_transactions:\(f.events["m1"]!)"] + clock),
            ("cooldown", big + ["--event", "fan_transactions:\(f.events["m2"]!)"] + clock),
            ("cooldown-json", big + ["--event", "fan_transactions:\(f.events["m2"]!)", "--format", "json"] + clock),
            ("not-a-tip", big + ["--event", "fan_transactions:\(f.events["m3"]!)"] + clock),
            ("stale", big + ["--event", "fan_transactions:\(f.events["m1"]!)", "--now", iso(t0 + 3 * day)]),
            ("not-yet", big + ["--event", "fan_transactions:\(f.events["m2"]!)", "--now", iso(t0 + 2 * hour)]),
            ("no-event", big + clock),
            ("limit", ["Cap", "--fan", String(f.leo), "--event", "fan_transactions:\(f.events["l2"]!)"] + clock),
            ("paused", ["Quiet", "--fan", String(f.mia), "--event", "fan_transactions:\(f.events["m1"]!)"] + clock),
            ("schedule", ["Morning regulars", "--fan", String(f.mia), "--now", iso(t0 + day + 10 * hour)]),
            ("schedule-missed", ["Morning regulars", "--fan", String(f.mia), "--slot", iso(t0 - 15 * hour)] + clock),
            ("schedule-slot-json", ["Morning regulars", "--fan", String(f.leo), "--slot", iso(t0 + 9 * hour), "--format", "json"] + clock),
        ]
    }

    @Test func goldenTranscripts() throws {
        let f = try Fixture()
        for (name, words) in Self.cases(f) {
            try Self.folder.expect(f.transcript(words), matches: name + ".expected")
        }
    }

    @Test func verdictsSayWhatRunDid() throws {
        let f = try Fixture()
        let clock = ["--now", Self.iso(Self.t0 + Self.day)]
        func verdict(_ words: [String]) throws -> String {
            let (code, out, err) = f.run(["why"] + words + ["--format", "json"] + clock)
            #expect(code == .success, "\(err)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            return try #require(object["verdict"] as? String)
        }
        let big = ["Thank big tippers", "--fan", String(f.mia), "--event"]
        // run fired m1 and held m2 back by the cooldown of m1's firing.
        #expect(try verdict(big + ["fan_transactions:\(f.events["m1"]!)"]) == "fires")
        #expect(try verdict(big + ["fan_transactions:\(f.events["m2"]!)"]) == "held_back")
        // A paused rule never "fires", whatever its condition says.
        #expect(try verdict(["Quiet", "--fan", String(f.mia), "--event", "fan_transactions:\(f.events["m1"]!)"]) == "paused")
        #expect(try verdict(["Cap", "--fan", String(f.leo), "--event", "fan_transactions:\(f.events["l1"]!)"]) == "fires")
        #expect(try verdict(["Cap", "--fan", String(f.leo), "--event", "fan_transactions:\(f.events["l2"]!)"]) == "held_back")
    }

    @Test func questionsThatCannotBeAskedExitTwo() throws {
        let f = try Fixture()
        let clock = ["--now", Self.iso(Self.t0 + Self.day)]
        let big = ["why", "Thank big tippers"] + clock
        // A fan of another creator is refused like an unknown one: nothing of creator_b shows.
        let other = f.run(big + ["--fan", String(f.bob)])
        #expect(other.code == .usageOrIO && other.err.contains("creator creator_a has no fan \(f.bob)"), "\(other.err)")
        #expect(f.run(big + ["--fan", "999"]).code == .usageOrIO)
        // An event of creator_b is not found for creator_a.
        let foreign = f.run(big + ["--fan", String(f.mia), "--event", "fan_transactions:\(f.events["b1"]!)"])
        #expect(foreign.code == .usageOrIO && foreign.err.contains("no row fan_transactions:\(f.events["b1"]!) for this creator"))
        // Leo's tip is not about mia.
        let leos = f.run(big + ["--fan", String(f.mia), "--event", "fan_transactions:\(f.events["l1"]!)"])
        #expect(leos.code == .usageOrIO && leos.err.contains("is about fan \(f.leo), not fan \(f.mia)"))
        #expect(f.run(big + ["--fan", String(f.mia), "--event", "fan_messages:1"]).code == .usageOrIO)
        #expect(f.run(big + ["--fan", String(f.mia), "--event", "nonsense"]).code == .usageOrIO)
        #expect(f.run(big + ["--fan", String(f.mia), "--format", "yaml"]).code == .usageOrIO)
        // Slots belong to schedule rules, and must be slots.
        #expect(f.run(big + ["--fan", String(f.mia), "--slot", Self.iso(Self.t0)]).code == .usageOrIO)
        let notASlot = f.run(["why", "Morning regulars", "--fan", String(f.mia), "--slot", Self.iso(Self.t0 + 10 * Self.hour)] + clock)
        #expect(notASlot.code == .usageOrIO && notASlot.err.contains("the one before it is 2026-03-01T09:00:00Z"), "\(notASlot.err)")
        #expect(f.run(["why", "Morning regulars", "--fan", String(f.mia), "--event", "fan_transactions:1"] + clock).code == .usageOrIO)
    }
}
