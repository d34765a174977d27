import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI
import Store

/// `explain`, `segment eval`, `segments refresh` and `why` from the command
/// line: exit codes, output shapes, and that data goes to stdout.
@Suite(.serialized) struct EvaluationCommandsTests {
    static let rules = """
        let vip_min = $500
        segment whales "Top spenders" { fan.lifetime_spend >= vip_min }
        rule "Thank big tippers" {
          on transaction.tip
          when event.amount >= $20 and not ("big_tipper" in fan.tags)
          cooldown 1d
          then { tag "big_tipper" }
        }
        """

    /// A folder with `rules.rules` and a seeded `crm.sqlite`, removed afterwards.
    final class Workspace {
        let folder: TemporaryFolder
        var database: String { folder.path("crm.sqlite") }
        init(rules: String = EvaluationCommandsTests.rules, seed: Bool = true) throws {
            folder = try TemporaryFolder("eval")
            try folder.write(rules, to: "rules.rules")
            if seed { try Seeder.run(SeedOptions(fans: 200, userID: "creator_a"), into: try Store.open(path: database)) }
        }

        func run(_ words: [String]) -> (code: ExitCode, out: String, err: String) {
            let out = OutputStream.Capture(), err = OutputStream.Capture()
            let context = CommandContext(environment: ["RULEC_DB": database, "RULEC_USER": "creator_a"],
                                         standardOutput: out.stream, standardError: err.stream, workingDirectory: folder.path, clock: TestClock.clock)
            return (Rulec.main(words, context: context), out.text, err.text)
        }
    }

    static let now = ["--now", "2026-11-24T00:00:00Z"]

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func segmentEvalJSONHasThePinnedShape() throws {
        let workspace = try Workspace()
        let (code, out, err) = workspace.run(["segment", "eval", "fan.lifetime_spend >= $50", "--format", "json", "--limit", "5"] + Self.now)
        #expect(code == .success, "\(err)")
        #expect(out.hasPrefix("{\"count\":") && out.contains(",\"fan_ids\":["))
        let object = try json(out)
        #expect(object.keys.sorted() == ["count", "fan_ids"])
        let count = try #require(object["count"] as? Int)
        let ids = try #require(object["fan_ids"] as? [Int])
        #expect(count > 5 && ids.count == 5 && ids == ids.sorted())

        let all = try json(workspace.run(["segment", "eval", "fan.lifetime_spend >= $50", "--format", "json", "--limit", "0"] + Self.now).out)
        #expect((all["fan_ids"] as? [Int])?.count == count)
        #expect(Array(((all["fan_ids"] as? [Int]) ?? []).prefix(5)) == ids)
    }

    @Test func segmentEvalUsesTheProgramsSegmentsAndPrintsText() throws {
        let workspace = try Workspace()
        let viaSegment = workspace.run(["segment", "eval", "fan in whales", "--rules", "rules.rules", "--format", "json"] + Self.now)
        let direct = workspace.run(["segment", "eval", "fan.lifetime_spend >= $500", "--format", "json"] + Self.now)
        #expect(viaSegment.code == .success && viaSegment.out == direct.out, "\(viaSegment.err)")
        let text = workspace.run(["segment", "eval", "fan in whales", "--rules", "rules.rules", "--limit", "2"] + Self.now)
        #expect(text.out.contains(" match (") && text.out.contains("display_name"))
        #expect(text.err.isEmpty, "no notes about the wrapper segment: \(text.err)")
    }

    @Test func segmentEvalErrorsPointIntoTheExpression() throws {
        let workspace = try Workspace()
        let (code, out, err) = workspace.run(["segment", "eval", "fan.lifetime_spend > 500"])
        #expect(code == .inputErrors && out.isEmpty)
        #expect(err.contains("<expression>:1:22: error[E1031]"))
        #expect(err.contains(" 1 | fan.lifetime_spend > 500"))
        // A `}` cannot close the wrapper and smuggle in declarations.
        #expect(workspace.run(["segment", "eval", "true } segment x { false"]).code == .inputErrors)
        #expect(workspace.run(["segment", "eval", "true", "--limit", "-1"]).code == .usageOrIO)
        #expect(workspace.run(["segment", "eval"]).code == .usageOrIO)
    }

    @Test func explainExitCodesAndJSON() throws {
        let workspace = try Workspace(seed: false)
        let (code, out, _) = workspace.run(["explain", "rules.rules", "--format", "json"])
        #expect(code == .success)
        let object = try json(out)
        #expect((object["segments"] as? [[String: Any]])?.first?["name"] as? String == "whales")
        let rule = try #require((object["rules"] as? [[String: Any]])?.first)
        #expect(rule["trigger"] as? String == "transaction.tip" && rule["cooldown"] as? String == "1d")
        #expect(workspace.run(["explain", "rules.rules", "--rule", "Thank big tippers"]).out.contains("on        transaction.tip"))

        let unknown = workspace.run(["explain", "rules.rules", "--rule", "Thank big tipers"])
        #expect(unknown.code == .inputErrors && unknown.err.contains("Did you mean 'Thank big tippers'?"))
        #expect(workspace.run(["explain", "rules.rules", "--segment", "whale"]).code == .inputErrors)
        #expect(workspace.run(["explain"]).code == .usageOrIO)
        #expect(workspace.run(["explain", "rules.rules", "--rule", "a", "--segment", "b"]).code == .usageOrIO)
        #expect(workspace.run(["explain", "rules.rules", "--format", "yaml"]).code == .usageOrIO)

        let broken = try Workspace(rules: "segment s { fan.lifetime_spnd > $1 }", seed: false)
        let failed = broken.run(["explain", "rules.rules"])
        #expect(failed.code == .inputErrors && failed.err.contains("error[E1011]") && failed.out.isEmpty)
    }

    /// `explain --db --user --now`: plans over all fans show the shape each
    /// collection read gets on that store's data, and why; the stored plan
    /// (`explain` without a store) has none, and the answer is the same.
    @Test func explainWithAStoreShowsChosenShapes() throws {
        let rules = """
            segment recent_tippers { count(fan.transactions within 30d where kind == "tip") >= 1 }
            segment vip_writers { "vip" in fan.tags and exists(fan.messages within 7d) }
            """
        let workspace = try Workspace(rules: rules)
        let withStore = workspace.run(["explain", "rules.rules", "--db", workspace.database, "--user", "creator_a"] + Self.now)
        #expect(withStore.code == .success, "\(withStore.err)")
        #expect(withStore.out.contains("shapes (estimated on the store's data)"))
        #expect(withStore.out.contains("chose correlated") || withStore.out.contains("chose grouped"))
        let json = workspace.run(["explain", "rules.rules", "--format", "json", "--db", workspace.database, "--user", "creator_a"] + Self.now)
        let segments = try #require(try self.json(json.out)["segments"] as? [[String: Any]])
        for segment in segments {
            let shapes = try #require((segment["plan"] as? [String: Any])?["shapes"] as? [[String: Any]])
            #expect(shapes.allSatisfy { ["grouped", "correlated"].contains($0["shape"] as? String ?? "") })
        }
        let stored = workspace.run(["explain", "rules.rules", "--format", "json"])
        #expect(!stored.out.contains("\"shapes\""))
        // The creator comes from RULEC_USER here; an unknown one is refused, as is a missing store.
        #expect(workspace.run(["explain", "rules.rules", "--db", workspace.database, "--user", "nobody"] + Self.now).code == .usageOrIO)
        #expect(workspace.run(["explain", "rules.rules", "--db", workspace.folder.path("missing.sqlite"), "--user", "creator_a"]).code == .usageOrIO)
    }

    @Test func segmentsRefreshPrintsCountsAndIsIdempotent() throws {
        let workspace = try Workspace()
        let first = workspace.run(["segments", "refresh", "--rules", "rules.rules", "--format", "json"] + Self.now)
        #expect(first.code == .success, "\(first.err)")
        let segment = try #require((try json(first.out)["segments"] as? [[String: Any]])?.first)
        #expect(segment["name"] as? String == "whales" && segment["entered"] as? Int == segment["members"] as? Int)
        let second = workspace.run(["segments", "refresh", "whales", "--rules", "rules.rules"] + Self.now)
        #expect(second.code == .success)
        #expect(second.out.contains("whales") && second.out.hasSuffix("0        0\n"))
        // Segments read by their display name, with the name rules use beside it.
        #expect(second.out.split(separator: "\n").last?.hasPrefix("Top spenders (whales)  ") == true, "\(second.out)")
        #expect(segment["display_name"] as? String == "Top spenders")
        #expect(workspace.run(["segments", "refresh", "whale", "--rules", "rules.rules"]).code == .inputErrors)
        // Without --rules the deployed program is needed; this store has none.
        #expect(workspace.run(["segments", "refresh"]).code == .usageOrIO)
    }

    /// A second refresh is incremental (it sees a change through the store's
    /// change log); `--full` re-evaluates everyone, so it also sees a change
    /// the log never recorded.
    @Test func segmentsRefreshIsIncrementalAndFullOnRequest() throws {
        let workspace = try Workspace()
        #expect(workspace.run(["segments", "refresh", "--rules", "rules.rules"] + Self.now).code == .success)
        let store = try Store.open(path: workspace.database).creator("creator_a")
        let outsiders = try store.rows("""
            SELECT id FROM fan_profiles WHERE user_id = :user AND lifetime_spend_cents < 50000 ORDER BY id LIMIT 2
            """).compactMap { $0[0].int64 }
        try #require(outsiders.count == 2)
        func entered(_ extra: [String]) throws -> Int? {
            let result = workspace.run(["segments", "refresh", "--rules", "rules.rules", "--format", "json"] + extra + Self.now)
            #expect(result.code == .success, "\(result.err)")
            return (try json(result.out)["segments"] as? [[String: Any]])?.first?["entered"] as? Int
        }
        // A logged change: the first outsider becomes a whale.
        try store.execute("UPDATE fan_profiles SET lifetime_spend_cents = 60000 WHERE user_id = :user AND id = ?", [.integer(outsiders[0])])
        #expect(try store.database.scalar("SELECT count(*) FROM fan_changes WHERE user_id = 'creator_a'") == .integer(1))
        #expect(try entered([]) == 1)
        // A change whose log row is lost (a writer that bypassed the triggers):
        // the incremental refresh cannot see it, `--full` does.
        try store.execute("UPDATE fan_profiles SET lifetime_spend_cents = 60000 WHERE user_id = :user AND id = ?", [.integer(outsiders[1])])
        try store.database.execute("DELETE FROM fan_changes")
        #expect(try entered([]) == 0)
        #expect(try entered(["--full"]) == 1)
    }

    @Test func whyPrintsTheTreeAndValidatesItsArguments() throws {
        let workspace = try Workspace()
        let store = try Store.open(path: workspace.database).creator("creator_a")
        let row = try #require(try store.rows("SELECT id, fan_id FROM fan_transactions WHERE user_id = :user AND kind = 'tip' LIMIT 1").first)
        let (event, fan) = (try #require(row[0].int64), try #require(row[1].int64))
        let rule = ["why", "Thank big tippers", "--rules", "rules.rules", "--fan", String(fan)]
        let (code, out, err) = workspace.run(rule + ["--event", "fan_transactions:\(event)"])
        #expect(code == .success, "\(err)")
        #expect(out.contains("all of") && out.contains("event.amount >= $20   ($"))
        #expect(out.contains("cooldown 1d: "))
        #expect(out.contains("→ "))

        #expect(workspace.run(["why", "Thank big tipers", "--rules", "rules.rules", "--fan", String(fan)]).code == .inputErrors)
        #expect(workspace.run(rule + ["--event", "fan_messages:\(event)"]).code == .usageOrIO)
        #expect(workspace.run(rule + ["--event", "nonsense"]).code == .usageOrIO)
        #expect(workspace.run(["why", "Thank big tippers", "--rules", "rules.rules"]).code == .usageOrIO)
        #expect(workspace.run(["why", "Thank big tippers", "--rules", "rules.rules", "--fan", "999999"]).code == .usageOrIO)
    }
}
