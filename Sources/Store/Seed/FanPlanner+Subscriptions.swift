/// Subscription lifecycles, simulated period by period so the current state
/// always agrees with the event history: the last event decides the status
/// (trial_started → trial; started, renewed, win_back → active;
/// cancelled → cancelled; expired → expired).
extension FanPlanner {
    static let period: Int64 = 30 * Seconds.day
    static let trialLength: Int64 = 7 * Seconds.day
    static let monthlyChurn = 0.12

    func subscription(account: Int, from start: Int64, _ random: inout SeedRandom) -> FanPlan.Subscription {
        let tier = random.pick(SeedVocabulary.tiers)
        let price: Int64 = tier == "vip" ? 2499 : tier == "bundle_3m" ? 899 : random.pick([499, 799, 999, 1299, 1499])
        var sub = FanPlan.Subscription(account: account, tier: tier, priceCents: price, startedAt: start)
        var periodStart = start

        if random.chance(0.2) {
            sub.events.append(.init(type: "trial_started", occurredAt: start))
            let trialEnd = start + Self.trialLength
            if trialEnd > now {
                sub.status = "trial"
                sub.renewsAt = trialEnd
                return sub
            }
            if random.chance(0.45) {
                expire(&sub, at: trialEnd)
                return sub
            }
            periodStart = trialEnd
        }
        sub.events.append(.init(type: "started", occurredAt: periodStart))

        while true {
            let periodEnd = periodStart + Self.period
            if random.chance(Self.monthlyChurn) {
                let cancelAt = periodStart + random.int64(Seconds.day...(Self.period - Seconds.day))
                if cancelAt <= now {
                    sub.events.append(.init(type: "cancelled", occurredAt: cancelAt))
                    sub.cancelledAt = cancelAt
                    sub.autoRenew = false
                    if periodEnd > now {
                        // Paid up until the period ends: still has access, will not renew.
                        sub.status = "cancelled"
                        sub.renewsAt = periodEnd
                        return sub
                    }
                    expire(&sub, at: periodEnd)
                    let back = periodEnd + random.int64((3 * Seconds.day)...(45 * Seconds.day))
                    guard random.chance(0.3), back <= now else { return sub }
                    sub.events.append(.init(type: "win_back", occurredAt: back))
                    sub.status = "active"
                    sub.autoRenew = true
                    sub.cancelledAt = nil
                    sub.endedAt = nil
                    periodStart = back
                    continue
                }
            }
            if periodEnd > now {
                sub.status = "active"
                sub.renewsAt = periodEnd
                // Some fans switch auto-renew off without cancelling: the at-risk pattern.
                sub.autoRenew = !random.chance(0.1)
                return sub
            }
            sub.events.append(.init(type: "renewed", occurredAt: periodEnd))
            periodStart = periodEnd
        }
    }

    private func expire(_ sub: inout FanPlan.Subscription, at time: Int64) {
        sub.events.append(.init(type: "expired", occurredAt: time))
        sub.status = "expired"
        sub.autoRenew = false
        sub.renewsAt = nil
        sub.endedAt = time
    }

    /// Every started, renewed and win_back event charges the price.
    func addSubscriptionCharges(_ fan: inout FanPlan) {
        for (s, sub) in fan.subscriptions.enumerated() {
            for (e, event) in sub.events.enumerated() where ["started", "renewed", "win_back"].contains(event.type) {
                fan.transactions.append(.init(account: sub.account, kind: "subscription", amountCents: sub.priceCents,
                                              occurredAt: event.occurredAt, subscriptionEvent: (s, e)))
            }
        }
    }
}
