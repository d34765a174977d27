import Foundation
import Runtime
import Store
import Testing

/// Firing order, visibility, cooldown and limit, stale events, cascades,
/// delayed actions, dry runs and creator isolation, each over a small store
/// built by hand.
@Suite struct EngineFiringTests {
    typealias F = EngineFixture
    /// Tests that consume a few days of events at once keep them from going stale.
    static let keepOldEvents = EngineOptions(staleAfterSeconds: 30 * EngineFixture.day)

    @Test func higherPriorityRuleRunsFirstAndItsTagIsSeenByTheNext() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy("""
            rule "Second" { on transaction.tip when "big" in fan.tags then { note "saw big" } }
            rule "First" { on transaction.tip priority 10 then { tag "big" } }
            rule "Also second" { on transaction.tip when not ("big" in fan.tags) then { note "no big" } }
            """)
        try f.addTip(fan: fan, cents: 2_000, at: F.t0 + F.hour)
        let report = try f.run(at: F.t0 + 2 * F.hour)

        #expect(report.events == 1)
        let order = try f.creator().rows("""
            SELECT a.name, r.outcome FROM automation_rule_runs r JOIN automation_rules a ON a.id = r.rule_id
            WHERE r.user_id = :user ORDER BY r.id
            """).map { "\($0[0].string!) \($0[1].string!)" }
        // Priority first, then name: "Also second" < "Second"; both see First's tag.
        #expect(order == ["First matched", "Also second no_match", "Second matched"])
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'saw big'") == 1)
    }

    @Test func cooldownCountsThePersonAcrossPlatformAccounts() throws {
        let f = try F()
        try f.addCreator()
        let (fan, accounts) = try f.addFan("mia", platforms: ["onlyfans", "fansly"])
        try f.deploy(#"rule "Thanks" { on transaction.tip cooldown 1d then { note "thanks" } }"#)
        try f.addTip(fan: fan, account: accounts[0], cents: 500, at: F.t0 + F.hour)
        try f.addTip(fan: fan, account: accounts[1], cents: 500, at: F.t0 + 2 * F.hour)
        try f.addTip(fan: fan, account: accounts[0], cents: 500, at: F.t0 + F.day + F.hour)   // exactly 1d later: window (t−1d, t] excludes it
        _ = try f.run(at: F.t0 + 2 * F.day, Self.keepOldEvents)
        #expect(try f.actions(rule: "Thanks") == ["\(fan) executed note ", "\(fan) skipped note cooldown", "\(fan) executed note "])
        #expect(try f.count("SELECT count(*) FROM automation_rule_firings WHERE user_id = :user") == 2)
    }

    @Test func limitCountsThePersonAcrossPlatformAccountsInItsWindow() throws {
        let f = try F()
        try f.addCreator()
        let (fan, accounts) = try f.addFan("mia", platforms: ["onlyfans", "fansly"])
        let (other, _) = try f.addFan("noa")
        try f.deploy(#"rule "Capped" { on transaction.tip limit 2 per fan per 7d then { note "hi" } }"#)
        for (offset, account) in [(1, accounts[0]), (2, accounts[1]), (3, accounts[0])] {
            try f.addTip(fan: fan, account: account, cents: 100, at: F.t0 + Int64(offset) * F.hour)
        }
        try f.addTip(fan: other, cents: 100, at: F.t0 + 4 * F.hour)
        try f.addTip(fan: fan, account: accounts[1], cents: 100, at: F.t0 + 8 * F.day)
        _ = try f.run(at: F.t0 + 8 * F.day + F.hour, Self.keepOldEvents)
        #expect(try f.actions(rule: "Capped") == [
            "\(fan) executed note ", "\(fan) executed note ", "\(fan) skipped note limit",
            "\(other) executed note ", "\(fan) executed note ",
        ])
    }

    /// Many firings of one person in one batch: each counts once toward the
    /// limit, and only those over it are held back.
    @Test func aLimitCountsEachFiringOnceAcrossABatchsWrites() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Capped" { on transaction.tip limit 150 per fan then { note "hi" } }"#)
        for minute in 1...200 { try f.addTip(fan: fan, cents: 100, at: F.t0 + Int64(minute) * 60) }
        _ = try f.run(at: F.t0 + 4 * F.hour)
        let actions = try f.actions(rule: "Capped")
        #expect(actions.count == 200)
        #expect(actions.filter { $0.hasSuffix("executed note ") }.count == 150)
        #expect(Array(actions.suffix(50)) == Array(repeating: "\(fan) skipped note limit", count: 50))
        #expect(try f.count("SELECT count(*) FROM automation_rule_firings WHERE user_id = :user") == 150)
    }

    @Test func staleEventsAreRecordedAndFireNothingUnlessTheAgeAllowsThem() throws {
        for (staleAfter, expected) in [(EngineOptions.defaultStaleAfterSeconds, "stale"), (48 * F.hour, "matched")] {
            let f = try F()
            try f.addCreator()
            let (fan, _) = try f.addFan("mia")
            try f.deploy(#"rule "Thanks" { on transaction.tip then { note "thanks" } }"#)
            try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)
            let report = try f.run(at: F.t0 + 26 * F.hour, EngineOptions(staleAfterSeconds: staleAfter))
            #expect(try f.outcomes(rule: "Thanks") == [expected])
            #expect(report.events == 1)
            #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user") == (expected == "stale" ? 0 : 1))
        }
    }

    @Test func twoRulesTaggingEachOtherAreCutAtDepthEight() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy("""
            rule "Ping" { on tag.added "a" then { untag "b"  tag "b" } }
            rule "Pong" { on tag.added "b" then { untag "a"  tag "a" } }
            """)
        try f.addTag(fan: fan, tag: "a", at: F.t0 + F.hour)
        let report = try f.run(at: F.t0 + 2 * F.hour)
        // Depths 0…7 run (Ping at even depths, Pong at odd); the depth-8 event is cut.
        #expect(try f.outcomes(rule: "Ping") == ["matched", "matched", "matched", "matched", "cascade_limit"])
        #expect(try f.outcomes(rule: "Pong") == ["matched", "matched", "matched", "matched"])
        #expect(report.events == 1)
        #expect(report.cascadeEvents == 8)
        // The tag cursor ends past the rule-raised tags: nothing runs again.
        let again = try f.run(at: F.t0 + 3 * F.hour)
        #expect(again.events == 0 && again.runs == 0)
        let lastTag = try f.count("SELECT max(id) FROM fan_tag_values WHERE user_id = :user")
        #expect(try f.count("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = 'fan_tag_values'") == lastTag)
    }

    @Test func delayedActionRunsOnceWhenALaterRunReachesItsTime() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Later" { on transaction.tip then { note "later" after 2d } }"#)
        try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)
        let notes = "SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'later'"

        let first = try f.run(at: F.t0 + 2 * F.hour)
        #expect(first.actions == 0 && first.scheduled == 1)
        #expect(try f.count(notes) == 0)
        _ = try f.run(at: F.t0 + F.day)
        #expect(try f.count(notes) == 0)
        // The run that executes it counts and names it.
        let due = try f.run(at: F.t0 + 2 * F.day + F.hour)
        #expect(due.actions == 1 && due.delayedActions == 1 && due.scheduled == 0 && due.expiredDelayedActions == 0)
        #expect(due.rules["Later"]?.phrases == ["1 delayed note"])
        #expect(try f.count(notes) == 1)
        let after = try f.run(at: F.t0 + 3 * F.day)
        #expect(after.actions == 0 && after.delayedActions == 0)
        #expect(try f.count(notes) == 1)
        #expect(try f.actions(rule: "Later") == ["\(fan) executed note "])
    }

    @Test func aDelayedActionDueLongerAgoThanTheStaleAgeExpires() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Later" { on transaction.tip then { note "later" after 2d  tag "now" } }"#)
        try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)
        _ = try f.run(at: F.t0 + 2 * F.hour)
        // Due at t0 + 2d + 1h; the next run comes 8 days later: far past the 24h stale age.
        let late = try f.run(at: F.t0 + 10 * F.day)
        #expect(late.actions == 0 && late.delayedActions == 0 && late.expiredDelayedActions == 1 && late.errors == 0)
        #expect(late.rules["Later"]?.phrases == ["1 delayed note expired"])
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user AND body = 'later'") == 0)
        let row = try f.creator().rows("""
            SELECT outcome, reason FROM automation_rule_actions WHERE user_id = :user AND action_type = 'note'
            """)
        #expect(row.count == 1 && row[0][0] == .text("expired"))
        #expect(row[0][1].string == "due at 2026-03-03T01:00:00Z, more than the stale age (24h) before the run")
        #expect(try f.count("SELECT count(*) FROM automation_scheduled_actions WHERE user_id = :user AND status = 'pending'") == 0)
        #expect(late.summaryJSON.serialized()
                == #"{"events":0,"runs":0,"actions":0,"queued_for_approval":0,"errors":0,"delayed_actions":0,"scheduled":0,"expired":1}"#)
    }

    @Test func aLongerStaleAgeLetsALateDelayedActionRun() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Later" { on transaction.tip then { note "later" after 2d } }"#)
        try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)
        _ = try f.run(at: F.t0 + 2 * F.hour)
        let late = try f.run(at: F.t0 + 10 * F.day, EngineOptions(staleAfterSeconds: 9 * F.day))
        #expect(late.actions == 1 && late.delayedActions == 1 && late.expiredDelayedActions == 0)
    }

    @Test func dryRunWritesNothing() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy("""
            rule "Thanks" { on transaction.tip then { send "tip_thanks" with { amount: event.amount }  tag "tipper" } }
            rule "Tagged" { on tag.added "tipper" then { note "new tipper" } }
            rule "Gated" { on transaction.tip then { note "check" requires approval } }
            """)
        for i in 1...30 { try f.addTip(fan: fan, cents: 100 * Int64(i), at: F.t0 + Int64(i) * 60) }
        let before = try f.dump()
        let report = try f.run(at: F.t0 + F.hour, EngineOptions(batchSize: 7, dryRun: true))
        #expect(report.events == 30)
        #expect(report.actions > 0 && report.queuedForApproval == 30 && report.cascadeEvents == 1)
        #expect(try f.dump() == before)
        // The same run for real does what the dry run reported.
        let real = try f.run(at: F.t0 + F.hour, EngineOptions(batchSize: 7))
        #expect(real.summaryJSON == report.summaryJSON)
    }

    @Test func creatorsAreIsolated() throws {
        let f = try F()
        let program = #"rule "Thanks" { on transaction.tip then { note "thanks" } }"#
        var fans: [String: Int64] = [:]
        for user in ["creator_a", "creator_b"] {
            try f.addCreator(user)
            fans[user] = try f.addFan("mia", user: user).fan
            try f.deploy(program, user: user)
            try f.addTip(fan: fans[user]!, cents: 500, at: F.t0 + F.hour, user: user)
        }
        let report = try f.run(at: F.t0 + 2 * F.hour, user: "creator_a")
        #expect(report.events == 1)
        #expect(try f.count("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user", user: "creator_b") == 0)
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user", user: "creator_b") == 0)
        #expect(try f.actions(rule: "Thanks", user: "creator_a") == ["\(fans["creator_a"]!) executed note "])
        _ = try f.run(at: F.t0 + 2 * F.hour, user: "creator_b")
        #expect(try f.actions(rule: "Thanks", user: "creator_b") == ["\(fans["creator_b"]!) executed note "])
        #expect(try f.count("SELECT count(*) FROM automation_rule_runs WHERE user_id = :user", user: "creator_a") == 1)
    }
}
