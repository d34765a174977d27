/// Every subcommand, in the order `rulec --help` lists them.
enum CommandTable {
    static let all: [any Command.Type] = [
        CheckCommand.self,
        FmtCommand.self,
        DbInitCommand.self,
        DbSeedCommand.self,
        DeployCommand.self,
        RunCommand.self,
        PauseCommand.self,
        ResumeCommand.self,
        HitlListCommand.self,
        HitlShowCommand.self,
        HitlApproveCommand.self,
        HitlRejectCommand.self,
    ]
}
