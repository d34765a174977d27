/// The benchmark's program: 50 rules in the shapes creators write, over every
/// event trigger and a few schedules, with the seeded templates, segments,
/// cooldowns, limits, delays, approvals and tag cascades.
enum RunBenchmarkProgram {
    static func text() -> String {
        var rules: [String] = []
        for variant in 0..<2 {
            for (index, shape) in shapes.enumerated() {
                rules.append(shape(variant, "\(index)_\(variant)"))
            }
        }
        return (segments + rules.prefix(50)).joined(separator: "\n")
    }

    static let segments = [
        #"segment whales "Top spenders" { fan.lifetime_spend >= $500 }"#,
        #"segment at_risk { fan.score.churn_risk >= 0.7 and fan.is_subscribed }"#,
        #"segment chatty { count(fan.messages within 7d where direction == "inbound") >= 3 }"#,
    ]

    typealias Shape = @Sendable (_ variant: Int, _ id: String) -> String

    static let shapes: [Shape] = [
        { v, id in #"rule "Thank tippers \#(id)" { on transaction.tip when event.amount >= $\#(10 + 10 * v) cooldown 1d then { send "tip_thanks" with { amount: event.amount } } }"# },
        { v, id in #"rule "Tag big tippers \#(id)" { on transaction.tip when event.amount >= $\#(40 + 20 * v) priority 5 then { tag "big_tipper_\#(v)" } }"# },
        { v, id in #"rule "Big tipper noted \#(id)" { on tag.added "big_tipper_\#(v)" then { note "tipped big" } }"# },
        { v, id in #"rule "PPV follow-up \#(id)" { on transaction.ppv when event.platform in ["onlyfans", "fansly"] limit 2 per fan per 7d then { send "ppv_followup" with { content_title: "the new set" } after \#(1 + v)h } }"# },
        { v, id in #"rule "Any purchase \#(id)" { on transaction when sum(fan.transactions.amount within 30d) > $\#(200 + 100 * v) cooldown 7d then { tag "spender" } }"# },
        { v, id in #"rule "Paid DM \#(id)" { on transaction.paid_dm when fan in whales then { note "whale paid dm" } }"# },
        { v, id in #"rule "Custom paid \#(id)" { on transaction.custom_request then { note "custom paid" } }"# },
        { v, id in #"rule "Sub payment \#(id)" { on transaction.subscription when event.amount > $\#(15 + v) then { tag "premium_payer" } }"# },
        { v, id in #"rule "VIP DM \#(id)" { on message.received when fan in whales and event.sentiment > \#(v == 0 ? "0.2" : "0.5") priority 3 then { send "vip_dm_reply" with { reply: "talk soon" } requires approval } }"# },
        { v, id in #"rule "Unhappy \#(id)" { on message.received when event.sentiment < -0.\#(3 + v) then { tag "unhappy" } }"# },
        { v, id in #"rule "Keyword \#(id)" { on message.received when lower(event.text) contains "\#(v == 0 ? "custom" : "price")" then { note "asked about it" } }"# },
        { v, id in #"rule "Chatty at risk \#(id)" { on message.received when fan in at_risk and fan in chatty cooldown 3d then { send "reengage" } }"# },
        { v, id in #"rule "Request ack \#(id)" { on custom_request.submitted when event.offered_price >= $\#(20 + 30 * v) then { send "custom_request_ack" with { request: event.description } } }"# },
        { v, id in #"rule "Welcome sub \#(id)" { on subscription.started when event.platform == "\#(v == 0 ? "onlyfans" : "fansly")" then { send "welcome" } }"# },
        { v, id in #"rule "Renewed \#(id)" { on subscription.renewed when event.price >= $\#(5 + 5 * v) then { tag "loyal" } }"# },
        { v, id in #"rule "Cancelled whale \#(id)" { on subscription.cancelled when fan in whales limit 1 per fan per 90d then { send "winback_offer" with { discount: \#(20 + 10 * v) } after 2d requires approval } }"# },
        { v, id in #"rule "Expired \#(id)" { on subscription.expired then { note "expired" } }"# },
        { v, id in #"rule "Trial \#(id)" { on subscription.trial_started then { tag "trial" } }"# },
        { v, id in #"rule "Win back \#(id)" { on subscription.win_back then { untag "churned" } }"# },
        { v, id in #"rule "New fan \#(id)" { on fan.created then { send "welcome" } }"# },
        { v, id in #"rule "Entered whales \#(id)" { on segment.entered whales then { send "vip_welcome" } }"# },
        { v, id in #"rule "Left at risk \#(id)" { on segment.exited at_risk then { note "no longer at risk" } }"# },
        { v, id in #"rule "Tagged unhappy \#(id)" { on tag.added "unhappy" when fan.lifetime_spend > $\#(50 + 50 * v) then { note "unhappy spender" } }"# },
        { v, id in #"rule "Daily churn \#(id)" { on schedule daily at 0\#(8 + v):00 when fan in at_risk limit 1 per fan per 14d then { send "we_miss_you" requires approval } }"# },
        { v, id in #"rule "Hourly VIP \#(id)" { on schedule every \#(6 + 6 * v)h when fan.score.predicted_ltv > $5000 cooldown 2d then { tag "high_ltv" } }"# },
    ]
}
