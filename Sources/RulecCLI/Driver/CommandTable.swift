/// Every subcommand, in the order `rulec --help` lists them.
enum CommandTable {
    static let all: [any Command.Type] = [
        CheckCommand.self,
        FmtCommand.self,
        DbInitCommand.self,
        DbSeedCommand.self,
        RunCommand.self,
    ]
}
