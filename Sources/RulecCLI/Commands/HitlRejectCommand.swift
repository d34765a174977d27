import Runtime

/// `rulec hitl reject ID`: drop a queued action; the rejection is recorded.
struct HitlRejectCommand: Command {
    static let path = ["hitl", "reject"]
    static let summary = "Reject a queued action"
    static let help = """
        Usage: rulec hitl reject ID [--reason TEXT] [--by NAME] [--db FILE] [--user ID] [--now T]

        Rejects a pending item of this creator: nothing runs, and an actions row with
        outcome 'rejected' records the decision.

        Options:
          --reason TEXT  why, kept with the decision
          --by NAME      who decided (default $USER, else 'rulec')

        Exit status: 0 rejected, 1 the item is not this creator's or not pending, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let reason = try arguments.option("--reason")
        let by = try arguments.option("--by") ?? context.environment["USER"] ?? "rulec"
        let support = try RuntimeCommandSupport.open(&arguments, context)
        let id = try HitlOutput.id(&arguments, verb: "reject", known: ["--reason", "--by"])
        do {
            try support.guarded { try ApprovalQueue(store: support.creator).reject(id, by: by, reason: reason, now: support.now) }
            context.standardOutput.print("rejected #\(id)")
            return .success
        } catch let error as ApprovalError {
            return RuntimeCommandSupport.refuse(error.description, context)
        }
    }
}
