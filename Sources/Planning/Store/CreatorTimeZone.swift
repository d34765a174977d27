import Foundation
import Store

/// The creator's time zone (creator_profiles.timezone): the zone `date("…")`,
/// `hour_of_day`, `day_of_week` and schedules use. UTC when the creator has no
/// profile or names a zone this system does not know.
public enum CreatorTimeZone {
    public static func load(from store: CreatorStore) throws -> TimeZone {
        let name = try store.scalar("SELECT timezone FROM creator_profiles WHERE user_id = :user").string
        return name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }
}
