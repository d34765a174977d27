/// The message templates every seeded creator has. Rules in `Rules/` and the
/// spec's examples refer to them by name, and `check --db` verifies their
/// `{{slots}}`, so names and slots here are part of what seeding promises.
enum SeedTemplates {
    struct Template {
        let name: String
        let tone: String
        let category: String
        let body: String
        /// A shorter variant per platform, where the platform limits length or style.
        let variants: [String: String]
    }

    static let all: [Template] = [
        Template(name: "welcome", tone: "warm", category: "onboarding",
                 body: "Hi {{fan_name}}, welcome! So happy you're here 💕 Tell me what you'd love to see.",
                 variants: ["x": "Welcome {{fan_name}}! 💕"]),
        Template(name: "tip_thanks", tone: "grateful", category: "transactional",
                 body: "{{fan_name}}, thank you so much for the {{amount}} tip! You made my day.",
                 variants: [:]),
        Template(name: "ppv_followup", tone: "playful", category: "sales",
                 body: "Hey {{fan_name}}, did you get a chance to open {{content_title}}? I think you'll love it.",
                 variants: [:]),
        Template(name: "renewal_reminder", tone: "warm", category: "retention",
                 body: "Hi {{fan_name}}, your subscription renews on {{renewal_date}}. Lots of new content coming!",
                 variants: [:]),
        Template(name: "we_miss_you", tone: "warm", category: "retention",
                 body: "{{fan_name}}, it's been a while! I miss chatting with you. Anything you'd like to see next?",
                 variants: [:]),
        Template(name: "winback_offer", tone: "playful", category: "retention",
                 body: "{{fan_name}}, come back for {{discount}}% off your first month. I saved something for you 😘",
                 variants: ["onlyfans": "{{discount}}% off to come back, {{fan_name}} 😘"]),
        Template(name: "vip_welcome", tone: "grateful", category: "vip",
                 body: "{{fan_name}}, you're officially one of my VIPs 👑 Expect early access and a few surprises.",
                 variants: [:]),
        Template(name: "custom_request_ack", tone: "professional", category: "transactional",
                 body: "Got your request, {{fan_name}}: \"{{request}}\". I'll get back to you with a price shortly.",
                 variants: [:]),
        Template(name: "reengage", tone: "playful", category: "retention",
                 body: "Hey {{fan_name}} 👋 just dropped something new I think you'd like.",
                 variants: [:]),
        Template(name: "birthday", tone: "warm", category: "personal",
                 body: "Happy birthday {{fan_name}}! 🎂 Here's a little gift from me: {{gift}}",
                 variants: [:]),
        Template(name: "vip_dm_reply", tone: "warm", category: "vip",
                 body: "Thanks for the message {{fan_name}}! Always love hearing from you. {{reply}}",
                 variants: [:]),
        Template(name: "segment_exit_checkin", tone: "warm", category: "retention",
                 body: "Hi {{fan_name}}, just checking in. Is everything okay? Let me know if I can make things better.",
                 variants: [:]),
    ]

    /// The slot names in a body, in order of first appearance (`{{fan_name}}` → `fan_name`).
    static func slots(in body: String) -> [String] {
        var result: [String] = []
        var rest = body[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            if !result.contains(name) { result.append(name) }
            rest = rest[close.upperBound...]
        }
        return result
    }
}

extension SeedTemplates {
    /// Fills a template's slots the way a sent message would read.
    static func render(_ body: String, fanName: String, amountCents: Int64) -> String {
        let values = [
            "fan_name": fanName, "amount": "$\(amountCents / 100)", "discount": "30", "content_title": "the new set",
            "renewal_date": "Friday", "request": "a custom video", "gift": "a free set", "reply": "Talk soon 💕",
        ]
        var text = body
        for slot in slots(in: body) { text = text.replacingOccurrences(of: "{{\(slot)}}", with: values[slot] ?? "") }
        return text
    }
}
