import Foundation
import Store

/// `rulec db seed`: a deterministic, realistic synthetic CRM for one creator.
struct DbSeedCommand: Command {
    static let path = ["db", "seed"]
    static let summary = "Fill the store with a synthetic creator CRM"
    static let help = """
        Usage: rulec db seed --fans N [--seed S] [--user ID] [--db FILE] [--now T]

        Generates N fans for one creator: platform accounts (some people on several
        platforms, linked), subscriptions with their event history, heavy-tailed
        spending, messages, scores, tags, memories, templates, and rows in every other
        collection. The same arguments always give the same rows. Other creators in
        the file are left untouched; a creator who already has fans is refused.

        Options:
          --fans N    how many fans (people) to generate
          --seed S    random seed, a whole number (default 1)
          --user ID   the creator (default $RULEC_USER, else creator_1)
          --db FILE   the store (default $RULEC_DB, else ./crm.sqlite)
          --now T     the clock: ISO 8601 or Unix seconds (default 2026-11-24T00:00:00Z);
                      events spread over the 180 days before it
        """

    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode {
        let known = ["--fans", "--seed", "--user", "--db", "--now"]
        let path = try StoreOptions.databasePath(&arguments, context)
        let user = try StoreOptions.userID(&arguments, context, required: false) ?? "creator_1"
        let now = try StoreOptions.now(&arguments, context) ?? SeedOptions.defaultNow
        guard let fans = try arguments.intOption("--fans") else { throw CLIError.usage("db seed needs --fans N") }
        guard fans >= 0 else { throw CLIError.usage("--fans must be zero or more, not \(fans)") }
        let seedText = try arguments.option("--seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw CLIError.usage("--seed takes a non-negative whole number, not '\(seedText)'") }
        if let extra = try arguments.positionals(known: known).first { throw CLIError.usage("db seed takes no arguments, got '\(extra)'") }

        let store = try StoreOptions.openStore(at: path)
        let started = Date()
        let showProgress = context.standardError.isTerminal
        let report: SeedReport
        do {
            report = try Seeder.run(SeedOptions(fans: fans, seed: seed, userID: user, now: now), into: store,
                                    progressEvery: max(fans / 50, 1_000)) { progress in
                // On a terminal the line redraws in place; in a log, one line per step.
                let line = "seeding \(user): \(progress.fansWritten)/\(progress.fansTotal) fans"
                context.standardError.print(showProgress ? "\r" + line : line, terminator: showProgress ? "" : "\n")
            }
        } catch {
            throw StoreOptions.cliError(error, path: path)
        }
        if showProgress { context.standardError.print("") }
        let seconds = Date().timeIntervalSince(started)
        context.standardError.print("seeded \(user) in \(Database.shown(path)): \(fans) fans, \(report.totalRows) rows in "
                                    + String(format: "%.1f", seconds) + "s")
        for (table, rows) in report.rowsByTable where rows > 0 {
            context.standardOutput.print("\(table)\t\(rows)")
        }
        return .success
    }
}
