import Foundation
import Planning
@testable import Runtime
import Store
import Syntax
import Testing

@Suite struct DeployTests {
    @Test func firstDeployInsertsSegmentsAndRules() throws {
        let seeded = try SeededStore()
        let report = try seeded.deploy(Programs.tipper())
        #expect(report.isFirstDeploy)
        #expect(report.segmentsAdded == ["whales"])
        #expect(report.rulesAdded == ["Thank big tippers", "Daily whale check"])
        let rule = try seeded.ruleRow("Thank big tippers")
        #expect(rule.status == "active" && rule.version == 1)
        let row = try seeded.creator().rows(
            "SELECT trigger, priority, source, plan_json FROM automation_rules WHERE user_id = :user AND name = ?",
            [.text("Thank big tippers")]).first!
        #expect(row[0] == .text("transaction.tip"))
        #expect(row[1] == .integer(10))
        #expect(row[2].string?.hasPrefix("rule \"Thank big tippers\" {") == true)
        #expect(row[2].string?.hasSuffix("}") == true)
        let plan = try JSONParser.parse(row[3].string!)
        #expect(plan["cooldown_seconds"] == .int(86_400))
        guard case .array(let actions)? = plan["actions"] else { Issue.record("no actions in plan_json"); return }
        #expect(actions.count == 2)
        #expect(actions[0]["with"]?["amount"] == .string("event.amount"))
        let schedule = try seeded.creator().rows("SELECT trigger FROM automation_rules WHERE user_id = :user AND name = ?",
                                                 [.text("Daily whale check")]).first!
        #expect(schedule[0] == .text("schedule daily at 09:00"))
        let segment = try seeded.creator().rows(
            "SELECT display_name, definition, plan_json FROM fan_segments WHERE user_id = :user AND name = 'whales'").first!
        #expect(segment[0] == .text("Top spenders"))
        #expect(segment[1].string?.hasPrefix("segment whales") == true)
        #expect(try JSONParser.parse(segment[2].string!)["sql"]?.string?.contains("lifetime_spend_cents") == true)
    }

    @Test func unchangedRedeployKeepsVersionsAndChangedLetBumpsThem() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let again = try seeded.deploy(Programs.tipper())
        #expect(!again.isFirstDeploy)
        #expect(again.rulesUnchanged == ["Thank big tippers", "Daily whale check"])
        #expect(again.segmentsUnchanged == ["whales"])
        #expect(try seeded.ruleRow("Thank big tippers").version == 1)

        let edited = try seeded.deploy(Programs.tipper(minimum: "$25"))
        #expect(edited.rulesChanged == ["Thank big tippers"])
        #expect(edited.rulesUnchanged == ["Daily whale check"])
        #expect(try seeded.ruleRow("Thank big tippers").version == 2)
        #expect(try seeded.ruleRow("Daily whale check").version == 1)
        #expect(try seeded.count("SELECT count(*) FROM automation_programs WHERE user_id = :user") == 3)
    }

    @Test func aLetUsedOnlyInAWithValueStillBumpsTheVersion() throws {
        let seeded = try SeededStore()
        let program = { (discount: Int) in
            """
            let discount = \(discount)
            rule "Win back" {
              on subscription.cancelled
              limit 1 per fan per 90d
              then { send "winback_offer" with { discount: discount } }
            }
            """
        }
        try seeded.deploy(program(30))
        try seeded.deploy(program(40))
        #expect(try seeded.ruleRow("Win back").version == 2)
    }

    @Test func editingASegmentBumpsTheRulesThatUseIt() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let report = try seeded.deploy(Programs.tipper().replacingOccurrences(of: ">= $500", with: ">= $600"))
        #expect(report.segmentsChanged == ["whales"])
        #expect(report.rulesChanged == ["Daily whale check"])
        #expect(try seeded.ruleRow("Daily whale check").version == 2)
    }

    @Test func aRuleTheSourceDoesNotMentionIsKeptRunning() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        // Deploying another file alone pauses nothing: the deployed rules stay in the program as they were.
        let report = try seeded.deploy(#"rule "Greet" { on fan.created then { tag "new" } }"#)
        #expect(report.rulesAdded == ["Greet"])
        #expect(report.rulesKept == ["Daily whale check", "Thank big tippers"])
        #expect(report.plan.kept.allSatisfy { $0.status == "active" && $0.inProgram })
        #expect(report.rulesPruned.isEmpty && report.rulesChanged.isEmpty)
        #expect(try seeded.ruleRow("Daily whale check").status == "active")
        let deployed = try #require(try DeployedProgram.load(from: seeded.creator()))
        #expect(deployed.rules.map(\.name).sorted() == ["Daily whale check", "Greet", "Thank big tippers"])
        #expect(deployed.rules.allSatisfy { $0.isActive })
        // The full program again: nothing changes, nothing is turned back on behind the user's back.
        let full = try seeded.deploy(Programs.tipper())
        #expect(full.rulesUnchanged == ["Thank big tippers", "Daily whale check"])
        #expect(full.rulesKept == ["Greet"])
    }

    @Test func pruneTakesUnmentionedRulesOutAndAPrunedRuleComesBackPaused() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let withoutSchedule = Programs.tipper().components(separatedBy: "rule \"Daily whale check\"")[0]
        let report = try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "rules.rules", text: withoutSchedule)],
                                         to: seeded.creator(), now: SeededStore.now, prune: true)
        #expect(report.rulesPruned == ["Daily whale check"])
        #expect(report.rulesKept.isEmpty)
        let pruned = try seeded.ruleRow("Daily whale check")
        #expect(pruned.status == "paused" && pruned.pausedBy == "removed")
        #expect(try DeployedProgram.load(from: seeded.creator())?.rule(named: "Daily whale check") == nil)
        #expect(throws: RuleSwitch.Failure.notInProgram("Daily whale check")) {
            try RuleSwitch.resume("Daily whale check", in: seeded.creator(), now: SeededStore.now)
        }
        // Back in the source, it stays paused (the plan says so) until a resume.
        let back = try seeded.deploy(Programs.tipper())
        #expect(back.plan.staysPaused == ["Daily whale check"])
        #expect(try seeded.ruleRow("Daily whale check").status == "paused")
        _ = try RuleSwitch.resume("Daily whale check", in: seeded.creator(), now: SeededStore.now)
        #expect(try seeded.ruleRow("Daily whale check").status == "active")
        #expect(try seeded.deploy(Programs.tipper()).plan.staysPaused.isEmpty)
        #expect(try seeded.ruleRow("Daily whale check").status == "active")
    }

    @Test func aDryRunPlansAndWritesNothing() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let snapshot = {
            try ["automation_rules", "automation_programs", "fan_segments", "automation_cursors", "automation_schedule_state"].map {
                try seeded.creator().rows("SELECT * FROM \($0) WHERE user_id = :user ORDER BY id")
            }
        }
        let before = try snapshot()
        let report = try Deployer.deploy(files: [SourceFile(id: FileID(0), path: "rules.rules", text: Programs.tipper(minimum: "$25"))],
                                         to: seeded.creator(), now: SeededStore.now + 60, prune: true, dryRun: true)
        #expect(report.plan.isDryRun && report.programID == 0)
        #expect(report.plan.changed == [DeployPlan.Change(kind: .rule, name: "Thank big tippers", what: ["constants", "version"],
                                                          version: (1, 2))])
        #expect(try snapshot() == before)
    }

    @Test func thePlanSaysWhatChanged() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let edited = Programs.tipper()
            .replacingOccurrences(of: "cooldown 1d", with: "cooldown 2d")
            .replacingOccurrences(of: "tag \"big_tipper\"\n", with: "tag \"big_tipper\"\n    note \"tipped big\"\n")
            .replacingOccurrences(of: ">= $500", with: ">= $600")
        let report = try seeded.deploy(edited + "\nrule \"Quiet\" {\n  on fan.created\n  paused\n  then { tag \"q\" }\n}\n")
        let what = Dictionary(uniqueKeysWithValues: report.plan.changed.map { ("\($0.kind) \($0.name)", $0.what) })
        #expect(what["rule Thank big tippers"] == ["actions", "clauses", "version"])
        #expect(what["rule Daily whale check"] == ["condition", "version"])
        #expect(what["segment whales"] == ["condition"])
        #expect(report.plan.addedPaused == ["Quiet"])
        let json = report.json.serialized()
        #expect(json.hasPrefix(#"{"added":["Quiet"],"changed":[{"name":"whales","what":["condition"]},"#))
        #expect(json.hasSuffix(#""unchanged":[],"pruned":[],"kept":[]}"#))
        // Pausing in the source is a change; removing `paused` resumes.
        let pausing = try seeded.deploy(edited.replacingOccurrences(of: "  priority 10\n", with: "  priority 10\n  paused\n"))
        #expect(pausing.plan.changed.first { $0.name == "Thank big tippers" }?.what == ["paused"])
        let resuming = try seeded.deploy(edited)
        #expect(resuming.plan.changed.first { $0.name == "Thank big tippers" }?.what == ["resumed"])
    }

    @Test func keptDeclarationsThatNoLongerCheckRefuseTheDeploy() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        // `whales` becomes a constant: the kept schedule rule uses it as a segment.
        do {
            try seeded.deploy("let whales = 3\nlet big = $20\nrule \"Thank big tippers\" { on transaction.tip then { tag \"t\" } }")
            Issue.record("deployed a program whose kept rule no longer checks")
        } catch DeployError.keptDeclarationsHaveErrors(let diagnostics, let files) {
            #expect(!diagnostics.isEmpty && files.count == 2)
        }
        #expect(try seeded.count("SELECT count(*) FROM automation_programs WHERE user_id = :user") == 1)
    }

    @Test func pausedInTheSourceDeploysPausedAndLiftsWhenRemoved() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.pausedRule)
        #expect(try seeded.ruleRow("Quiet").status == "paused")
        try seeded.deploy(Programs.pausedRule.replacingOccurrences(of: "  paused\n", with: ""))
        #expect(try seeded.ruleRow("Quiet").status == "active")
    }

    @Test func pauseAndResumeSurviveARedeploy() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let change = try RuleSwitch.pause("Thank big tippers", in: seeded.creator(), now: SeededStore.now)
        #expect(change == RuleSwitch.Change(name: "Thank big tippers", before: "active", after: "paused"))
        try seeded.deploy(Programs.tipper(minimum: "$30"))
        #expect(try seeded.ruleRow("Thank big tippers").status == "paused")
        _ = try RuleSwitch.resume("Thank big tippers", in: seeded.creator(), now: SeededStore.now)
        try seeded.deploy(Programs.tipper(minimum: "$30"))
        #expect(try seeded.ruleRow("Thank big tippers").status == "active")
    }

    @Test func resumeRefusesARulePausedInItsSourceAndUnknownNames() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.pausedRule)
        #expect(throws: RuleSwitch.Failure.pausedInSource("Quiet")) {
            try RuleSwitch.resume("Quiet", in: seeded.creator(), now: SeededStore.now)
        }
        #expect(throws: RuleSwitch.Failure.unknownRule("Quite", known: ["Quiet"])) {
            try RuleSwitch.pause("Quite", in: seeded.creator(), now: SeededStore.now)
        }
    }

    @Test func aProgramWithErrorsChangesNothing() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let snapshot = { try seeded.creator().rows("SELECT name, version, status, plan_json FROM automation_rules WHERE user_id = :user ORDER BY id") }
        let before = try snapshot()
        let broken = Programs.tipper(minimum: "$25") + "\nrule \"Broken\" { on transaction.tipp then { tag \"x\" } }\n"
        do {
            try seeded.deploy(broken)
            Issue.record("a program with errors was deployed")
        } catch DeployError.programHasErrors(let diagnostics) {
            #expect(diagnostics.contains { $0.severity == .error })
        }
        // An unknown template is an error too: deploy checks against the creator's templates.
        #expect(throws: DeployError.self) {
            try seeded.deploy("rule \"T\" { on fan.created then { send \"no_such_template\" } }")
        }
        #expect(try snapshot() == before)
        #expect(try seeded.count("SELECT count(*) FROM automation_programs WHERE user_id = :user") == 1)
    }

    @Test func theFirstDeployStartsCursorsAtTheEndAndSchedulesAtTheirLatestSlot() throws {
        let seeded = try SeededStore()
        let now = SeededStore.now + 10 * 3_600 + 30 * 60  // 10:30 UTC on the seed day
        try seeded.deploy(Programs.tipper(), at: now)
        let cursors = try seeded.creator().rows("SELECT source, last_id FROM automation_cursors WHERE user_id = :user ORDER BY source")
        #expect(cursors.count == StoreEnums.eventSources.count)
        for cursor in cursors {
            let table = cursor[0].string!
            let end = try seeded.count("SELECT coalesce(max(id), 0) FROM \(table) WHERE user_id = :user")
            #expect(cursor[1].int64 == end, "\(table)")
        }
        #expect(try seeded.count("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = 'fan_transactions'") > 0)
        let zone = try CreatorProfile.load(from: seeded.creator()).zone
        let slot = try seeded.count("SELECT last_slot_at FROM automation_schedule_state WHERE user_id = :user")
        #expect(slot <= now && now - slot < 86_400)
        #expect(Time.hourOfDay(slot, zone: zone) == 9)

        // A later deploy leaves the cursors where the engine moved them.
        try seeded.creator().execute("UPDATE automation_cursors SET last_id = 1 WHERE user_id = :user AND source = 'fan_transactions'")
        try seeded.deploy(Programs.tipper(minimum: "$30"), at: now + 60)
        #expect(try seeded.count("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = 'fan_transactions'") == 1)
    }

    @Test func loadReturnsTheLatestProgramWithRowsAndPlans() throws {
        let seeded = try SeededStore()
        #expect(try DeployedProgram.load(from: seeded.creator()) == nil)
        try seeded.deploy(Programs.tipper())
        try seeded.deploy(Programs.tipper(minimum: "$25"))
        _ = try RuleSwitch.pause("Daily whale check", in: seeded.creator(), now: SeededStore.now)
        let deployed = try #require(try DeployedProgram.load(from: seeded.creator()))
        #expect(deployed.rules.map(\.name) == ["Thank big tippers", "Daily whale check"])
        let tipper = try #require(deployed.rule(named: "Thank big tippers"))
        #expect(tipper.version == 2 && tipper.isActive)
        #expect(tipper.schedulePlan == nil)
        #expect(tipper.eventPlan.sql.contains("f.id = ?"))
        let stored = try seeded.creator().scalar("SELECT plan_json FROM automation_rules WHERE user_id = :user AND id = ?", [.integer(tipper.id)])
        #expect(try JSONParser.parse(stored.string!)["constants"]?["big"] == .string("$25"))
        let daily = try #require(deployed.rule(named: "Daily whale check"))
        #expect(daily.status == "paused")
        #expect(daily.schedulePlan != nil)
        #expect(deployed.segmentIDs["whales"] == (try seeded.count("SELECT id FROM fan_segments WHERE user_id = :user AND name = 'whales'")))
    }

    @Test func initialScheduleSlots() {
        let utc = TimeZone(identifier: "UTC")!
        let tuesday = Int64(1_795_478_400)  // 2026-11-24T00:00:00Z, a Tuesday
        #expect(ScheduleSlots.latestSlot(of: .every(seconds: 3_600), atOrBefore: tuesday + 5_000, zone: utc) == tuesday + 3_600)
        #expect(ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 9 * 60), atOrBefore: tuesday + 8 * 3_600, zone: utc) == tuesday - 15 * 3_600)
        #expect(ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 9 * 60), atOrBefore: tuesday + 9 * 3_600, zone: utc) == tuesday + 9 * 3_600)
        #expect(ScheduleSlots.latestSlot(of: .weekly(weekday: 1, minuteOfDay: 9 * 60), atOrBefore: tuesday, zone: utc) == tuesday - 15 * 3_600)
        #expect(ScheduleSlots.latestSlot(of: .weekly(weekday: 2, minuteOfDay: 9 * 60), atOrBefore: tuesday + 8 * 3_600, zone: utc)
                == tuesday - 7 * 86_400 + 9 * 3_600)
        let newYork = TimeZone(identifier: "America/New_York")!
        // 2026-11-24 09:00 in New York (UTC-5) is 14:00Z.
        #expect(ScheduleSlots.latestSlot(of: .daily(minuteOfDay: 9 * 60), atOrBefore: tuesday + 15 * 3_600, zone: newYork) == tuesday + 14 * 3_600)
    }
}
