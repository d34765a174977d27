import Foundation
import Planning
import Semantics
import Syntax

/// `rulec segments refresh [NAME...]`: materialize segment membership (the
/// work is `SegmentRefresher`'s; this file reads flags and prints counts).
struct SegmentsRefreshCommand: Command {
    static let path = ["segments", "refresh"]
    static let summary = "Evaluate segments and store who entered and exited"
    static let help = """
        Usage: rulec segments refresh [NAME...] [--full] [--rules PATH]... [--format text|json]
                                      [--db FILE] [--user ID] [--now T]

        Evaluates the creator's segments (all, or those named) at 'now' and updates
        fan_segment_members with the difference only: fans who now match are added, fans
        who no longer match are removed, and each change is recorded in
        fan_segment_member_events ('entered' / 'exited'), which 'segment.entered' and
        'segment.exited' rules consume. All segments are refreshed in one transaction, in
        dependency order. Prints, per segment, its members and how many entered and exited.

        A refresh after the first re-evaluates only the fans whose data changed since the
        segment's last refresh and those whose rows crossed a window edge as the clock
        moved; the result is always what re-evaluating every fan gives. A segment whose
        definition changed, or that reads the clock in a way the refresh cannot bound, is
        re-evaluated for every fan.

        Options:
          --full        re-evaluate every fan of every segment refreshed
          --rules PATH  take the segments from these files or folders (repeatable) instead of
                        the deployed program; a segment never deployed gets its fan_segments row
          --format F    text (default) or json: {"segments":[{"name","members","entered","exited"}]}
          --db FILE     the store (default $RULEC_DB, else ./crm.sqlite)
          --user ID     the creator (default $RULEC_USER)
          --now T       the clock: ISO 8601 or Unix seconds

        Exit status: 0 refreshed, 1 the program has errors or a NAME is unknown, 2 usage or I/O error.
        """

    static let knownOptions = ["--rules", "--format", "--full"] + StoreOptions.names

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let format = try OutputFormat(option: arguments.option("--format"))
        let full = arguments.flag("--full")
        let rulesPaths = try ProgramSource.paths(&arguments)
        let options = try StoreOptions.read(&arguments, context)
        let names = try arguments.positionals(known: knownOptions)

        let session = try options.open(.write, context)
        let store = session.creator, now = session.now
        let program = try ProgramSource.checked(try ProgramSource.files(paths: rulesPaths, store: store, context: context), context: context)
        for name in names {
            try ExplainCommand.requireKnown(name, kind: "segment", among: program.segments.map(\.name), context: context)
        }
        let refreshed: [SegmentRefresh]
        do {
            refreshed = try SegmentRefresher(store: store, program: program)
                .refresh(names.isEmpty ? nil : names, now: now, zone: session.zone, mode: full ? .full : .incremental)
        } catch {
            throw StoreOptions.cliError(error, path: session.path)
        }

        let displayNames = Dictionary(program.segments.compactMap { s in s.displayName.map { (s.name, $0) } },
                                      uniquingKeysWith: { first, _ in first })
        switch format {
        case .json:
            let segments: [JSONValue] = refreshed.map {
                ["name": .string($0.name), "display_name": displayNames[$0.name].map(JSONValue.string) ?? .null,
                 "members": .int($0.members), "entered": .int($0.entered), "exited": .int($0.exited)]
            }
            context.standardOutput.print(JSONValue.object([("segments", .array(segments))]).serialized())
        case .text:
            // A creator reads segments by their display name; the name in parentheses is what
            // rules and commands use.
            let labels = refreshed.map { r in displayNames[r.name].map { "\($0) (\(r.name))" } ?? r.name }
            let width = max(7, labels.map(\.count).max() ?? 0)
            context.standardOutput.print("segment".padding(toLength: width, withPad: " ", startingAt: 0) + "  members  entered   exited")
            for (r, label) in zip(refreshed, labels) {
                context.standardOutput.print(label.padding(toLength: width, withPad: " ", startingAt: 0)
                                             + "  " + pad(r.members, 7) + "  " + pad(r.entered, 7) + "  " + pad(r.exited, 7))
            }
        }
        return .success
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
