import Planning
import Runtime

/// `rulec hitl approve ID`: execute a queued action exactly once (or schedule
/// it, when it has `after`, counting from now).
struct HitlApproveCommand: Command {
    static let path = ["hitl", "approve"]
    static let summary = "Approve a queued action (it runs once)"
    static let help = """
        Usage: rulec hitl approve ID [--by NAME] [--db FILE] [--user ID] [--now T]

        Approves a pending item of this creator: its action runs now, once (an action with
        `after D` is scheduled D from now), and the decision is recorded.

        Options:
          --by NAME   who decided (default $USER, else 'rulec')

        Exit status: 0 approved, 1 the item is not this creator's or not pending, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let by = try arguments.option("--by") ?? context.environment["USER"] ?? "rulec"
        let support = try RuntimeCommandSupport.open(&arguments, context)
        let id = try HitlOutput.id(&arguments, verb: "approve", known: ["--by"])
        do {
            let outcome = try support.guarded { try ApprovalQueue(store: support.creator).approve(id, by: by, now: support.now) }
            switch outcome {
            case .executed: context.standardOutput.print("approved #\(id): executed")
            case .scheduled(let dueAt): context.standardOutput.print("approved #\(id): scheduled for \(Time.iso8601(dueAt))")
            }
            return .success
        } catch let error as ApprovalError {
            return RuntimeCommandSupport.refuse(error.description, context)
        }
    }
}
