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
    ]
}
