import Foundation
import Planning
@testable import Runtime
import Store
import Syntax
import Testing

@Suite struct EffectTests {
    /// A fan of creator_a with at least one memory, and their name.
    func fanWithMemories(_ seeded: SeededStore) throws -> (id: Int64, name: String, memories: Int64) {
        let row = try seeded.creator().rows("""
            SELECT f.id, f.display_name, count(*) FROM fan_profiles f JOIN fan_memories m ON m.fan_id = f.id AND m.user_id = :user
            WHERE f.user_id = :user GROUP BY f.id ORDER BY f.id LIMIT 1
            """).first!
        return (row[0].int64!, row[1].string!, row[2].int64!)
    }

    @Test func sendRendersTheTemplateAndAttachesMemories() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let fan = try fanWithMemories(seeded)
        let account = try seeded.creator().rows(
            "SELECT id, platform FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? LIMIT 1", [.integer(fan.id)]).first!
        let action = try seeded.prepare("Thank big tippers", action: 0, fan: fan.id,
                                        event: ["amount": .money(2_000), "platform": .string(account[1].string!),
                                                "account_id": .int(account[0].int64!)])
        let expected = "\(fan.name), thank you so much for the $20 tip! You made my day."
        #expect(action.preview == expected)
        #expect(action.params["with"]?["amount"] == .string("$20"))
        #expect(action.params["account_id"] == .int(Int(account[0].int64!)))
        #expect(!action.requiresApproval && action.afterSeconds == nil)

        let messagesBefore = try seeded.count("SELECT count(*) FROM fan_messages WHERE user_id = :user")
        let result = try EffectExecutor(store: seeded.creator()).execute(action, now: SeededStore.now, hitlID: nil)
        #expect(result.tagEvents.isEmpty)
        #expect(try seeded.count("SELECT count(*) FROM fan_messages WHERE user_id = :user") == messagesBefore + 1)
        let message = try seeded.creator().rows("""
            SELECT body, direction, status, template_id, rule_id, memories_json, account_id, platform FROM fan_messages
            WHERE user_id = :user ORDER BY id DESC LIMIT 1
            """).first!
        #expect(message[0] == .text(expected))
        #expect(message[1] == .text("outbound") && message[2] == .text("draft"))
        #expect(message[3] == (try seeded.creator().scalar("SELECT id FROM message_templates WHERE user_id = :user AND name = 'tip_thanks'")))
        #expect(message[4] == .integer(action.ruleID))
        #expect(message[6] == account[0] && message[7] == account[1])
        guard case .array(let memories) = try JSONParser.parse(message[5].string!) else { Issue.record("memories_json is not an array"); return }
        #expect(Int64(memories.count) == fan.memories)
        let first = try seeded.creator().rows("SELECT kind, key, value FROM fan_memories WHERE user_id = :user AND fan_id = ? ORDER BY id LIMIT 1",
                                              [.integer(fan.id)]).first!
        let expectedMemory = JSONValue.object([("kind", .string(first[0].string!)), ("key", .string(first[1].string!)),
                                               ("value", .string(first[2].string!))])
        #expect(memories.first == expectedMemory)
        #expect(try seeded.actionRows().map(\.outcome) == ["executed"])
    }

    @Test func withoutAPlatformTheFansMostRecentAccountIsUsed() throws {
        let seeded = try SeededStore()
        try seeded.deploy("rule \"Hello\" { on fan.created then { send \"welcome\" } }")
        let fan = try seeded.fanIDs(limit: 1)[0]
        let action = try seeded.prepare("Hello", action: 0, fan: fan)
        #expect(action.params["platform"] == nil)
        try EffectExecutor(store: seeded.creator()).execute(action, now: SeededStore.now, hitlID: nil)
        let latest = try seeded.creator().rows("""
            SELECT id, platform FROM fan_platform_accounts WHERE user_id = :user AND fan_id = ? ORDER BY linked_at DESC, id DESC LIMIT 1
            """, [.integer(fan)]).first!
        let sent = try seeded.creator().rows("SELECT account_id, platform FROM fan_messages WHERE user_id = :user ORDER BY id DESC LIMIT 1").first!
        #expect(sent == latest)
    }

    @Test func aTemplateDeletedBeforeExecutionFailsTheAction() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let fan = try seeded.fanIDs(limit: 1)[0]
        let action = try seeded.prepare("Thank big tippers", action: 0, fan: fan, event: ["amount": .money(1_999)])
        #expect(action.params["with"]?["amount"] == .string("$19.99"))
        try seeded.creator().execute("DELETE FROM message_templates WHERE user_id = :user AND name = 'tip_thanks'")
        let before = try seeded.count("SELECT count(*) FROM fan_messages WHERE user_id = :user")
        try EffectExecutor(store: seeded.creator()).execute(action, now: SeededStore.now, hitlID: nil)
        #expect(try seeded.count("SELECT count(*) FROM fan_messages WHERE user_id = :user") == before)
        let row = try #require(try seeded.actionRows().first)
        #expect(row.outcome == "failed")
        #expect(row.reason == "template \"tip_thanks\" not found")
    }

    @Test func taggingTwiceWritesOneRowAndRaisesOneEvent() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let fan = try seeded.count("""
            SELECT min(id) FROM fan_profiles f WHERE user_id = :user
            AND NOT EXISTS (SELECT 1 FROM fan_tag_values t WHERE t.user_id = :user AND t.fan_id = f.id AND t.tag = 'big_tipper')
            """)
        let executor = EffectExecutor(store: seeded.creator())
        let first = try executor.execute(try seeded.prepare("Thank big tippers", action: 1, fan: fan), now: SeededStore.now, hitlID: nil)
        let second = try executor.execute(try seeded.prepare("Thank big tippers", action: 1, fan: fan), now: SeededStore.now, hitlID: nil)
        let rows = try seeded.creator().rows("SELECT id, source FROM fan_tag_values WHERE user_id = :user AND fan_id = ? AND tag = 'big_tipper'",
                                             [.integer(fan)])
        #expect(rows.count == 1)
        #expect(first.tagEvents == [rows[0][0].int64!])
        #expect(second.tagEvents.isEmpty)
        #expect(rows[0][1] == .text("rule"))
        #expect(try seeded.actionRows().map(\.reason) == [nil, "already tagged"])
    }

    @Test func untagRemovesAndNoteWritesARow() throws {
        let seeded = try SeededStore()
        try seeded.deploy("""
            rule "Cleanup" {
              on fan.created
              then {
                tag "temp"
                untag "temp"
                note "checked by a rule"
              }
            }
            """)
        let fan = try seeded.fanIDs(limit: 1)[0]
        let executor = EffectExecutor(store: seeded.creator())
        for index in 0..<3 {
            try executor.execute(try seeded.prepare("Cleanup", action: index, fan: fan), now: SeededStore.now, hitlID: nil)
        }
        #expect(try seeded.count("SELECT count(*) FROM fan_tag_values WHERE user_id = :user AND fan_id = ? AND tag = 'temp'", [.integer(fan)]) == 0)
        let note = try seeded.creator().rows("SELECT body, author, created_at FROM fan_notes WHERE user_id = :user AND fan_id = ? ORDER BY id DESC LIMIT 1",
                                             [.integer(fan)]).first!
        #expect(note == [.text("checked by a rule"), .text("rule"), .integer(SeededStore.now)])
        // Untagging a tag that is not there does nothing and says so.
        try executor.execute(try seeded.prepare("Cleanup", action: 1, fan: fan), now: SeededStore.now, hitlID: nil)
        #expect(try seeded.actionRows().map(\.reason) == [nil, nil, nil, "not tagged"])
    }

    @Test func anActionsRowIsWrittenOncePerRunFanAndIndex() throws {
        let seeded = try SeededStore()
        try seeded.deploy(Programs.tipper())
        let action = try seeded.prepare("Thank big tippers", action: 1, fan: try seeded.fanIDs(limit: 1)[0])
        let executor = EffectExecutor(store: seeded.creator())
        try executor.execute(action, now: SeededStore.now, hitlID: nil)
        #expect(throws: SQLiteError.self) { try executor.record(action, outcome: "skipped", reason: "again", hitlID: nil, at: SeededStore.now) }
    }

    @Test func templateRendering() {
        let renderer = TemplateRenderer(slots: ["fan_name": "Ana", "amount": "$20"])
        #expect(renderer.render("{{fan_name}}, thanks for {{ amount }}!") == "Ana, thanks for $20!")
        #expect(renderer.render("Hi {{fan_name}} {{unknown}} {{ also_unknown }}") == "Hi Ana {{unknown}} {{ also_unknown }}")
        #expect(renderer.render("broken {{fan_name") == "broken {{fan_name")
        #expect(renderer.render("no slots") == "no slots")
        // A value that looks like a slot is not expanded again.
        #expect(TemplateRenderer(slots: ["a": "{{b}}", "b": "x"]).render("{{a}}") == "{{b}}")
    }

    @Test func valuesArePrintedForPeople() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(ValueText.display(.money(2_000), currency: "USD", zone: utc) == "$20")
        #expect(ValueText.display(.money(1_999), currency: "USD", zone: utc) == "$19.99")
        #expect(ValueText.display(.money(-505), currency: "EUR", zone: utc) == "-€5.05")
        #expect(ValueText.display(.money(1_000), currency: "CHF", zone: utc) == "10.00 CHF")
        #expect(ValueText.display(.string("plain \"text\""), currency: "USD", zone: utc) == "plain \"text\"")
        #expect(ValueText.display(.number(0.75), currency: "USD", zone: utc) == "0.75")
        #expect(ValueText.display(.number(3), currency: "USD", zone: utc) == "3")
        #expect(ValueText.display(.int(30), currency: "USD", zone: utc) == "30")
        #expect(ValueText.display(.duration(2 * 86_400), currency: "USD", zone: utc) == "2 days")
        #expect(ValueText.display(.duration(3_600), currency: "USD", zone: utc) == "1 hour")
        #expect(ValueText.display(.timestamp(1_795_478_400), currency: "USD", zone: utc) == "2026-11-24")
        #expect(ValueText.display(.timestamp(1_795_478_400), currency: "USD", zone: TimeZone(identifier: "America/New_York")!) == "2026-11-23")
        #expect(ValueText.display(.list([.string("a"), .string("b")]), currency: "USD", zone: utc) == "a, b")
        #expect(ValueText.display(.null, currency: "USD", zone: utc) == "")
    }
}
