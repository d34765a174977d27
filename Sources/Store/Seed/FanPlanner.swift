/// Decides one synthetic fan at a time. Each fan draws from its own random
/// stream (derived from the seed and the fan's index), so fan 7 is the same
/// whatever else changes, and generation needs no shared state.
struct FanPlanner {
    let now: Int64
    let historyStart: Int64
    private let base: SeedRandom
    /// Mixed into platform ids so two creators seeded alike do not share them.
    private let salt: UInt64

    /// Paid platforms carry subscriptions and most spending; the rest are social reach.
    static let platformWeights: [(platform: String, weight: Double, paid: Bool)] = [
        ("onlyfans", 45, true), ("fansly", 20, true), ("patreon", 8, true), ("fanvue", 5, true),
        ("loyalfans", 3, true), ("manyvids", 3, true), ("instagram", 6, false), ("tiktok", 4, false),
        ("x", 3, false), ("reddit", 2, false), ("telegram", 1, false),
    ]
    static let paidPlatforms = Set(platformWeights.filter(\.paid).map(\.platform))

    init(options: SeedOptions) {
        now = options.now
        historyStart = options.now - SeedOptions.historyDays * Seconds.day
        base = SeedRandom(seed: options.seed)
        salt = options.userID.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    func plan(fan index: Int) -> FanPlan {
        var random = base.derived(UInt64(index))
        var fan = FanPlan()
        let traits = Traits(random: &random)
        // One in eight fans arrived in the last two weeks; the rest across the history.
        fan.createdAt = random.chance(0.12)
            ? now - random.int64(0...(14 * Seconds.day))
            : now - random.int64((14 * Seconds.day)...(SeedOptions.historyDays * Seconds.day))
        fan.displayName = displayName(&random)
        fan.timezone = random.chance(0.7) ? random.pick(SeedVocabulary.timezones) : nil
        fan.accounts = accounts(for: index, joinedAt: fan.createdAt, &random)

        for (account, record) in fan.accounts.enumerated()
        where Self.paidPlatforms.contains(record.platform) && random.chance(0.85) {
            fan.subscriptions.append(subscription(account: account, from: record.linkedAt, &random))
        }
        addSubscriptionCharges(&fan)
        addPurchases(&fan, traits, &random)
        addCustomRequests(&fan, traits, &random)
        addMessages(&fan, traits, &random)
        fan.transactions.sort { $0.occurredAt < $1.occurredAt }
        fan.messages.sort { $0.createdAt < $1.createdAt }
        describe(&fan, traits, &random)
        return fan
    }

    /// Per-person dispositions that shape every later draw.
    struct Traits {
        /// Heavy-tailed spending appetite: median 1, a few fans above 20.
        let propensity: Double
        /// How much they write.
        let chattiness: Double
        init(random: inout SeedRandom) {
            propensity = min(random.logNormal(median: 1, sigma: 1.3), 120)
            chattiness = min(random.logNormal(median: 1, sigma: 0.7), 15)
        }
    }

    private func displayName(_ random: inout SeedRandom) -> String {
        let first = random.pick(SeedVocabulary.firstNames)
        if random.chance(0.5) { return first }
        let initial = random.pick(Array("ABCDEFGHJKLMNOPRSTVW"))
        return "\(first) \(initial)."
    }

    /// 1 account for most people, 2 or 3 for some (about 1.3 on average), on distinct platforms.
    private func accounts(for index: Int, joinedAt: Int64, _ random: inout SeedRandom) -> [FanPlan.Account] {
        let count = [1, 2, 3][random.weightedIndex([75, 20, 5])]
        var platforms: [String] = []
        while platforms.count < count {
            let platform = Self.platformWeights[random.weightedIndex(Self.platformWeights.map(\.weight))].platform
            if !platforms.contains(platform) { platforms.append(platform) }
        }
        return platforms.enumerated().map { offset, platform in
            // SplitMix's finalizer is a bijection, so distinct (fan, account) pairs give distinct ids.
            let id = SplitMix64.mix(salt ^ UInt64(index * 4 + offset))
            let linkedAt = offset == 0 ? joinedAt : random.int64(joinedAt...now)
            let handle = random.pick(SeedVocabulary.handleWords) + "_" + random.pick(SeedVocabulary.handleWords)
                + String(random.int(1...999))
            return FanPlan.Account(platform: platform, platformFanID: String(id, radix: 36), username: handle, linkedAt: linkedAt)
        }
    }

    /// A time in [from, now], with a small share in the last day so every seed has fresh activity.
    func time(from start: Int64, _ random: inout SeedRandom) -> Int64 {
        let start = min(start, now)
        if random.chance(0.04) { return max(start, now - random.int64(0...Seconds.day)) }
        return random.int64(start...now)
    }

    /// The fraction of the history this fan has been around for.
    func tenure(_ fan: FanPlan) -> Double {
        Double(now - fan.createdAt) / Double(SeedOptions.historyDays * Seconds.day)
    }
}
