/// The value lists of the data model's enumerations: the one source that the
/// store's CHECK constraints (`StoreEnums`, in Store) and the language's enum
/// types (`EnumDomain`, in Semantics) both read, so a string literal the
/// checker accepts is always one the database accepts. This module depends on
/// nothing, so both can import it.
///
/// Changing a list changes the language at once, but the store only for new
/// databases: CHECK constraints live in each table's DDL, so an existing file
/// needs a new migration that rebuilds the table, in the same change.
public enum EnumValues {
    public static let platforms = ["onlyfans", "fansly", "patreon", "fanvue", "loyalfans", "manyvids",
                                   "instagram", "tiktok", "x", "reddit", "telegram"]
    public static let lifecycleStages = ["new", "active", "at_risk", "lapsed", "churned"]
    public static let subscriptionStatuses = ["active", "cancelled", "expired", "trial"]
    public static let subscriptionEventTypes = ["started", "renewed", "cancelled", "expired", "trial_started", "win_back"]
    public static let transactionKinds = ["tip", "ppv", "paid_dm", "custom_request", "subscription"]
    public static let messageDirections = ["inbound", "outbound"]
    public static let scoreDimensions = ["churn_risk", "predicted_ltv", "upsell_readiness", "loyalty"]
    public static let memoryKinds = ["preference", "personal_detail", "key_date", "conversation_fact"]
    public static let customRequestStages = ["requested", "negotiating", "agreed", "in_production", "delivered"]
    public static let customRequestStatuses = ["pending", "accepted", "declined", "fulfilled", "cancelled"]
}
