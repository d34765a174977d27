import Semantics

/// The fields a program reads that the store keeps no history of, so a
/// backtest reads them as they are now (RULEC.md `rulec simulate`). Derived
/// from what the checker resolved, so only fields the program really reads count.
enum HistoryCaveats {
    /// fan_profiles columns a backtest rebuilds as they were.
    private static let historicalColumns: Set<String> = ["lifetime_spend_cents", "created_at", "id"]
    /// Collections whose rows are history with a time (docs/SIMULATE.md).
    private static let historicalTables: Set<String> = Set(HistoryTable.all.map(\.table))

    static func of(_ program: CheckedProgram) -> [String] {
        var caveats = Set<String>()
        for resolution in program.resolutions.values {
            switch resolution {
            case .fanField(let field):
                switch field.storage {
                case .column(let column) where !historicalColumns.contains(column):
                    caveats.insert("fan.\(field.name) is read as it is now (the store keeps no history of it)")
                case .platforms:
                    caveats.insert("fan.platforms is read as it is now (linked accounts have no history)")
                case .hasActiveSubscription:
                    caveats.insert("fan.is_subscribed is read as it is now (subscription status has no history)")
                case .tags:
                    caveats.insert("fan.tags: tags removed after the start of the window cannot be restored")
                default:
                    break
                }
            case .scoreDimension(let dimension):
                caveats.insert("fan.score.\(dimension.name) is read as it is now (scores have no history)")
            case .collection(let spec), .collectionField(let spec, _), .elementField(let spec, _):
                if !historicalTables.contains(spec.table) {
                    caveats.insert("fan.\(spec.name) is read as it is now (the store keeps no history of it)")
                }
            default:
                break
            }
        }
        return caveats.sorted()
    }
}
