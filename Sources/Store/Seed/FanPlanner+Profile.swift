import Foundation

/// What follows from a fan's history: last activity, lifecycle stage,
/// engagement, scores, tags, and the things the creator remembers about them.
extension FanPlanner {
    func describe(_ fan: inout FanPlan, _ traits: Traits, _ random: inout SeedRandom) {
        let inbound = fan.messages.filter { $0.direction == "inbound" }
        let activity = fan.transactions.map(\.occurredAt) + inbound.compactMap(\.sentAt)
            + fan.subscriptions.flatMap { $0.events.map(\.occurredAt) }
        fan.lastActiveAt = activity.max() ?? fan.createdAt
        fan.engagementScore = rounded(min(1, Double(inbound.count) / 25 + Double(fan.transactions.count) / 40))
        fan.lifecycleStage = lifecycleStage(fan)
        fan.scores = scores(fan, traits, &random)
        fan.tags = tags(fan, traits, &random)
        fan.memories = memories(fan, &random)
        if random.chance(0.15) {
            fan.notes.append(.init(body: random.pick(SeedVocabulary.notes), createdAt: time(from: fan.createdAt, &random)))
        }
    }

    private func lifecycleStage(_ fan: FanPlan) -> String {
        let statuses = Set(fan.subscriptions.map(\.status))
        let idle = now - (fan.lastActiveAt ?? fan.createdAt)
        if now - fan.createdAt < 14 * Seconds.day { return "new" }
        if statuses.contains("cancelled") { return "at_risk" }
        if statuses.contains("active") || statuses.contains("trial") {
            let wavering = fan.subscriptions.contains { $0.status == "active" && !$0.autoRenew }
            return wavering ? "at_risk" : "active"
        }
        if idle <= 30 * Seconds.day { return "active" }
        return idle <= 90 * Seconds.day ? "lapsed" : "churned"
    }

    private func scores(_ fan: FanPlan, _ traits: Traits, _ random: inout SeedRandom) -> [(dimension: String, value: Double)] {
        let baseRisk: Double = switch fan.lifecycleStage {
        case "new": 0.4
        case "active": 0.15
        case "at_risk": 0.7
        case "lapsed": 0.8
        default: 0.92
        }
        let churn = clamp(baseRisk + 0.1 * random.normal())
        let spend = Double(fan.lifetimeSpendCents)
        // predicted_ltv is money: its value is whole cents.
        let ltv = (spend * (1 + 1.5 * (1 - churn)) + 500 * traits.propensity).rounded()
        let upsell = clamp(0.2 + 0.15 * log(1 + traits.propensity) + 0.1 * random.normal())
        let loyalty = clamp(tenure(fan) * (1 - 0.5 * churn) + 0.05 * random.normal())
        return [("churn_risk", rounded(churn)), ("predicted_ltv", ltv), ("upsell_readiness", rounded(upsell)),
                ("loyalty", rounded(loyalty))]
    }

    private func tags(_ fan: FanPlan, _ traits: Traits, _ random: inout SeedRandom) -> [FanPlan.Tag] {
        var result: [FanPlan.Tag] = []
        func add(_ name: String, at time: Int64) {
            if !result.contains(where: { $0.name == name }) { result.append(.init(name: name, createdAt: time)) }
        }
        if let tip = fan.transactions.first(where: { $0.kind == "tip" && $0.amountCents >= 2000 }) { add("big_tipper", at: tip.occurredAt) }
        let ppv = fan.transactions.filter { $0.kind == "ppv" }
        if ppv.count >= 3 { add("ppv_buyer", at: ppv[2].occurredAt) }
        if let custom = fan.transactions.first(where: { $0.kind == "custom_request" }) { add("custom_buyer", at: custom.occurredAt) }
        if fan.lifetimeSpendCents >= 100_000, let last = fan.transactions.last { add("whale", at: last.occurredAt) }
        if let sub = fan.subscriptions.first(where: { now - $0.startedAt < 14 * Seconds.day }) { add("new_subscriber", at: sub.startedAt) }
        if fan.messages.filter({ $0.direction == "inbound" }).count > 8 { add("chatty", at: fan.lastActiveAt ?? fan.createdAt) }
        if random.chance(0.12) { add(random.pick(SeedVocabulary.extraTags), at: time(from: fan.createdAt, &random)) }
        return result
    }

    private func memories(_ fan: FanPlan, _ random: inout SeedRandom) -> [FanPlan.Memory] {
        var result: [FanPlan.Memory] = []
        if random.chance(0.35) {
            let month = random.int(1...12)
            let day = random.int(1...[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
            let value = (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
            result.append(.init(kind: "key_date", key: "birthday", value: value, createdAt: time(from: fan.createdAt, &random)))
        }
        let pools: [(kind: String, chance: Double, pool: [(String, String)])] = [
            ("preference", 0.4, SeedVocabulary.preferences), ("personal_detail", 0.25, SeedVocabulary.personalDetails),
            ("conversation_fact", 0.2, SeedVocabulary.conversationFacts),
        ]
        for (kind, chance, pool) in pools where random.chance(chance) {
            let (key, value) = random.pick(pool)
            result.append(.init(kind: kind, key: key, value: value, createdAt: time(from: fan.createdAt, &random)))
        }
        return result
    }

    private func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
    /// Three decimals, so scores read like a model's output rather than noise.
    private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
