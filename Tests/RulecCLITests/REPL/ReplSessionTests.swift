import Foundation
import Store
import Testing
@testable import RulecCLI

/// `ReplSession` without a terminal or a process: each entry's response, on a
/// seeded store, checked against answers computed in SQL by `ReplFixture`.
@Suite struct ReplSessionTests {
    // MARK: Without a store

    @Test func helpListsEveryDirectiveOfTheSpec() {
        var session = ReplSession()
        let response = session.handle(entry: ":help")
        for name in [":explain", ":fan", ":why", ":load", ":schema", ":now", ":help", ":quit"] {
            #expect(response.output.contains { $0.hasPrefix("  \(name)") }, "\(name)")
        }
        #expect(!response.quit)
    }

    @Test func quitEndsTheSession() {
        var session = ReplSession()
        #expect(session.handle(entry: ":quit").quit)
        #expect(session.handle(entry: "  :quit  ").quit)
        #expect(session.handle(entry: ":q").quit)
        #expect(session.handle(entry: "   \n ") == ReplSession.Response(), "a blank entry does nothing")
    }

    @Test func withoutAStoreEveryEntryThatNeedsOneSaysSo() {
        var session = ReplSession()
        let noStore = ["no store is open: start the REPL with --db FILE --user ID"]
        for entry in ["fan.lifetime_spend >= $500", "segment big { true }", ":explain true", ":fan 1",
                      ":why \"Tag whales\" 1", ":load x.rules", ":now 0"] {
            #expect(session.handle(entry: entry) == ReplSession.Response(errors: noStore), "\(entry)")
        }
        // The schema comes from the catalog, so it needs no store.
        #expect(session.handle(entry: ":schema").output.contains { $0.hasPrefix("fan.lifetime_spend ") })
    }

    @Test func anUnknownDirectiveIsAnErrorWithASuggestion() {
        var session = ReplSession()
        let response = session.handle(entry: ":schem fans")
        #expect(response.output.isEmpty)
        #expect(response.errors == ["unknown command ':schem'. Did you mean ':schema'? Type :help for the list."])
    }

    // MARK: Conditions

    @Test func aConditionPrintsTheCountAndTheFirstTenFansWithTheFieldsItUses() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let expected = try fixture.fanIDs(where: "f.lifetime_spend_cents >= 50000")
        try #require(expected.count > ReplEvaluation.shownFans, "the seed has more whales than the table shows")

        let response = session.handle(entry: "fan.lifetime_spend >= $500")
        #expect(response.errors.isEmpty)
        let output = response.output
        #expect(MatchLine(output[0])?.count == expected.count, "\(output[0])")
        #expect(output[1].split(separator: " ") == ["id", "display_name", "fan.lifetime_spend"])
        let rows = output.dropFirst(2).prefix(ReplEvaluation.shownFans)
        #expect(rows.map { Int64($0.prefix { $0 != " " }) } == expected.prefix(ReplEvaluation.shownFans).map { $0 })
        for (row, id) in zip(rows, expected) {
            let spend = try #require(fixture.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE id = ?", [.integer(id)]).int64)
            #expect(row.hasSuffix("  " + ReplFixture.dollars(spend)), "\(row)")
            #expect(row.contains("  " + (try fixture.displayName(id)) + "  "), "\(row)")
        }
        #expect(output.last == "… and \(expected.count - ReplEvaluation.shownFans) more")
        #expect(output.count == 2 + ReplEvaluation.shownFans + 1)
    }

    @Test func aConditionNobodyMeetsPrintsOnlyTheCount() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        #expect(try fixture.count(where: "f.lifetime_spend_cents > 100000000") == 0)
        let response = session.handle(entry: "fan.lifetime_spend > $1000000")
        #expect(response.output.count == 1 && MatchLine(response.output[0])?.count == 0, "\(response.output)")
    }

    @Test func anAggregateIsAColumnWithEachFansValue() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let tips = "SELECT count(*) FROM fan_transactions t WHERE t.fan_id = f.id AND t.kind = 'tip'"
        let expected = try fixture.fanIDs(where: "(\(tips)) >= 3")
        let output = session.handle(entry: "count(fan.transactions where kind == \"tip\") >= 3").output
        #expect(MatchLine(output[0])?.count == expected.count)
        // The title is cut to the table's cell width, and says so with an ellipsis.
        #expect(output[1].hasSuffix("display_name  count(fan.transactions where ki…"), "\(output[1])")
        for (row, id) in zip(output.dropFirst(2).prefix(ReplEvaluation.shownFans), expected) {
            let count = try fixture.scalar(tips.replacingOccurrences(of: "f.id", with: "?"), [.integer(id)]).int64!
            #expect(row.split(separator: " ").first == "\(id)"[...] && row.hasSuffix("  \(count)"), "\(row)")
        }
    }

    @Test func aTypoGivesTheCheckDiagnosticWithItsFixIt() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let response = session.handle(entry: "fan.lifetime_spend > 500")
        #expect(response.output.isEmpty)
        #expect(response.errors.first?.hasPrefix("<expression>:1:22: error[E1031]: ") == true, "\(response.errors)")
        #expect(response.errors.contains(" 1 | fan.lifetime_spend > 500"))
        #expect(response.errors.contains("   |                      ^~~"), "the caret under `500`")
        #expect(response.errors.contains("help: write `$500`"))
        #expect(response.errors.last == "1 error")
        // The session goes on.
        #expect(MatchLine(session.handle(entry: "fan.lifetime_spend > $500").output.first ?? "") != nil)
    }

    // MARK: Session segments

    @Test func sessionSegmentsAreUsableAndBuildOnEachOther() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        #expect(session.handle(entry: "segment big { fan.lifetime_spend > $1000 }").output == ["segment big defined for this session"])
        #expect(MatchLine(session.handle(entry: "fan in big").output[0])?.count
                == (try fixture.count(where: "f.lifetime_spend_cents > 100000")))

        #expect(session.handle(entry: "segment big_active { fan in big and fan.lifecycle_stage == \"active\" }").errors.isEmpty)
        let output = session.handle(entry: "fan in big_active").output
        #expect(MatchLine(output[0])?.count
                == (try fixture.count(where: "f.lifetime_spend_cents > 100000 AND f.lifecycle_stage = 'active'")))
        #expect(output[1].split(separator: " ") == ["id", "display_name", "fan.lifetime_spend", "fan.lifecycle_stage"],
                "the columns come from inside the segments")
    }

    @Test func aRefusedSegmentLeavesTheSessionAsItWas() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        _ = session.handle(entry: "segment big { fan.lifetime_spend > $1000 }")
        let big = try fixture.count(where: "f.lifetime_spend_cents > 100000")

        let duplicate = session.handle(entry: "segment big { fan.lifetime_spend > $1 }")
        #expect(duplicate.output.isEmpty && duplicate.errors.contains { $0.contains("error[") }, "\(duplicate)")
        #expect(MatchLine(session.handle(entry: "fan in big").output[0])?.count == big, "the first definition stands")

        let broken = session.handle(entry: "segment bad { fan.lifetime_spnd > $1 }")
        #expect(broken.errors.contains { $0.contains("error[") }, "\(broken)")
        #expect(session.handle(entry: "fan in bad").errors.contains { $0.contains("error[") }, "bad was not defined")
        #expect(MatchLine(session.handle(entry: "fan in big").output[0])?.count == big)
    }

    // MARK: Directives

    @Test func explainShowsThePlanOfTheCondition() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let response = session.handle(entry: ":explain fan.lifetime_spend >= $500")
        #expect(response.errors.isEmpty)
        // The user's condition, not the wrapper segment it is checked in.
        #expect(response.output.first == "condition typed at the prompt, evaluated over all fans", "\(response.output)")
        #expect(response.output.contains("  when      fan.lifetime_spend >= $500"))
        #expect(!response.output.joined().contains("__eval"))
        #expect(session.handle(entry: ":explain") == ReplSession.Response(errors: [":explain takes a condition, e.g. :explain fan.is_subscribed"]))
        #expect(response.output.contains { $0.contains("f.lifetime_spend_cents >= ?") }, "\(response.output)")
        #expect(response.output.contains { $0.contains("$500") }, "the bound parameter")
        let typo = session.handle(entry: ":explain fan.lifetime_spend >= 500")
        #expect(typo.output.isEmpty && typo.errors.contains { $0.contains("error[E1031]") })
    }

    @Test func fanShowsEverythingARuleCanSeeAboutThem() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        // The fan with the most transactions, so "latest 3" applies.
        let row = try fixture.store.database.rows("""
            SELECT fan_id, count(*) FROM fan_transactions WHERE user_id = ? GROUP BY fan_id ORDER BY count(*) DESC, fan_id LIMIT 1
            """, [.text(ReplFixture.user)])[0]
        let id = row[0].int64!, transactions = row[1].int64!
        let spend = try fixture.scalar("SELECT lifetime_spend_cents FROM fan_profiles WHERE id = ?", [.integer(id)]).int64!
        let messages = try fixture.scalar("SELECT count(*) FROM fan_messages WHERE fan_id = ?", [.integer(id)]).int64!

        let output = session.handle(entry: ":fan \(id)").output
        let fields = Dictionary(output.compactMap { line -> (String, String)? in
            let words = line.split(separator: " ", maxSplits: 1)
            return words.count == 2 && words[0].hasPrefix("fan.") ? (String(words[0]), words[1].trimmingCharacters(in: .whitespaces)) : nil
        }, uniquingKeysWith: { first, _ in first })
        #expect(fields["fan.id"] == "\(id)")
        #expect(fields["fan.display_name"] == (try fixture.displayName(id)))
        #expect(fields["fan.lifetime_spend"] == ReplFixture.dollars(spend))
        #expect(output.contains("fan.transactions: \(transactions) rows, latest 3"))
        #expect(output.contains { $0.hasPrefix("fan.messages: \(messages) row") }, "\(output)")
    }

    @Test func commandsRefuseArgumentsTheyDoNotTake() throws {
        var session = ReplSession()
        let quitNow = session.handle(entry: ":quit now")
        #expect(quitNow == ReplSession.Response(errors: [":quit takes no arguments, got 'now'; type :quit alone to leave"]))
        #expect(!quitNow.quit, "the session goes on")
        #expect(session.handle(entry: ":q please").errors == [":q takes no arguments, got 'please'; type :q alone to leave"])
        #expect(session.handle(entry: ":help me") == ReplSession.Response(errors: [":help takes no arguments, got 'me'"]))
        #expect(session.handle(entry: ":schema transactions messages").errors
                == [":schema takes one collection at most, e.g. :schema transactions; got 'transactions messages'"])
        #expect(session.handle(entry: ":quit").quit)
    }

    @Test func fanShowsWholeValuesUpToTheTerminalsWidth() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let fan = try #require(fixture.fanIDs(where: "1").first)
        for tag in ["alpha_collector", "bravo_supporter", "charlie_regular", "delta_night_owl"] {
            try fixture.store.database.execute("INSERT INTO fan_tag_values (user_id, fan_id, tag, created_at) VALUES (?, ?, ?, 0)",
                                               [.text(ReplFixture.user), .integer(fan), .text(tag)])
        }
        let all = try fixture.store.database.rows("SELECT tag FROM fan_tag_values WHERE user_id = ? AND fan_id = ? ORDER BY tag",
                                                  [.text(ReplFixture.user), .integer(fan)]).map { $0[0].string! }.joined(separator: ", ")
        func tagsLine(columns: Int?) throws -> String {
            session.workspace!.terminalColumns = { columns }
            return try #require(session.handle(entry: ":fan \(fan)").output.first { $0.hasPrefix("fan.tags ") })
        }
        // 160 columns hold them all; so does a pipe, where a script wants every value.
        #expect(try tagsLine(columns: 160).hasSuffix(" " + all))
        #expect(try tagsLine(columns: nil).hasSuffix(" " + all))
        // 80 columns cut them, with an ellipsis, at the terminal's edge.
        let narrow = try tagsLine(columns: 80)
        #expect(narrow.hasSuffix("…") && narrow.count == 80, "\(narrow)")
        #expect(session.handle(entry: ":fan 1 2").errors == [":fan takes one fan id, e.g. :fan 42; got '1 2'"])
    }

    @Test func theBannerNamesStoreCreatorAndClock() throws {
        let fixture = try ReplFixture()
        let session = try fixture.session()
        #expect(session.workspace!.description(storePath: "crm.sqlite")
                == "store crm.sqlite, creator creator_a, now \(ReplFixture.now) (fixed; :now clock follows the system clock)")
    }

    @Test func fanOfAMissingFanIsAnError() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let missing = try #require(fixture.scalar("SELECT max(id) + 1 FROM fan_profiles").int64)
        #expect(session.handle(entry: ":fan \(missing)") == ReplSession.Response(errors: ["creator creator_a has no fan \(missing)"]))
        #expect(session.handle(entry: ":fan ethan") == ReplSession.Response(errors: [":fan takes a fan id, e.g. :fan 42"]))
    }

    @Test func whyTracesTheRuleForAFan() throws {
        let fixture = try ReplFixture()
        try fixture.deploy([fixture.rulesPath])
        var session = try fixture.session(rules: [fixture.rulesPath])
        let whale = try #require(fixture.fanIDs(where: "f.lifetime_spend_cents >= 50000").first)
        let minnow = try #require(fixture.fanIDs(where: "f.lifetime_spend_cents < 50000").first)

        let fires = session.handle(entry: ":why \"Tag whales\" \(whale)")
        // A schedule rule is evaluated at its latest slot before the session's clock, and says which.
        let header = try #require(fires.output.first)
        #expect(header.hasPrefix("rule \"Tag whales\" for fan \(whale), slot 2026-11-23T")
                && header.hasSuffix(" (the latest at or before \(ReplFixture.now))"), "\(fires)")
        #expect(fires.output.contains { $0.hasPrefix("✔ fan in whales") })
        #expect(fires.output.last == "→ fires")
        let quiet = session.handle(entry: ":why \"Tag whales\" \(minnow)")
        #expect(quiet.output.contains { $0.hasPrefix("✘ fan in whales") })
        #expect(quiet.output.last == "→ does not fire: the condition is false")
    }

    @Test func whyOfAnEventRuleNotesOnStderrThatNoEventIsGiven() throws {
        let fixture = try ReplFixture()
        let tips = try fixture.write("""
            rule "Thank tippers" {
              on transaction.tip
              when event.amount >= $20
              then { tag "tipper" }
            }
            """, to: "tips.rules")
        var session = try fixture.session(rules: [tips])
        let fan = try #require(fixture.fanIDs(where: "1").first)
        let response = session.handle(entry: ":why \"Thank tippers\" \(fan)")
        #expect(response.errors.count == 1 && response.errors[0].contains("every event.* field of transaction.tip is null"),
                "\(response.errors)")
        #expect(response.output.first == "rule \"Thank tippers\" for fan \(fan), now \(ReplFixture.now)")
        // Only loaded, not deployed: `run` knows nothing of it, and the verdict says so.
        #expect(response.output.last == "→ does not fire: the rule is not deployed in this store, so run does not run it (the condition is false)")
    }

    @Test func whyOfAnUnknownRuleOrFanIsAnError() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session(rules: [fixture.rulesPath])
        #expect(session.handle(entry: ":why \"Tag whale\" 1").errors
                == ["no rule named \"Tag whale\" in the session's program. Did you mean \"Tag whales\"?"])
        let missing = try #require(fixture.scalar("SELECT max(id) + 1 FROM fan_profiles").int64)
        #expect(session.handle(entry: ":why \"Tag whales\" \(missing)").errors == ["creator creator_a has no fan \(missing)"])
        #expect(session.handle(entry: ":why Tag whales").errors.first?.hasPrefix(":why takes a rule name and a fan id") == true)
    }

    @Test func loadMakesAFilesSegmentsAndConstantsUsable() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        #expect(session.handle(entry: "fan in whales").errors.contains { $0.contains("error[") }, "not known before :load")
        let loaded = session.handle(entry: ":load \(fixture.rulesPath)")
        #expect(loaded.output == ["loaded 1 file; the session now knows 1 segments, 1 constants, 1 rules"], "\(loaded)")
        let whales = try fixture.count(where: "f.lifetime_spend_cents >= 50000")
        #expect(MatchLine(session.handle(entry: "fan in whales").output[0])?.count == whales)
        #expect(MatchLine(session.handle(entry: "fan.lifetime_spend >= whale_min").output[0])?.count == whales)
    }

    @Test func loadOfAFileWithErrorsIsRefusedAndTheProgramUnchanged() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session(rules: [fixture.rulesPath])
        let broken = try fixture.write("""
            segment tippers { count(fan.transactions where kind == "tipp") > 0 }
            segment whales { true }
            """, to: "broken.rules")
        let response = session.handle(entry: ":load \(broken)")
        #expect(response.output.isEmpty)
        #expect(response.errors.contains { $0.contains("broken.rules:1:") && $0.contains("error[") }, "\(response.errors)")
        #expect(response.errors.contains { $0.contains("broken.rules:2:") }, "the duplicate segment name too")
        #expect(session.handle(entry: "fan in tippers").errors.contains { $0.contains("error[") }, "nothing of the file was kept")
        #expect(MatchLine(session.handle(entry: "fan in whales").output[0])?.count
                == (try fixture.count(where: "f.lifetime_spend_cents >= 50000")), "whales is still the original")
        #expect(session.handle(entry: ":load \(fixture.folder.path)/nowhere.rules").errors.count == 1)
    }

    @Test func schemaListsACollectionsFieldsAndTheirColumns() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let output = session.handle(entry: ":schema transactions").output
        #expect(output.first?.hasPrefix("fan.transactions: ") == true && output.first?.hasSuffix("(table fan_transactions)") == true)
        #expect(output[1].split(separator: " ") == ["field", "type", "column"])
        let columns = Set(try fixture.store.database.rows("SELECT name FROM pragma_table_info('fan_transactions')").map { $0[0].string! })
        let listed = output.dropFirst(2).map { String($0.split(separator: " ").last!) }
        #expect(Set(listed) == ["kind", "amount_cents", "platform", "occurred_at"], "LANGUAGE.md §5")
        #expect(Set(listed).isSubset(of: columns), "every column exists in the store")
        #expect(output.contains { $0.hasPrefix("  occurred_at (within)") })
        #expect(session.handle(entry: ":schema fan.transaction") == ReplSession.Response(errors: ["no collection named fan.transaction; did you mean fan.transactions?"]))
    }

    @Test func nowMovesTheClockConditionsAreEvaluatedAt() throws {
        let fixture = try ReplFixture()
        var session = try fixture.session()
        let recent = "f.last_active_at BETWEEN ? - 30 * 86400 AND ?"
        let atSeed = try fixture.count(where: recent, [.integer(ReplFixture.nowSeconds), .integer(ReplFixture.nowSeconds)])
        #expect(MatchLine(session.handle(entry: "fan.last_active_at within 30d").output[0])?.count == atSeed)

        #expect(session.handle(entry: ":now 2026-08-01T00:00:00Z").output == ["now is 2026-08-01T00:00:00Z"])
        let august: Int64 = 1_785_542_400
        let atAugust = try fixture.count(where: recent, [.integer(august), .integer(august)])
        #expect(atAugust != atSeed, "the seed's activity differs between the two months")
        #expect(MatchLine(session.handle(entry: "fan.last_active_at within 30d").output[0])?.count == atAugust)

        #expect(session.handle(entry: ":now yesterday").errors.first?.hasPrefix(":now takes an ISO 8601 date or time") == true)
        #expect(session.handle(entry: ":now").output.first?.hasPrefix("now follows the clock (") == true)
    }
}
