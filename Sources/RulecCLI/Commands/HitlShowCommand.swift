import Runtime

/// `rulec hitl show ID`: one approval item in full.
struct HitlShowCommand: Command {
    static let path = ["hitl", "show"]
    static let summary = "Show one approval item"
    static let help = """
        Usage: rulec hitl show ID [--format text|json] [--db FILE] [--user ID] [--now T]

        Prints every field of the approval item and its full preview. An item past its
        expiry at the clock (--now, default the system clock) shows as expired.
        Exit status: 0 shown, 1 no such item for this creator, 2 usage or I/O error.
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try HitlOutput.Format(option: arguments.option("--format"))
        let support = try RuntimeCommandSupport.open(&arguments, context, access: .read)
        let id = try HitlOutput.id(&arguments, verb: "show", known: ["--format"])
        guard let item = try support.guarded({ try ApprovalQueue(store: support.creator).item(id, at: support.now) }) else {
            return RuntimeCommandSupport.refuse(ApprovalError.notFound(id).description, context)
        }
        switch format {
        case .json: context.standardOutput.print(item.json.prettySerialized())
        case .text: context.standardOutput.print(HitlOutput.details(item))
        }
        return .success
    }
}
