import Foundation
@testable import Runtime
import Store
import Syntax
import Testing

@Suite struct IsolationTests {
    static let hostile = "'); DROP TABLE fan_profiles; --"

    @Test func twoCreatorsInOneFileNeverTouchEachOther() throws {
        let seeded = try SeededStore(users: ["creator_a", "creator_b"])
        try seeded.deploy(Programs.tipper(), user: "creator_a")
        try seeded.deploy(Programs.tipper(minimum: "$99"), user: "creator_b")
        // The same names live side by side, one row per creator.
        #expect(try seeded.ruleRow("Thank big tippers", user: "creator_a").id != seeded.ruleRow("Thank big tippers", user: "creator_b").id)
        _ = try RuleSwitch.pause("Thank big tippers", in: seeded.creator("creator_a"), now: SeededStore.now)
        #expect(try seeded.ruleRow("Thank big tippers", user: "creator_b").status == "active")

        let programB = try seeded.deployed("creator_b")
        #expect(programB.program.constants["big"]?.value.description == "$99")
        #expect(programB.rules.allSatisfy { $0.id == (try? seeded.ruleRow($0.name, user: "creator_b").id) })

        // A fan of creator_a is unknown to creator_b: preparing or executing for it fails and writes nothing.
        let fanA = try seeded.fanIDs("creator_a", limit: 1)[0]
        #expect(throws: RuntimeError.unknownFan(fanA)) {
            try seeded.prepare("Thank big tippers", action: 1, fan: fanA, user: "creator_b")
        }
        let forged = try seeded.prepare("Thank big tippers", action: 1, fan: try seeded.fanIDs("creator_b", limit: 1)[0], user: "creator_b")
        let stolen = PreparedAction(ruleID: forged.ruleID, runID: forged.runID, fanID: fanA, actionIndex: 1, actionType: "tag",
                                    params: forged.params, preview: forged.preview, afterSeconds: nil, requiresApproval: false)
        #expect(throws: RuntimeError.unknownFan(fanA)) {
            try EffectExecutor(store: seeded.creator("creator_b")).execute(stolen, now: SeededStore.now, hitlID: nil)
        }
        #expect(try seeded.actionRows("creator_b").isEmpty)

        // Cursors start at each creator's own end.
        let endA = try seeded.count("SELECT max(id) FROM fan_transactions WHERE user_id = :user", user: "creator_a")
        let endB = try seeded.count("SELECT max(id) FROM fan_transactions WHERE user_id = :user", user: "creator_b")
        #expect(endA != endB)
        #expect(try seeded.count("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = 'fan_transactions'", user: "creator_a") == endA)
        #expect(try seeded.count("SELECT last_id FROM automation_cursors WHERE user_id = :user AND source = 'fan_transactions'", user: "creator_b") == endB)
    }

    @Test func sqlMetacharactersInTheProgramAreInertAndRoundTrip() throws {
        let seeded = try SeededStore()
        let literal = "\"'); DROP TABLE fan_profiles; --\""
        let ruleName = "x'); DROP TABLE automation_rules; --"
        try seeded.deploy("""
            rule "\(ruleName)" {
              on fan.created
              when fan.display_name != \(literal)
              then {
                tag \(literal)
                note \(literal)
                send "custom_request_ack" with { request: \(literal) }
              }
            }
            """)
        #expect(try seeded.ruleRow(ruleName).status == "active")
        let fan = try seeded.fanIDs(limit: 1)[0]
        let name = try seeded.creator().scalar("SELECT display_name FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fan)]).string!
        let executor = EffectExecutor(store: seeded.creator())
        for index in 0..<3 {
            try executor.execute(try seeded.prepare(ruleName, action: index, fan: fan), now: SeededStore.now, hitlID: nil)
        }
        #expect(try seeded.store.database.tableExists("fan_profiles"))
        #expect(try seeded.store.database.tableExists("automation_rules"))
        #expect(try seeded.count("SELECT count(*) FROM fan_tag_values WHERE user_id = :user AND fan_id = ? AND tag = ?",
                                 [.integer(fan), .text(Self.hostile)]) == 1)
        #expect(try seeded.count("SELECT count(*) FROM fan_notes WHERE user_id = :user AND fan_id = ? AND body = ?",
                                 [.integer(fan), .text(Self.hostile)]) == 1)
        let body = try seeded.creator().scalar("SELECT body FROM fan_messages WHERE user_id = :user ORDER BY id DESC LIMIT 1").string
        #expect(body == "Got your request, \(name): \"\(Self.hostile)\". I'll get back to you with a price shortly.")
        // The params kept in the audit trail read back to the same string.
        let params = try seeded.creator().rows("SELECT params_json FROM automation_rule_actions WHERE user_id = :user ORDER BY id")
            .map { try JSONParser.parse($0[0].string!) }
        #expect(params[0]["tag"] == .string(Self.hostile))
        #expect(params[1]["text"] == .string(Self.hostile))
        #expect(params[2]["with"]?["request"] == .string(Self.hostile))
        // And the deployed program re-checks from the stored text.
        #expect(try seeded.deployed().rule(named: ruleName) != nil)
        #expect(try seeded.count("SELECT count(*) FROM fan_profiles WHERE user_id = :user") == 50)
    }

    @Test func jsonRoundTripsEveryStringTheRuntimeStores() throws {
        let values: [JSONValue] = [
            .string(Self.hostile), .string("quote \" backslash \\ newline \n tab \t nul-ish \u{1} emoji 😀 é"),
            .object([("b", .int(2)), ("a", .array([.null, .bool(true), .number(0.5), .int(-7)]))]),
        ]
        for value in values {
            #expect(try JSONParser.parse(value.serialized()) == value)
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"a\": }") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
    }
}
