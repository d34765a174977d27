import Semantics
import Store

/// Random small CRMs full of edge values: nulls in every nullable column,
/// empty collections, timestamps on window boundaries, equal timestamps,
/// money near Int64's limits, awkward strings, missing scores, several
/// accounts on one platform, and a second creator whose fans and rows must be ignored.
struct DiffCRMGenerator {
    var random: DiffRandom

    mutating func crm() -> DiffCRM {
        var rows: [CRMRow] = []
        let queriedFans = random.int(in: 2...6)
        for index in 0..<queriedFans { rows += fan(id: Int64(index + 1), userID: DiffCRM.queried) }
        for index in 0..<random.int(in: 1...2) { rows += fan(id: Int64(101 + index), userID: DiffCRM.other) }
        // The other creator's fans come with full collections of their own, never
        // to be read. (Rows of one creator about another's fan cannot exist: the
        // store refuses them, see CreatorScopeTests.)
        return DiffCRM(rows: rows)
    }

    private mutating func fan(id: Int64, userID: String) -> [CRMRow] {
        let profile = CRMRow(table: "fan_profiles", userID: userID, fanID: id,
                             columns: ["id", "display_name", "timezone", "lifecycle_stage", "engagement_score", "created_at", "last_active_at"],
                             values: [.integer(id), .text(random.pick(DiffEdges.dataStrings)), text(random.pick(DiffEdges.timezones)),
                                      .text(random.pick(EnumDomain.lifecycleStage.values)), .real(random.pick(DiffEdges.engagement)),
                                      .integer(DiffEdges.timestamp(&random)), nullable(.integer(DiffEdges.timestamp(&random)))])
        var rows = [profile]
        for dimension in Catalog.scoreDimensions where random.chance(0.6) {
            let values = dimension.type == .money ? DiffEdges.moneyScores : DiffEdges.numberScores
            rows.append(row("fan_scores", userID, id, ["dimension", "value"], [.text(dimension.dimension), .real(random.pick(values))]))
        }
        return rows + collections(fanID: id, userID: userID, tagsTaken: [])
    }

    private mutating func collections(fanID: Int64, userID: String, tagsTaken: Set<String>) -> [CRMRow] {
        var rows: [CRMRow] = []
        var spend: Int64 = 0
        for _ in 0..<count() {
            // The store keeps lifetime_spend_cents as the running sum, so no prefix may overflow.
            var amount = random.pick(DiffEdges.moneyCents)
            if spend.addingReportingOverflow(amount).overflow { amount = -amount / 2 }
            spend += amount
            rows.append(row("fan_transactions", userID, fanID, ["kind", "amount_cents", "platform", "occurred_at"],
                            [enumValue(.transactionKind), .integer(amount), enumValue(.platform), time()]))
        }
        for _ in 0..<count() {
            rows.append(row("fan_messages", userID, fanID, ["direction", "body", "sentiment", "platform", "sent_at"],
                            [enumValue(.messageDirection), .text(random.pick(DiffEdges.dataStrings)),
                             nullable(.real(random.pick(DiffEdges.sentiments))), enumValue(.platform), nullable(time())]))
        }
        for _ in 0..<count() {
            rows.append(row("fan_subscriptions", userID, fanID, ["platform", "tier", "status", "auto_renew", "price_cents", "started_at", "renews_at"],
                            [enumValue(.platform), .text(random.pick(DiffEdges.tiers)), enumValue(.subscriptionStatus),
                             .integer(random.chance(0.5) ? 1 : 0), .integer(random.pick(DiffEdges.moneyCents.filter { $0 >= 0 })),
                             time(), nullable(time())]))
        }
        for _ in 0..<count() {
            rows.append(row("fan_subscription_events", userID, fanID, ["event_type", "platform", "tier", "price_cents", "occurred_at"],
                            [enumValue(.subscriptionEventType), enumValue(.platform), .text(random.pick(DiffEdges.tiers)),
                             .integer(random.pick(DiffEdges.moneyCents)), time()]))
        }
        for _ in 0..<count() {
            rows.append(row("fan_custom_requests", userID, fanID, ["status", "stage", "offered_price_cents", "agreed_price_cents", "created_at", "description"],
                            [enumValue(.customRequestStatus), enumValue(.customRequestStage), nullable(.integer(random.pick(DiffEdges.moneyCents))),
                             nullable(.integer(random.pick(DiffEdges.moneyCents))), time(), .text(random.pick(DiffEdges.dataStrings))]))
        }
        for _ in 0..<count() {
            rows.append(row("fan_memories", userID, fanID, ["kind", "key", "value", "created_at"],
                            [enumValue(.memoryKind), .text(random.pick(DiffEdges.dataStrings)), .text(random.pick(DiffEdges.dataStrings)), time()]))
        }
        // Several accounts may share a platform; the dedup key is (platform, platform_fan_id).
        for index in 0..<count() {
            rows.append(row("fan_platform_accounts", userID, fanID, ["platform", "platform_fan_id", "username", "linked_at"],
                            [enumValue(.platform), .text("\(userID)-\(fanID)-\(index)"), nullable(.text(random.pick(DiffEdges.dataStrings))), time()]))
        }
        var tags = tagsTaken
        for _ in 0..<count() {
            let tag = random.pick(DiffEdges.tags)
            guard tags.insert(tag).inserted else { continue }
            rows.append(row("fan_tag_values", userID, fanID, ["tag", "created_at"], [.text(tag), time()]))
        }
        return rows
    }

    /// Rows in one collection: often none, sometimes several.
    private mutating func count() -> Int { random.pick([0, 0, 1, 1, 2, 3]) }

    /// Equal timestamps are common on purpose: half the rows reuse `now`.
    private mutating func time() -> SQLValue { .integer(random.chance(0.3) ? DiffEdges.now : DiffEdges.timestamp(&random)) }

    private mutating func nullable(_ value: SQLValue) -> SQLValue { random.chance(0.25) ? .null : value }

    private mutating func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// Platforms mostly come from three, so one fan often has two accounts on one.
    private mutating func enumValue(_ domain: EnumDomain) -> SQLValue {
        if domain == .platform, random.chance(0.7) { return .text(random.pick(["onlyfans", "fansly", "x"])) }
        return .text(random.pick(domain.values))
    }

    private func row(_ table: String, _ userID: String, _ fanID: Int64, _ columns: [String], _ values: [SQLValue]) -> CRMRow {
        CRMRow(table: table, userID: userID, fanID: fanID, columns: ["fan_id"] + columns, values: [.integer(fanID)] + values)
    }
}
