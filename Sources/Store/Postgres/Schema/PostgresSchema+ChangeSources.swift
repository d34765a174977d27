/// Migration 21 on PostgreSQL, mirroring `Schema+ChangeSources.swift`: the
/// change log names the table of each change. The two trigger functions are
/// replaced (the triggers call them by name, so they stay) and write
/// `TG_TABLE_NAME`.
extension PostgresSchema {
    static var changeSources: String {
        "ALTER TABLE fan_changes ADD COLUMN source_table text COLLATE \"C\";\n"
            + changeFunction("rulec_log_fan_change", fan: "fan_id", source: true)
            + changeFunction("rulec_log_profile_change", fan: "id", source: true)
    }
}
