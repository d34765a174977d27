/// Money and conversation: tips, PPV, paid DMs, custom requests, messages.
extension FanPlanner {
    static let tipAmounts: [Int64] = [300, 500, 1000, 1500, 2000, 2500, 5000, 10000]
    static let tipWeights: [Double] = [10, 25, 25, 10, 12, 6, 8, 4]
    static let ppvPrices: [Int64] = [499, 799, 999, 1499, 1999, 2499, 2999, 4999]
    static let negativeInbound: Set<String> = [
        "Honestly a bit disappointed with the last PPV", "Why was I charged twice?", "Not sure I'll renew tbh",
    ]

    /// The account money goes through: a paid platform when the fan has one.
    private func spendingAccount(_ fan: FanPlan, _ random: inout SeedRandom) -> Int {
        let paid = fan.accounts.indices.filter { Self.paidPlatforms.contains(fan.accounts[$0].platform) }
        return paid.isEmpty ? 0 : random.pick(paid)
    }

    func addPurchases(_ fan: inout FanPlan, _ traits: Traits, _ random: inout SeedRandom) {
        let hasPaidAccount = fan.accounts.contains { Self.paidPlatforms.contains($0.platform) }
        let appetite = traits.propensity * tenure(fan) * (hasPaidAccount ? 1 : 0.2)
        // Big spenders tip bigger, not only more often.
        let scale: Int64 = traits.propensity > 15 ? 3 : 1
        for _ in 0..<random.poisson(1.6 * appetite) {
            let amount = Self.tipAmounts[random.weightedIndex(Self.tipWeights)] * scale
            fan.transactions.append(.init(account: spendingAccount(fan, &random), kind: "tip", amountCents: amount,
                                          occurredAt: time(from: fan.createdAt, &random)))
        }
        for _ in 0..<random.poisson(2.0 * appetite) {
            fan.transactions.append(.init(account: spendingAccount(fan, &random), kind: "ppv",
                                          amountCents: random.pick(Self.ppvPrices), occurredAt: time(from: fan.createdAt, &random)))
        }
        for _ in 0..<random.poisson(0.8 * appetite) {
            fan.transactions.append(.init(account: spendingAccount(fan, &random), kind: "paid_dm",
                                          amountCents: random.pick([300, 500, 800, 1200]), occurredAt: time(from: fan.createdAt, &random)))
        }
    }

    func addCustomRequests(_ fan: inout FanPlan, _ traits: Traits, _ random: inout SeedRandom) {
        guard random.chance(min(0.03 + 0.02 * traits.propensity, 0.6)) else { return }
        let states: [(stage: String, status: String)] = [
            ("requested", "pending"), ("negotiating", "pending"), ("agreed", "accepted"), ("in_production", "accepted"),
            ("delivered", "fulfilled"), ("requested", "declined"), ("negotiating", "cancelled"),
        ]
        for _ in 0..<(traits.propensity > 10 ? random.int(1...3) : 1) {
            let state = states[random.weightedIndex([2, 2, 1, 1, 4, 1, 1])]
            let offered = random.pick([2500, 5000, 7500, 10000, 15000, 25000] as [Int64])
            let agreed: Int64? = ["agreed", "in_production", "delivered"].contains(state.stage)
                ? offered + 500 * random.int64(0...Int64(offered / 1000)) : nil
            let created = time(from: fan.createdAt, &random)
            let delivered = state.stage == "delivered" ? min(now, created + random.int64(Seconds.day...(10 * Seconds.day))) : nil
            let account = spendingAccount(fan, &random)
            fan.customRequests.append(.init(account: account, description: random.pick(SeedVocabulary.customRequestDescriptions),
                                            stage: state.stage, status: state.status, offeredCents: offered,
                                            agreedCents: agreed, createdAt: created, deliveredAt: delivered))
            if let delivered, let agreed {
                fan.transactions.append(.init(account: account, kind: "custom_request", amountCents: agreed,
                                              occurredAt: delivered, customRequest: fan.customRequests.count - 1))
            }
        }
    }

    func addMessages(_ fan: inout FanPlan, _ traits: Traits, _ random: inout SeedRandom) {
        let firstName = String(fan.displayName.split(separator: " ").first ?? "")
        let accountCount = fan.accounts.count
        let account = { (random: inout SeedRandom) in random.int(0...accountCount - 1) }
        if random.chance(0.7) {
            let at = min(now, fan.createdAt + random.int64(Seconds.minute...(2 * Seconds.hour)))
            fan.messages.append(outbound(account(&random), template: "welcome", name: firstName, at: at, &random))
        }
        for _ in 0..<random.poisson(3 * traits.chattiness * tenure(fan) + 0.5) {
            let at = time(from: fan.createdAt, &random)
            let body = random.pick(SeedVocabulary.inboundMessages)
            let sentiment = Self.negativeInbound.contains(body)
                ? -Double(random.int(20...95)) / 100 : Double(random.int(-10...100)) / 100
            let from = account(&random)
            fan.messages.append(.init(account: from, direction: "inbound", body: body, sentiment: sentiment, template: nil,
                                      status: "received", scheduledAt: nil, sentAt: at, createdAt: at, responseTimeSeconds: nil))
            let replyAt = at + random.int64((2 * Seconds.minute)...(8 * Seconds.hour))
            if random.chance(0.65) && replyAt <= now {
                let template = traits.propensity > 10 && random.chance(0.3) ? "vip_dm_reply" : nil
                fan.messages.append(outbound(from, template: template, name: firstName, at: replyAt, &random,
                                             responseTime: replyAt - at))
            }
        }
        let campaigns = ["ppv_followup", "renewal_reminder", "we_miss_you", "reengage"]
        for _ in 0..<random.poisson(1.5 * tenure(fan)) {
            fan.messages.append(outbound(account(&random), template: random.pick(campaigns), name: firstName,
                                         at: time(from: fan.createdAt, &random), &random))
        }
        for tip in fan.transactions where tip.kind == "tip" && tip.amountCents >= 2000 && random.chance(0.5) {
            let at = min(now, tip.occurredAt + random.int64((5 * Seconds.minute)...(6 * Seconds.hour)))
            fan.messages.append(outbound(tip.account, template: "tip_thanks", name: firstName, at: at, &random,
                                         amount: tip.amountCents))
        }
        // A few messages not yet sent: drafts and scheduled sends in the near future.
        if random.chance(0.03) {
            let scheduled = random.chance(0.5)
            let body = random.pick(SeedVocabulary.outboundMessages)
            fan.messages.append(.init(account: account(&random), direction: "outbound", body: body, sentiment: nil, template: nil,
                                      status: scheduled ? "scheduled" : "draft",
                                      scheduledAt: scheduled ? now + random.int64(Seconds.hour...(3 * Seconds.day)) : nil,
                                      sentAt: nil, createdAt: time(from: fan.createdAt, &random), responseTimeSeconds: nil))
        }
    }

    /// A sent outbound message, from a template when one is named.
    private func outbound(_ account: Int, template: String?, name: String, at: Int64, _ random: inout SeedRandom,
                          amount: Int64 = 0, responseTime: Int64? = nil) -> FanPlan.Message {
        var body = random.pick(SeedVocabulary.outboundMessages)
        if let template, let found = SeedTemplates.all.first(where: { $0.name == template }) {
            body = SeedTemplates.render(found.body, fanName: name, amountCents: amount)
        }
        let status = ["sent", "delivered", "read", "failed"][random.weightedIndex([2, 5, 8, 0.3])]
        return .init(account: account, direction: "outbound", body: body, sentiment: nil, template: template, status: status,
                     scheduledAt: nil, sentAt: at, createdAt: at, responseTimeSeconds: responseTime)
    }
}
