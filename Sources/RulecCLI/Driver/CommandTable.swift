/// Every subcommand, in the order `rulec --help` lists them.
enum CommandTable {
    static let all: [any Command.Type] = [
        DemoCommand.self,
        InitCommand.self,
        CheckCommand.self,
        FmtCommand.self,
        ExplainCommand.self,
        DbInitCommand.self,
        DbSeedCommand.self,
        ReplCommand.self,
        DeployCommand.self,
        RunCommand.self,
        PauseCommand.self,
        ResumeCommand.self,
        RulesCommand.self,
        ScheduledCommand.self,
        HitlListCommand.self,
        HitlShowCommand.self,
        HitlApproveCommand.self,
        HitlRejectCommand.self,
        SegmentsRefreshCommand.self,
        SegmentEvalCommand.self,
        WhyCommand.self,
    ]
}
