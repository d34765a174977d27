import Foundation
import Testing
@testable import Store

/// docs/STORE-ENUMS.md is the written copy of StoreEnums for the language
/// checker; it must not drift from the lists the schema enforces.
@Suite struct StoreEnumsDocTests {
    static let docURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/STORE-ENUMS.md")

    @Test func theDocumentMatchesTheLists() throws {
        let expected = StoreEnums.markdown()
        if ProcessInfo.processInfo.environment["RULEC_REGENERATE_GOLDEN"] != nil {
            try expected.write(to: Self.docURL, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: Self.docURL, encoding: .utf8)
        #expect(actual == expected, "docs/STORE-ENUMS.md is stale; regenerate it")
    }

    @Test func thePinnedListsAreExactlyTheContract() {
        #expect(StoreEnums.platforms == ["onlyfans", "fansly", "patreon", "fanvue", "loyalfans", "manyvids", "instagram",
                                         "tiktok", "x", "reddit", "telegram"])
        #expect(StoreEnums.transactionKinds == ["tip", "ppv", "paid_dm", "custom_request", "subscription"])
        #expect(StoreEnums.subscriptionStatuses == ["active", "cancelled", "expired", "trial"])
        #expect(StoreEnums.subscriptionEventTypes == ["started", "renewed", "cancelled", "expired", "trial_started", "win_back"])
        #expect(StoreEnums.scoreDimensions == ["churn_risk", "predicted_ltv", "upsell_readiness", "loyalty"])
        #expect(StoreEnums.lifecycleStages == ["new", "active", "at_risk", "lapsed", "churned"])
    }
}
