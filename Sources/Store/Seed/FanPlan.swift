/// One synthetic person and everything about them, decided in memory before
/// any row is written: lifecycle stage, last activity and scores depend on the
/// whole history, and the fan row must be inserted first.
/// Accounts, subscriptions and requests are referred to by index into their arrays.
struct FanPlan {
    struct Account {
        let platform: String
        let platformFanID: String
        let username: String
        let linkedAt: Int64
    }

    struct SubscriptionEvent {
        let type: String
        let occurredAt: Int64
    }

    struct Subscription {
        let account: Int
        let tier: String
        let priceCents: Int64
        var status = "active"
        var autoRenew = true
        var startedAt: Int64
        var renewsAt: Int64?
        var cancelledAt: Int64?
        var endedAt: Int64?
        var events: [SubscriptionEvent] = []
    }

    struct Transaction {
        let account: Int
        let kind: String
        let amountCents: Int64
        let occurredAt: Int64
        /// The subscription event that charged it (`subscription` kind): (subscription, event) indexes.
        var subscriptionEvent: (subscription: Int, event: Int)? = nil
        /// The custom request it paid for (`custom_request` kind).
        var customRequest: Int? = nil
    }

    struct CustomRequest {
        let account: Int
        let description: String
        let stage: String
        let status: String
        let offeredCents: Int64
        let agreedCents: Int64?
        let createdAt: Int64
        let deliveredAt: Int64?
    }

    struct Message {
        let account: Int
        let direction: String
        let body: String
        let sentiment: Double?
        let template: String?
        let status: String
        let scheduledAt: Int64?
        let sentAt: Int64?
        let createdAt: Int64
        let responseTimeSeconds: Int64?
    }

    struct Memory { let kind, key, value: String; let createdAt: Int64 }
    struct Note { let body: String; let createdAt: Int64 }
    struct Tag { let name: String; let createdAt: Int64 }

    var displayName = ""
    var timezone: String?
    var createdAt: Int64 = 0
    var lifecycleStage = "new"
    var engagementScore = 0.0
    var lastActiveAt: Int64?
    var accounts: [Account] = []
    var subscriptions: [Subscription] = []
    var transactions: [Transaction] = []
    var customRequests: [CustomRequest] = []
    var messages: [Message] = []
    var scores: [(dimension: String, value: Double)] = []
    var tags: [Tag] = []
    var memories: [Memory] = []
    var notes: [Note] = []

    var lifetimeSpendCents: Int64 { transactions.reduce(0) { $0 + $1.amountCents } }
}
