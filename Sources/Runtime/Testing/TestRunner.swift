import Foundation
import Planning
import Semantics
import Store
import Syntax

/// Runs one `test` declaration (LANGUAGE.md §10) in its own in-memory store:
/// fans and rows are written, the program is deployed with `Deployer` and
/// events are played through `Engine`, the engine `rulec run` uses, so
/// firing order, cooldown, limits, cascades, `after` and approvals are the
/// real ones. Expectations read what the engine wrote.
public enum TestRunner {
    /// `files` are the program's files; `deployed` the same with the tests
    /// blanked out (see `deployable`), computed once for a whole suite.
    public static func run(_ test: CheckedTest, program: CheckedProgram, files: [SourceFile], deployed: [SourceFile]? = nil,
                           coverage: Bool = false) -> TestResult {
        let start = test.declaration.range
        let nameRange = SourceRange(file: start.file, start: start.start, end: test.declaration.name.range.end)
        do {
            var run = try TestRun(test: test, program: program, files: deployed ?? deployable(files, program: program),
                                  recordCoverage: coverage)
            try run.play()
            return TestResult(name: test.name, range: nameRange, outcome: run.failures.isEmpty ? .pass : .fail,
                              failures: run.failures, coverage: run.coverage?.log ?? CoverageLog())
        } catch let error as TestError {
            return TestResult(name: test.name, range: nameRange, outcome: .error,
                              failures: [TestFailure(range: error.range, message: error.message)])
        } catch {
            return TestResult(name: test.name, range: nameRange, outcome: .error,
                              failures: [TestFailure(range: nameRange, message: "the test could not run: \(error)")])
        }
    }
}

extension TestRunner {
    /// The files each test deploys: the program's, with every `test`
    /// declaration replaced by spaces (newlines kept, so positions stay).
    /// Deploy ignores tests anyway; without them the deployer does not check
    /// every test of the suite again for each test.
    public static func deployable(_ files: [SourceFile], program: CheckedProgram) -> [SourceFile] {
        let ranges = Dictionary(grouping: program.tests.map(\.declaration.range), by: \.file)
        return files.map { file in
            guard let blanks = ranges[file.id] else { return file }
            var bytes = file.bytes
            for range in blanks {
                for index in range.start..<min(range.end, bytes.count) where bytes[index] != UInt8(ascii: "\n") {
                    bytes[index] = UInt8(ascii: " ")
                }
            }
            // The blank tail goes (positions before it stay): a file of tests alone becomes
            // empty, so each test does not lex and store its whole suite as spaces again
            // (a 1,000-test suite ran 4 tests/s before this).
            let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")]
            if let last = bytes.lastIndex(where: { !blank.contains($0) }) {
                bytes.removeSubrange((last + 1)...)
                bytes.append(UInt8(ascii: "\n"))
            } else {
                bytes.removeAll()
            }
            return SourceFile(id: file.id, path: file.path, bytes: bytes)
        }
    }
}

/// The state of one test while its steps play.
struct TestRun {
    let test: CheckedTest
    let program: CheckedProgram
    let files: [SourceFile]
    let world: TestWorld
    let recordCoverage: Bool
    var failures: [TestFailure] = []
    /// Set when `--coverage` asked for it.
    let coverage: CoverageRecorder?
    var deployed = false
    /// Fans that join at their `fan.created` event, with their blocks.
    var latecomers: [String: [TestField]] = [:]

    init(test: CheckedTest, program: CheckedProgram, files: [SourceFile], recordCoverage: Bool) throws {
        self.test = test
        self.program = program
        self.files = files
        self.recordCoverage = recordCoverage
        self.world = try TestWorld(program: program)
        self.coverage = recordCoverage ? CoverageRecorder(world: world, decisions: Decision.all(in: program)) : nil
        for (index, step) in test.declaration.steps.enumerated() {
            if case .event(_, let fan, _) = step.kind, case .event(let spec, _)? = test.triggers[index], spec.name == "fan.created" {
                latecomers[fan.name] = []
            }
        }
    }

    mutating func play() throws {
        for (index, step) in test.declaration.steps.enumerated() {
            switch step.kind {
            case .now(let e):
                world.clock = try world.timestamp(e)
            case .template(let name, let body):
                try world.addTemplate(name.value, body: body.value)
            case .fan(let name, let fields):
                if latecomers[name.name] != nil {
                    latecomers[name.name] = fields
                    continue
                }
                try world.addFan(name, fields: fields)
                if deployed { try world.skipHistory() }
            case .event(_, let fan, let fields):
                try deployIfNeeded()
                guard let trigger = test.triggers[index] else { continue }
                try playEvent(trigger, fan: fan, fields: fields, range: step.range)
                try runEngine()
            case .at(let e):
                try deployIfNeeded()
                let time = try world.timestamp(e)
                guard time >= world.clock else {
                    throw TestError(range: e.range, message: "`at` moves the clock forward only: \(Time.iso8601(time)) is before \(Time.iso8601(world.clock))")
                }
                world.clock = time
                try runEngine()
            case .decide(let approve, let pattern):
                try deployIfNeeded()
                try decide(approve: approve, pattern, range: step.range)
                try runEngine()
            case .expect(let expectation):
                try deployIfNeeded()
                if let failure = try check(expectation, range: step.range) { failures.append(failure) }
            }
        }
    }

    /// Deploys the program once the world's opening (clock, templates, fans)
    /// is in place: history written before it never fires, as on a first deploy.
    /// Templates the program sends and the test did not declare get an empty
    /// body, so a test need not repeat the creator's templates.
    private mutating func deployIfNeeded() throws {
        guard !deployed else { return }
        deployed = true
        let declared = Set(try world.creator.rows("SELECT name FROM message_templates WHERE user_id = :user").compactMap { $0[0].string })
        for rule in program.rules {
            for case .send(let template, _, _) in rule.actions.map(\.kind) where !declared.contains(template) {
                try world.addTemplate(template, body: "")
            }
        }
        do {
            _ = try Deployer.deploy(files: files, to: world.creator, now: world.clock)
        } catch {
            throw TestError(range: test.declaration.name.range, message: "the program does not deploy in this test: \(error)")
        }
    }

    /// The engine at the clock, batch after batch until nothing is left.
    private mutating func runEngine() throws {
        var options = EngineOptions()
        options.observer = coverage
        let engine = Engine(store: world.creator, options: options)
        var report = try engine.runBatch(clock: world.clock)
        while report.hasMoreEvents { report = try engine.runBatch(clock: world.clock) }
        try coverage?.recordRuns()
    }

    // MARK: Events

    private mutating func playEvent(_ trigger: CheckedTrigger, fan: Identifier, fields: [TestField], range: SourceRange) throws {
        guard case .event(let spec, let argument) = trigger else { return }
        if spec.name == "fan.created" {
            try world.addFan(fan, fields: latecomers[fan.name] ?? [])
            latecomers[fan.name] = nil
            return
        }
        let fanID = try world.fanID(fan)
        var values = try world.recordValues(fields, spec.fields)
        if let filter = spec.filter { values[filter.column] = .text(filter.value) }
        switch spec.sourceTable {
        case "fan_segment_member_events":
            guard let argument,
                  let segment = try world.creator.scalar("SELECT id FROM fan_segments WHERE user_id = :user AND name = ?", [.text(argument)]).int64
            else { throw TestError(range: range, message: "the segment is not deployed") }
            try world.insert(table: spec.sourceTable, columns: [("fan_id", .integer(fanID)), ("segment_id", .integer(segment)),
                                                                ("change", values["change"] ?? .text("entered")),
                                                                ("occurred_at", values["occurred_at"] ?? .integer(world.clock))], range: range)
        case "fan_tag_values":
            // Adding a tag the fan has raises no event (LANGUAGE.md §7).
            try world.insert(table: spec.sourceTable, columns: [("fan_id", .integer(fanID)), ("tag", .text(argument ?? "")),
                                                                ("created_at", values["created_at"] ?? .integer(world.clock))],
                             range: range, orIgnore: true)
        default:
            try world.addRow(spec.sourceTable, fan: fanID, values: values, timeColumn: spec.timeField?.column ?? "created_at", range: range)
        }
    }

    // MARK: Approvals

    private func decide(approve: Bool, _ pattern: TestActionPattern, range: SourceRange) throws {
        let fanID = try world.fanID(pattern.fan)
        let expected = try TestActions.expectedArguments(pattern, world: world)
        let pending = try TestActions.queued(world.creator, fan: fanID).filter { $0.status == "pending" && $0.matches(pattern, expected) }
        guard let item = pending.first else {
            throw TestError(range: range, message: "nothing queued for approval matches `\(TestActions.describe(pattern))`")
        }
        let queue = ApprovalQueue(store: world.creator)
        if approve {
            _ = try queue.approve(item.id, by: "test", now: world.clock)
        } else {
            try queue.reject(item.id, by: "test", reason: "rejected in a test", now: world.clock)
        }
    }
}
