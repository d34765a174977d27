import Runtime

/// `rulec pause RULE`: stop a deployed rule from running; redeploys keep the pause.
struct PauseCommand: Command {
    static let path = ["pause"]
    static let summary = "Pause a deployed rule"
    static let help = """
        Usage: rulec pause RULE [--db FILE] [--user ID] [--now T]

        Pauses the deployed rule named RULE (its name as written in `rule "..."`). A paused
        rule is kept and checked but never runs; a redeploy keeps the pause until
        'rulec resume RULE'.

        Exit status: 0 paused (or already paused), 1 no such rule, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        try RuleSwitchCommand.run(&arguments, context, verb: "pause") { name, support in
            try RuleSwitch.pause(name, in: support.creator, now: support.now)
        }
    }
}

/// The shared body of `pause` and `resume`: one RULE argument, a refusal
/// with a did-you-mean for an unknown name.
enum RuleSwitchCommand {
    static func run(_ arguments: inout Arguments, _ context: CommandContext, verb: String,
                    change: (String, RuntimeCommandSupport) throws -> RuleSwitch.Change) throws -> ExitCode {
        let support = try RuntimeCommandSupport.open(&arguments, context)
        let names = try arguments.positionals(known: RuntimeCommandSupport.commonOptions)
        guard names.count == 1, let name = names.first else { throw CLIError.usage("\(verb) takes one RULE name, got \(names.count)") }
        do {
            let result = try support.guarded { try change(name, support) }
            let note = result.before == result.after ? " (it already was)" : ""
            context.standardOutput.print("rule \"\(name)\" is \(result.after)\(note)")
            return .success
        } catch RuleSwitch.Failure.unknownRule(let name, let known) {
            var message = "no deployed rule \"\(name)\""
            if let guess = Suggest.closest(to: name, among: known) { message += ". Did you mean \"\(guess)\"?" }
            return RuntimeCommandSupport.refuse(message, context)
        } catch let failure as RuleSwitch.Failure {
            return RuntimeCommandSupport.refuse(failure.description, context)
        }
    }
}
