import Runtime

/// `rulec rules`: the deployed rules and segments, their status and recent
/// activity. Reads only.
struct RulesCommand: Command {
    static let path = ["rules"]
    static let summary = "List the deployed rules and segments"
    static let help = """
        Usage: rulec rules [--format text|json] [--db FILE] [--user ID] [--now T]

        Lists the creator's deployed rules (name, trigger, status and who paused it,
        version, when deployed, when last fired, firings in the 7 days up to --now) and
        the segments of the deployed program (members, when evaluated, when deployed).
        "Deployed" is when the row last changed: a deploy that added or changed it, or a
        pause or resume. Writes nothing.

        Options:
          --format F  text (two aligned tables, default) or json:
                      {"rules":[{"name","trigger","status","paused_by","version","deployed_at",
                      "last_fired_at","firings_7d"}],"segments":[{"name","display_name","members",
                      "evaluated_at","deployed_at"}]}
          --now T     the end of the 7-day window: ISO 8601 or Unix seconds (default the clock)
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try HitlOutput.Format(option: arguments.option("--format"))
        let support = try RuntimeCommandSupport.open(&arguments, context, access: .read)
        if let extra = try arguments.positionals(known: ["--format"] + RuntimeCommandSupport.commonOptions).first {
            throw CLIError.usage("rules takes no arguments, got '\(extra)'")
        }
        let listing = try support.guarded { try DeployedListing.load(from: support.creator, now: support.now) }
        switch format {
        case .json:
            context.standardOutput.print(listing.json.prettySerialized())
        case .text:
            guard !listing.rules.isEmpty || !listing.segments.isEmpty else {
                context.standardOutput.print("no deployed rules; deploy a program with 'rulec deploy PATH'")
                return .success
            }
            TextTable.lines(listing.ruleRows).forEach { context.standardOutput.print($0) }
            if !listing.segments.isEmpty {
                context.standardOutput.print("")
                TextTable.lines(listing.segmentRows).forEach { context.standardOutput.print($0) }
            }
        }
        return .success
    }
}
