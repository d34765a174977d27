import Store

/// `rulec db init`: create the store, or migrate an older one to this build's schema.
struct DbInitCommand: Command {
    static let path = ["db", "init"]
    static let summary = "Create or migrate the CRM store"
    static let help = """
        Usage: rulec db init [--db FILE]

        Creates the SQLite store with every collection of the data model, or applies
        the migrations an older file lacks. A file from a newer rulec is refused.

        Options:
          --db FILE   the store (default $RULEC_DB, else ./crm.sqlite)
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let path = try StoreOptions.databasePath(&arguments, context)
        if let extra = try arguments.positionals(known: ["--db"]).first { throw CLIError.usage("db init takes no arguments, got '\(extra)'") }
        let store = try StoreOptions.openStore(at: path)
        context.standardError.print("store \(Database.shown(path)) is at schema version \(store.schemaVersion)")
        return .success
    }
}
