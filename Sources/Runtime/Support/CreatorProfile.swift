import Foundation
import Store

/// What the runtime needs to know about the creator: the name templates show
/// as `{{creator_name}}`, the time zone schedules and dates use, and the
/// currency money is printed in. A creator without a profile row gets UTC,
/// USD and an empty name.
struct CreatorProfile {
    var displayName: String
    var zone: TimeZone
    var currency: String

    static func load(from store: CreatorStore) throws -> CreatorProfile {
        guard let row = try store.cursor(
            "SELECT display_name, timezone, currency FROM creator_profiles WHERE user_id = :user LIMIT 1").next()
        else { return CreatorProfile(displayName: "", zone: TimeZone(identifier: "UTC")!, currency: "USD") }
        let zone = row.optionalString(1).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        return CreatorProfile(displayName: row.optionalString(0) ?? "", zone: zone, currency: row.optionalString(2) ?? "USD")
    }
}
