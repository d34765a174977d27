import Store

/// Opens the CRM store for the engine: migrated, with the `rulec_*` SQL
/// functions that compiled plans call. Every command that runs plans opens the
/// store this way, so no connection can run a plan without its functions.
public enum EngineStore {
    public static func open(path: String, options: Database.Options = Database.Options()) throws -> Store {
        let store = try Store.open(path: path, options: options)
        try SQLFunctions.register(on: store.database)
        return store
    }

    /// `Store.openExisting` with the plan functions: never creates the file, and
    /// with `readOnly` never writes to it.
    public static func openExisting(path: String, readOnly: Bool) throws -> Store {
        let store = try Store.openExisting(path: path, readOnly: readOnly)
        try SQLFunctions.register(on: store.database)
        return store
    }
}
