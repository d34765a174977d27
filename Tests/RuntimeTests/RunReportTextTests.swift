@testable import Runtime
import Testing

/// What `rulec run` prints: counted nouns agree with their counts, and every
/// kind of action reads as English (RunReport.text, Plural).
@Suite struct RunReportTextTests {
    @Test func pluralsOfTheNounsSummariesUse() {
        #expect(Plural.noun(0, "event") == "0 events")
        #expect(Plural.noun(1, "event") == "1 event")
        #expect(Plural.noun(2, "custom request") == "2 custom requests")
        #expect(Plural.noun(1, "custom request") == "1 custom request")
        #expect(Plural.noun(3, "reply") == "3 replies")
        #expect(Plural.noun(2, "day") == "2 days")
        #expect(Plural.noun(2, "match") == "2 matches")
        #expect(Plural.noun(2, "person", "people") == "2 people")
    }

    @Test func aQuietRun() {
        #expect(RunReport().text(dryRun: false) == """
            0 events; 0 rule evaluations ran
            0 actions, 0 queued for approval, 0 errors
            """)
    }

    @Test func everyCountAndEveryKindOfAction() {
        var report = RunReport()
        report.events = 1
        report.staleEvents = 1
        report.cascadeEvents = 2
        report.runs = 1
        report.actions = 1
        report.delayedActions = 1
        report.scheduled = 63
        report.expiredDelayedActions = 1
        report.queuedForApproval = 15
        report.errors = 1
        report.expiredApprovals = 2
        report.rules["Follow up"] = .init(fired: 1, heldBack: 1, actions: [
            .init(.scheduled, "send"): 63, .init(.skipped, "send", reason: "limit"): 1, .init(.queuedForApproval, "send"): 15,
            .init(.executed, "tag"): 2, .init(.executed, "note"): 1, .init(.delayedExecuted, "send"): 30,
            .init(.expired, "untag"): 1, .init(.failed, "send"): 1,
        ])
        report.rules["Quiet"] = .init()
        #expect(report.text(dryRun: false) == """
            1 event (1 stale), plus 2 events raised by rules; 1 rule evaluation ran
            1 action (1 of them delayed), 63 actions delayed until later, 1 delayed action expired, 15 queued for approval, 1 error, 2 approvals expired
              "Follow up": fired 1 time, held back 1 time (cooldown or limit); 1 note, 2 tags, 30 delayed sends, 63 sends delayed, 15 sends queued for approval, 1 send skipped (limit), 1 delayed untag expired, 1 send failed
            """)
    }

    @Test func aDryRunSaysWhatWouldRun() {
        var report = RunReport()
        report.events = 4
        report.runs = 12
        report.actions = 5
        report.rules["Thanks"] = .init(fired: 2, heldBack: 0, actions: [.init(.executed, "send"): 1])
        #expect(report.text(dryRun: true) == """
            dry run: 4 events; 12 rule evaluations would run
            5 actions, 0 queued for approval, 0 errors
              "Thanks": fired 2 times; 1 send
            """)
    }

    @Test func aRuleThatOnlyRanDelayedActions() {
        var report = RunReport()
        report.actions = 2
        report.delayedActions = 2
        report.rules["Later"] = .init(fired: 0, heldBack: 0, actions: [.init(.delayedExecuted, "note"): 2])
        #expect(report.text(dryRun: false).hasSuffix("\n  \"Later\": 2 delayed notes"))
        #expect(report.rules["Later"]?.actions.keys.first?.description == "delayed notes")
    }
}

extension RunReportTextTests {
    @Test func aPassThatOnlyRanDelayedActionsDidSomething() {
        var report = RunReport()
        #expect(!report.didSomething)
        report.actions = 1
        report.delayedActions = 1
        #expect(report.didSomething)
        var expired = RunReport()
        expired.expiredDelayedActions = 1
        #expect(expired.didSomething)
    }
}
