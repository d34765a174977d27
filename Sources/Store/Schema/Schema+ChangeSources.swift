/// Migration 21: the change log names the table of each change.
///
/// An incremental `segments refresh` re-evaluates the fans in the change log.
/// Until now every logged fan was a candidate of every segment: a new message
/// made the fan a candidate of `whales`, which reads no message. With the
/// table known, a segment takes only the changes of the tables its condition
/// reads (docs/PLANS.md, "Changes by table"). `source_table` is null for rows
/// logged before this migration, and such a row counts for every segment.
/// The triggers of migration 16 are made again, the same but for the column.
extension Schema {
    static var changeSources: String {
        let tables = changeLoggedFanTables.map { ($0, "fan_id") } + [("fan_profiles", "id")]
        return "ALTER TABLE fan_changes ADD COLUMN source_table TEXT;\n"
            + tables.map { table, _ in
                "DROP TRIGGER \(table)_log_insert;\nDROP TRIGGER \(table)_log_update;\nDROP TRIGGER \(table)_log_delete;\n"
            }.joined()
            + tables.map { table, fan in changeTriggers(table, fan: fan, source: true) }.joined()
    }
}
