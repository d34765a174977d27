// Generated from Rules/ by Tests/RulecCLITests/StarterLibrarySource.swift. Do not edit:
// edit Rules/, then `RULEC_REGENERATE_GOLDEN=1 swift test --filter StarterLibraryTests`
// (StarterLibraryTests fails while this file and Rules/ differ).

/// The rule library of `Rules/`, compiled in so `rulec demo` and `rulec init` work from
/// any folder and from a copied binary.
public enum StarterLibrary {
    public static let files: [StarterFile] = [
        StarterFile(path: "Rules/engagement.rules", text: #"""
# Engagement: remember the people behind the accounts and notice when they go quiet.

segment renewing_soon "Renews within 3 days with auto-renew off" {
  exists(fan.subscriptions where status == "active" and auto_renew == false and renews_at >= now and renews_at < now + 3d)
}

segment silent_subscribers "Subscribed but silent for 30 days" {
  fan.is_subscribed and count(fan.messages within 30d where direction == "inbound") == 0
}

segment birthday_today "Birthday today, from what they told us" {
  exists(fan.memories where kind == "key_date" and key == "birthday" and value == month_day(now))
}

rule "Renewal reminder" {
  on schedule daily at 10:00
  when fan in renewing_soon
  limit 1 per fan per 7d
  then {
    send "renewal_reminder" with {
      renewal_date: min(fan.subscriptions.renews_at where status == "active" and auto_renew == false)
    }
  }
}

rule "Re-engage silent fans" {
  on schedule weekly on monday at 11:00
  when fan in silent_subscribers and not (fan in new_fans)
  limit 1 per fan per 30d
  then {
    send "reengage"
  }
}

rule "Birthday greetings" {
  on schedule daily at 09:00
  when fan in birthday_today
  limit 1 per fan per 300d
  then {
    send "birthday" with { gift: "a free custom photo" } requires approval
  }
}

"""#),
        StarterFile(path: "Rules/engagement_test.rules", text: #"""
# Tests of engagement.rules (run them with `rulec test Rules/`).

test "Renewing soon: active, auto-renew off, renewal from now to just under 3 days" {
  now date("2026-11-20 12:00")
  fan ana { subscriptions: [{ status: "active", auto_renew: false, renews_at: now }] }
  fan bo { subscriptions: [{ status: "active", auto_renew: false, renews_at: now + 3d - 1s }] }
  fan cy { subscriptions: [{ status: "active", auto_renew: false, renews_at: now + 3d }] }
  fan di { subscriptions: [{ status: "active", auto_renew: false, renews_at: now - 1s }] }
  fan ed { subscriptions: [{ status: "active", auto_renew: true, renews_at: now + 1d }] }
  fan fi { subscriptions: [{ status: "trial", auto_renew: false, renews_at: now + 1d }] }
  expect ana in renewing_soon
  expect bo in renewing_soon
  expect cy not in renewing_soon
  expect di not in renewing_soon
  expect ed not in renewing_soon
  expect fi not in renewing_soon
}

test "The renewal reminder goes out at 10:00 with the renewal date, once a week" {
  now date("2026-11-20 09:00")
  fan ana { subscriptions: [{ status: "active", auto_renew: false, renews_at: date("2026-11-22 12:00") }] }
  fan bo { subscriptions: [{ status: "active", auto_renew: true, renews_at: date("2026-11-22 12:00") }] }
  at date("2026-11-20 10:00")
  expect "Renewal reminder" fired 1 time for ana
  expect send "renewal_reminder" to ana with { renewal_date: date("2026-11-22 12:00") }
  expect not "Renewal reminder" fired for bo
  at date("2026-11-21 10:00")
  expect "Renewal reminder" fired 1 time for ana
}

test "Silent subscribers: subscribed, no inbound message in 30 days" {
  now date("2026-11-20 12:00")
  fan ana { subscriptions: [{ status: "active" }],
            messages: [{ direction: "inbound", sent_at: 30d ago - 1s }, { direction: "outbound", sent_at: 1d ago }] }
  fan bo { subscriptions: [{ status: "active" }], messages: [{ direction: "inbound", sent_at: 30d ago }] }
  fan cy { subscriptions: [{ status: "trial" }] }
  expect ana in silent_subscribers
  expect bo not in silent_subscribers
  expect cy not in silent_subscribers
}

test "Silent subscribers who are not new are re-engaged on Monday at 11:00, once a month" {
  now date("2026-11-20 12:00")
  fan ana { created_at: 60d ago, subscriptions: [{ status: "active" }] }
  fan bo { created_at: 2d ago, subscriptions: [{ status: "active" }] }
  fan cy { created_at: 60d ago, subscriptions: [{ status: "active" }], messages: [{ sent_at: 1d ago }] }
  at date("2026-11-23 10:59")
  expect not "Re-engage silent fans" fired
  at date("2026-11-23 11:00")
  expect "Re-engage silent fans" fired 1 time for ana
  expect send "reengage" to ana
  expect not "Re-engage silent fans" fired for bo
  expect not "Re-engage silent fans" fired for cy
  at date("2026-11-30 11:00")
  expect "Re-engage silent fans" fired 1 time for ana
  expect "Re-engage silent fans" fired 1 time for bo
}

test "A birthday greeting is queued on the day, at 09:00" {
  now date("2026-11-20 08:00")
  fan ana { memories: [{ kind: "key_date", key: "birthday", value: "11-20" }] }
  fan bo { memories: [{ kind: "key_date", key: "birthday", value: "11-21" }] }
  fan cy { memories: [{ kind: "preference", key: "birthday", value: "11-20" }] }
  fan di { memories: [{ kind: "key_date", key: "anniversary", value: "11-20" }] }
  expect ana in birthday_today
  expect bo not in birthday_today
  expect cy not in birthday_today
  expect di not in birthday_today
  at date("2026-11-20 09:00")
  expect "Birthday greetings" fired 1 time for ana
  expect queued send "birthday" to ana with { gift: "a free custom photo" }
  expect not "Birthday greetings" fired for bo
  at date("2026-11-21 09:00")
  expect "Birthday greetings" fired 1 time for bo
}

"""#),
        StarterFile(path: "Rules/onboarding.rules", text: #"""
# Onboarding: the first days of a new subscriber decide whether they stay.

segment new_fans "Joined in the last week" {
  fan.created_at within 7d
}

rule "Welcome new subscribers" {
  on subscription.started
  limit 1 per fan per 30d
  description "Greets every new subscriber once, on the platform they joined from."
  then {
    send "welcome" via event.platform
    tag "subscriber"
  }
}

rule "Welcome back after a win-back" {
  on subscription.win_back
  cooldown 30d
  description "A returning fan is thanked and flagged for a personal touch."
  then {
    send "welcome" via event.platform
    note "came back through a win-back offer"
  }
}

"""#),
        StarterFile(path: "Rules/onboarding_test.rules", text: #"""
# Tests of onboarding.rules (run them with `rulec test Rules/`).

test "New fans joined within the last 7 days" {
  now date("2026-11-20 12:00")
  fan ana { created_at: 7d ago }
  fan bo { created_at: 7d ago - 1s }
  expect ana in new_fans
  expect bo not in new_fans
}

test "A new subscriber is welcomed and tagged once a month" {
  now date("2026-11-20 12:00")
  fan ana { platforms: ["onlyfans", "fansly"] }
  event subscription.started for ana { platform: "fansly" }
  expect "Welcome new subscribers" fired 1 time for ana
  expect send "welcome" to ana
  expect tag "subscriber" for ana
  at now + 29d
  event subscription.started for ana { platform: "onlyfans" }
  expect "Welcome new subscribers" fired 1 time for ana
  at now + 1d
  event subscription.started for ana { platform: "onlyfans" }
  expect "Welcome new subscribers" fired 2 times for ana
}

test "A fan back through a win-back is welcomed and noted, with a 30 day cooldown" {
  now date("2026-11-20 12:00")
  fan ana {}
  event subscription.win_back for ana
  expect "Welcome back after a win-back" fired 1 time for ana
  expect send "welcome" to ana
  expect note "came back through a win-back offer" for ana
  at now + 30d - 1s
  event subscription.win_back for ana
  expect "Welcome back after a win-back" fired 1 time for ana
  at now + 1s
  event subscription.win_back for ana
  expect "Welcome back after a win-back" fired 2 times for ana
}

"""#),
        StarterFile(path: "Rules/policy.rules", text: #"""
# House rules for every automated message, whatever rule sends it.
# Fans hear from the creator at most twice a day and five times a week, and
# never at night on their own clock: a message due then waits until morning.
# Replies a fan asked for (a custom request's acknowledgement, a reply to a
# DM) carry `bypass policy` in their rules: they neither wait nor use up a slot.
policy {
  limit 2 sends per fan per 1d
  limit 5 sends per fan per 7d
  quiet hours 22:00 to 08:00
}

"""#),
        StarterFile(path: "Rules/policy_test.rules", text: #"""
# Tests of policy.rules, the house rules every automated message meets (run them with `rulec test Rules/`).

test "A third message in a day is held back; a reply the fan asked for still goes out" {
  now date("2026-11-20 12:00")
  fan ana {}
  event transaction.ppv for ana { amount: $15 }
  expect not send "ppv_followup" to ana
  at date("2026-11-21 10:00")
  event transaction.tip for ana { amount: $25 }
  expect send "tip_thanks" to ana
  at date("2026-11-21 11:00")
  event subscription.started for ana
  expect send "welcome" to ana
  # The follow-up comes due at noon: two messages went out in the last day, so it is skipped.
  at date("2026-11-21 12:00")
  expect "Follow up on PPV purchases" fired 1 time for ana
  expect not send "ppv_followup" to ana
  # A custom request's acknowledgement bypasses the policy: the creator approves it, it goes out.
  event custom_request.submitted for ana { description: "a beach set" }
  approve send "custom_request_ack" to ana
  expect send "custom_request_ack" to ana with { request: "a beach set" }
}

test "A message due at night waits until 08:00 on the fan's own clock" {
  now date("2026-11-20 14:30")
  fan kai { timezone: "Asia/Tokyo" }
  fan ana { timezone: "Europe/London" }
  # 23:30 in Tokyo, 14:30 in London: the big-tip thanks waits for kai, not for ana.
  event transaction.tip for kai { amount: $25 }
  event transaction.tip for ana { amount: $25 }
  expect "Thank big tippers" fired for kai
  expect not send "tip_thanks" to kai
  expect send "tip_thanks" to ana
  at date("2026-11-20 22:59")
  expect not send "tip_thanks" to kai
  # 08:00 in Tokyo is 23:00 UTC.
  at date("2026-11-20 23:00")
  expect send "tip_thanks" to kai with { amount: $25 }
}

"""#),
        StarterFile(path: "Rules/retention.rules", text: #"""
# Retention: keep big spenders close and win back the ones who leave.
let vip_min = $500

segment whales "Top spenders" {
  fan.lifetime_spend >= vip_min
}

segment at_risk "Likely to churn" {
  fan.score.churn_risk >= 0.7
    and exists(fan.subscriptions where status == "active" and auto_renew == false and renews_at < now + 3d)
}

rule "Thank big tippers" {
  on transaction.tip
  when event.amount >= $20 and not ("big_tipper" in fan.tags)
  priority 10
  cooldown 1d
  then {
    send "tip_thanks" with { amount: event.amount }
    tag "big_tipper"
  }
}

rule "Win back lapsed whales" {
  on subscription.cancelled
  when fan in whales and count(fan.messages within 30d where direction == "inbound") > 0
  limit 1 per fan per 90d
  then {
    send "winback_offer" with { discount: 30 } after 2d requires approval
    note "win-back offer queued"
  }
}

rule "Daily churn save" {
  on schedule daily at 09:00
  when fan in at_risk
  limit 1 per fan per 14d
  then {
    send "we_miss_you" requires approval
  }
}

"""#),
        StarterFile(path: "Rules/retention_test.rules", text: #"""
# Tests of retention.rules (run them with `rulec test Rules/`).

test "A $20 tip is thanked once and tagged" {
  now date("2026-11-20 12:00")
  fan ana { tags: ["regular"] }
  event transaction.tip for ana { amount: $20 }
  expect "Thank big tippers" fired 1 time for ana
  expect send "tip_thanks" to ana with { amount: $20 }
  expect tag "big_tipper" for ana
  at now + 2d
  event transaction.tip for ana { amount: $50 }
  expect "Thank big tippers" fired 1 time for ana
}

test "A tip just under $20 is not thanked" {
  now date("2026-11-20 12:00")
  fan bo {}
  event transaction.tip for bo { amount: $19.99 }
  expect not "Thank big tippers" fired
  expect not send "tip_thanks" to bo
  expect nothing for bo
}

test "A fan already tagged big_tipper is not thanked again" {
  now date("2026-11-20 12:00")
  fan cy { tags: ["big_tipper"] }
  event transaction.tip for cy { amount: $100 }
  expect not "Thank big tippers" fired for cy
}

test "Whales start at exactly $500" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $500 }
  fan bo { lifetime_spend: $499.99 }
  expect ana in whales
  expect bo not in whales
}

test "A lapsed whale who wrote lately gets a win-back offer, approved, sent 2 days later" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $600, messages: [{ direction: "inbound", text: "miss you", sent_at: 29d ago }] }
  event subscription.cancelled for ana
  expect "Win back lapsed whales" fired for ana
  expect queued send "winback_offer" to ana with { discount: 30 }
  expect note "win-back offer queued" for ana
  approve send "winback_offer" to ana
  expect not send "winback_offer" to ana
  at now + 2d
  expect send "winback_offer" to ana with { discount: 30 }
}

test "A rejected win-back offer is never sent, and the limit holds for 90 days" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $600, messages: [{ direction: "inbound", sent_at: 1d ago }] }
  event subscription.cancelled for ana
  reject send "winback_offer" to ana
  at now + 3d
  expect not send "winback_offer" to ana
  at now + 80d
  event message.received for ana { text: "hi again" }
  event subscription.cancelled for ana
  expect "Win back lapsed whales" fired 1 time for ana
  at now + 10d
  event message.received for ana { text: "and again" }
  event subscription.cancelled for ana
  expect "Win back lapsed whales" fired 2 times for ana
}

test "No win-back without a recent inbound message, or for a non-whale" {
  now date("2026-11-20 12:00")
  fan quiet { lifetime_spend: $900, messages: [{ direction: "inbound", sent_at: 31d ago },
                                               { direction: "outbound", sent_at: 1d ago }] }
  fan small { lifetime_spend: $499, messages: [{ direction: "inbound", sent_at: 1d ago }] }
  event subscription.cancelled for quiet
  event subscription.cancelled for small
  expect not "Win back lapsed whales" fired
}

test "The daily churn save queues a message for fans at risk, at 09:00" {
  now date("2026-11-20 08:00")
  fan ana { score.churn_risk: 0.7,
            subscriptions: [{ status: "active", auto_renew: false, renews_at: date("2026-11-22 12:00") }] }
  fan bo { score.churn_risk: 0.69,
           subscriptions: [{ status: "active", auto_renew: false, renews_at: date("2026-11-22 12:00") }] }
  fan cy { score.churn_risk: 0.9,
           subscriptions: [{ status: "active", auto_renew: true, renews_at: date("2026-11-22 12:00") }] }
  fan di { score.churn_risk: 0.9,
           subscriptions: [{ status: "cancelled", auto_renew: false, renews_at: date("2026-11-22 12:00") }] }
  fan ed { score.churn_risk: 0.9,
           subscriptions: [{ status: "active", auto_renew: false, renews_at: date("2026-11-23 09:00") }] }
  expect ana in at_risk
  expect bo not in at_risk
  expect cy not in at_risk
  expect di not in at_risk
  at date("2026-11-20 08:59")
  expect not "Daily churn save" fired
  at date("2026-11-20 09:00")
  expect "Daily churn save" fired 1 time for ana
  expect queued send "we_miss_you" to ana
  expect not "Daily churn save" fired for bo
  expect not "Daily churn save" fired for ed
  at date("2026-11-21 09:00")
  expect "Daily churn save" fired 1 time for ana
}

test "An at-risk fan whose renewal is 3 days away to the second is not at risk yet" {
  now date("2026-11-20 09:00")
  fan ana { score.churn_risk: 0.8,
            subscriptions: [{ status: "active", auto_renew: false, renews_at: date("2026-11-23 09:00") }] }
  expect ana not in at_risk
  at now + 1s
  expect ana in at_risk
}

"""#),
        StarterFile(path: "Rules/revenue.rules", text: #"""
# Revenue: thank buyers promptly and follow up on what they bought.

segment big_tippers "Three or more tips this month" {
  count(fan.transactions within 30d where kind == "tip") >= 3
}

rule "Follow up on PPV purchases" {
  on transaction.ppv
  limit 1 per fan per 7d
  description "A day after a PPV purchase, ask whether they liked it."
  then {
    send "ppv_followup" with { content_title: "your new set" } after 1d
  }
}

rule "Custom request intake" {
  on custom_request.submitted
  priority 5
  limit 3 per fan per 1d
  bypass policy
  description "Acknowledges a custom request; the creator approves the reply before it goes out."
  then {
    send "custom_request_ack" with { request: event.description } requires approval
    tag "custom_buyer"
    note "custom request received; review the price"
  }
}

rule "Tag repeat tippers" {
  on transaction.tip
  when fan in big_tippers and not ("repeat_tipper" in fan.tags)
  then {
    tag "repeat_tipper"
  }
}

"""#),
        StarterFile(path: "Rules/revenue_test.rules", text: #"""
# Tests of revenue.rules (run them with `rulec test Rules/`).

test "A PPV purchase is followed up a day later, at most once a week" {
  now date("2026-11-20 12:00")
  fan ana {}
  event transaction.ppv for ana { amount: $15 }
  expect "Follow up on PPV purchases" fired 1 time for ana
  expect not send "ppv_followup" to ana
  at now + 1d
  expect send "ppv_followup" to ana with { content_title: "your new set" }
  at date("2026-11-27 11:59")
  event transaction.ppv for ana { amount: $15 }
  expect "Follow up on PPV purchases" fired 1 time for ana
  at date("2026-11-27 12:00")
  event transaction.ppv for ana { amount: $15 }
  expect "Follow up on PPV purchases" fired 2 times for ana
}

test "A tip is not a PPV purchase" {
  now date("2026-11-20 12:00")
  fan ana {}
  event transaction.tip for ana { amount: $5 }
  expect not "Follow up on PPV purchases" fired
}

test "A custom request is acknowledged after approval, tagged and noted, three a day at most" {
  now date("2026-11-20 12:00")
  fan ana {}
  event custom_request.submitted for ana { description: "a beach set", offered_price: $80 }
  expect "Custom request intake" fired for ana
  expect queued send "custom_request_ack" to ana with { request: "a beach set" }
  expect tag "custom_buyer" for ana
  expect note "custom request received; review the price" for ana
  approve send "custom_request_ack" to ana
  expect send "custom_request_ack" to ana with { request: "a beach set" }
  event custom_request.submitted for ana { description: "two" }
  event custom_request.submitted for ana { description: "three" }
  event custom_request.submitted for ana { description: "four" }
  expect "Custom request intake" fired 3 times for ana
  at now + 1d
  event custom_request.submitted for ana { description: "five" }
  expect "Custom request intake" fired 4 times for ana
}

test "Big tippers tip three times within 30 days" {
  now date("2026-11-20 12:00")
  fan ana { transactions: [{ kind: "tip", amount: $1, occurred_at: 30d ago },
                           { kind: "tip", amount: $1, occurred_at: 2d ago },
                           { kind: "tip", amount: $1, occurred_at: 1d ago }] }
  fan bo { transactions: [{ kind: "tip", amount: $1, occurred_at: 30d ago - 1s },
                          { kind: "tip", amount: $1, occurred_at: 2d ago },
                          { kind: "tip", amount: $1, occurred_at: 1d ago },
                          { kind: "ppv", amount: $1, occurred_at: 1d ago }] }
  expect ana in big_tippers
  expect bo not in big_tippers
}

test "The third tip in a month tags a repeat tipper, once" {
  now date("2026-11-20 12:00")
  fan ana { transactions: [{ kind: "tip", amount: $1, occurred_at: 5d ago },
                           { kind: "tip", amount: $1, occurred_at: 2d ago }] }
  fan bo { tags: ["repeat_tipper"],
           transactions: [{ kind: "tip", amount: $1, occurred_at: 5d ago },
                          { kind: "tip", amount: $1, occurred_at: 2d ago }] }
  fan cy { transactions: [{ kind: "tip", amount: $1, occurred_at: 5d ago }] }
  event transaction.tip for ana { amount: $2 }
  event transaction.tip for bo { amount: $2 }
  event transaction.tip for cy { amount: $2 }
  expect "Tag repeat tippers" fired 1 time for ana
  expect tag "repeat_tipper" for ana
  expect not "Tag repeat tippers" fired for bo
  expect not "Tag repeat tippers" fired for cy
  event transaction.tip for ana { amount: $2 }
  expect "Tag repeat tippers" fired 1 time for ana
}

"""#),
        StarterFile(path: "Rules/vip.rules", text: #"""
# VIPs: the few fans who carry the business get noticed and kept close.

let vip_threshold = $1000

segment loyal_fans "Subscribed, active and loyal" {
  fan.is_subscribed and fan.score.loyalty >= 0.6 and fan.last_active_at within 30d
}

segment multi_platform "Follows on two or more platforms" {
  length(fan.platforms) >= 2
}

rule "VIP milestone" {
  on transaction
  when fan.lifetime_spend >= vip_threshold and not ("vip" in fan.tags)
  priority 20
  limit 1 per fan
  then {
    tag "vip"
    send "vip_welcome" requires approval
    note "crossed the VIP milestone"
  }
}

rule "Priority high-value DMs" {
  on message.received
  when fan in whales
    or "vip" in fan.tags
    or fan.score.predicted_ltv >= $2000
    or (fan in multi_platform and fan.lifetime_spend >= $250)
  priority 30
  cooldown 6h
  bypass policy
  then {
    tag "priority_dm"
    send "vip_dm_reply" with { reply: "I'll answer you personally very soon." } requires approval
  }
}

rule "Check in when a loyal fan drifts" {
  on segment.exited loyal_fans
  when fan.lifetime_spend >= $100
  limit 1 per fan per 60d
  then {
    send "segment_exit_checkin" requires approval
  }
}

rule "Note new VIPs" {
  on tag.added "vip"
  then {
    note "VIP tag added; consider a personal thank-you video"
  }
}

"""#),
        StarterFile(path: "Rules/vip_test.rules", text: #"""
# Tests of vip.rules (run them with `rulec test Rules/`).

test "Loyal fans: subscribed, loyalty from 0.6, active within 30 days" {
  now date("2026-11-20 12:00")
  fan ana { score.loyalty: 0.6, last_active_at: 30d ago, subscriptions: [{ status: "active" }] }
  fan bo { score.loyalty: 0.59, last_active_at: 1d ago, subscriptions: [{ status: "active" }] }
  fan cy { score.loyalty: 0.9, last_active_at: 30d ago - 1s, subscriptions: [{ status: "active" }] }
  fan di { score.loyalty: 0.9, last_active_at: 1d ago, subscriptions: [{ status: "expired" }] }
  fan ed { score.loyalty: 0.9, subscriptions: [{ status: "active" }] }
  expect ana in loyal_fans
  expect bo not in loyal_fans
  expect cy not in loyal_fans
  expect di not in loyal_fans
  expect ed not in loyal_fans
}

test "Multi-platform fans follow on two platforms or more" {
  now date("2026-11-20 12:00")
  fan ana { platforms: ["onlyfans", "fansly"] }
  fan bo { accounts: [{ platform: "onlyfans" }, { platform: "onlyfans", platform_fan_id: "second" }] }
  expect ana in multi_platform
  expect bo not in multi_platform
}

test "Crossing $1,000 makes a VIP once: tagged, noted, welcome queued, and the tag noted" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $990 }
  event transaction.tip for ana { amount: $9.99 }
  expect not "VIP milestone" fired
  event transaction.ppv for ana { amount: $0.01 }
  expect "VIP milestone" fired 1 time for ana
  expect tag "vip" for ana
  expect queued send "vip_welcome" to ana
  expect note "crossed the VIP milestone" for ana
  expect "Note new VIPs" fired 1 time for ana
  expect note "VIP tag added; consider a personal thank-you video" for ana
  event transaction.tip for ana { amount: $100 }
  expect "VIP milestone" fired 1 time for ana
}

test "A VIP milestone fires at most once per fan, even without the tag" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $2000, tags: ["vip"] }
  event transaction.tip for ana { amount: $1 }
  expect not "VIP milestone" fired
}

test "A tag added by hand notes the new VIP" {
  now date("2026-11-20 12:00")
  fan ana {}
  event tag.added "vip" for ana
  expect "Note new VIPs" fired 1 time for ana
  event tag.added "regular" for ana
  expect "Note new VIPs" fired 1 time for ana
}

test "High-value DMs get priority: each reason alone is enough" {
  now date("2026-11-20 12:00")
  fan whale { lifetime_spend: $500 }
  fan tagged { tags: ["vip"] }
  fan promising { score.predicted_ltv: $2000 }
  fan spread { platforms: ["onlyfans", "fansly"], lifetime_spend: $250 }
  fan nobody { platforms: ["onlyfans", "fansly"], lifetime_spend: $249.99, score.predicted_ltv: $1999.99 }
  fan single { lifetime_spend: $300 }
  event message.received for whale { text: "hi" }
  event message.received for tagged { text: "hi" }
  event message.received for promising { text: "hi" }
  event message.received for spread { text: "hi" }
  event message.received for nobody { text: "hi" }
  event message.received for single { text: "hi" }
  expect "Priority high-value DMs" fired for whale
  expect "Priority high-value DMs" fired for tagged
  expect "Priority high-value DMs" fired for promising
  expect "Priority high-value DMs" fired for spread
  expect not "Priority high-value DMs" fired for nobody
  expect not "Priority high-value DMs" fired for single
  expect tag "priority_dm" for whale
  expect queued send "vip_dm_reply" to whale with { reply: "I'll answer you personally very soon." }
}

test "Priority DMs cool down for 6 hours" {
  now date("2026-11-20 12:00")
  fan whale { lifetime_spend: $800 }
  event message.received for whale { text: "one" }
  at now + 6h - 1s
  event message.received for whale { text: "two" }
  expect "Priority high-value DMs" fired 1 time for whale
  at now + 1s
  event message.received for whale { text: "three" }
  expect "Priority high-value DMs" fired 2 times for whale
}

test "A loyal fan who drifts away and spent $100 gets a check-in, once in 60 days" {
  now date("2026-11-20 12:00")
  fan ana { lifetime_spend: $100 }
  fan bo { lifetime_spend: $99.99 }
  event segment.exited loyal_fans for ana
  event segment.exited loyal_fans for bo
  expect "Check in when a loyal fan drifts" fired 1 time for ana
  expect queued send "segment_exit_checkin" to ana
  expect not "Check in when a loyal fan drifts" fired for bo
  at now + 59d
  event segment.exited loyal_fans for ana
  expect "Check in when a loyal fan drifts" fired 1 time for ana
}

"""#),
    ]
}
