import Runtime

/// `rulec resume RULE`: let a paused rule run again.
struct ResumeCommand: Command {
    static let path = ["resume"]
    static let summary = "Resume a paused rule"
    static let help = """
        Usage: rulec resume RULE [--db FILE] [--user ID] [--now T]

        Resumes the deployed rule named RULE after 'rulec pause'. A rule whose source says
        `paused`, or that is gone from the deployed program, cannot be resumed here: edit
        the source and deploy.

        Exit status: 0 resumed (or already active), 1 no such rule or it cannot be resumed,
        2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        try RuleSwitchCommand.run(&arguments, context, verb: "resume") { name, support in
            try RuleSwitch.resume(name, in: support.creator, now: support.now)
        }
    }
}
