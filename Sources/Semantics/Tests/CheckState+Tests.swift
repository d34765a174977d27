import Syntax

/// Pass `checkTests`: every part of a `test` is checked like a rule
/// (LANGUAGE.md §10): fan fields and record fields against the catalog, event
/// fields against their trigger, rule, segment and fan names with
/// did-you-mean, and every expression typed.
extension CheckState {
    mutating func checkTests() {
        let ruleNames = rules.map(\.name.value)
        for test in tests {
            var checker = TestChecker(name: test.name.value)
            var triggers: [Int: CheckedTrigger] = [:]
            for (index, step) in test.steps.enumerated() {
                if let trigger = checkStep(step, &checker, ruleNames: ruleNames) { triggers[index] = trigger }
            }
            program.tests.append(CheckedTest(name: test.name.value, declaration: test, triggers: triggers))
        }
    }

    /// What one test has declared so far, as its steps are checked in order.
    struct TestChecker {
        let name: String
        var fans: [String: SourceRange] = [:]
        var scope: ResolutionScope { ResolutionScope(owner: .test(name)) }
    }

    private mutating func checkStep(_ step: TestStep, _ test: inout TestChecker, ruleNames: [String]) -> CheckedTrigger? {
        switch step.kind {
        case .now(let e), .at(let e):
            checkTestValue(e, expected: .timestamp, what: step.kind.isNow ? "`now`" : "`at`", test.scope)
        case .template:
            break
        case .fan(let name, let fields):
            if let first = test.fans[name.name] {
                report(Diagnostic(.duplicateName, "fan `\(name.name)` is declared twice in this test", at: name.range,
                                  notes: [DiagnosticNote("first declared here", at: first)]))
            }
            test.fans[name.name] = name.range
            checkFanFields(fields, test.scope)
        case .event(let syntax, let fan, let fields):
            requireFan(fan, test)
            return checkEvent(syntax, fields: fields, test.scope)
        case .decide(_, let pattern):
            checkPattern(pattern, test)
        case .expect(let expectation):
            checkExpectation(expectation, test, ruleNames: ruleNames)
        }
        return nil
    }

    private mutating func checkExpectation(_ expectation: Expectation, _ test: TestChecker, ruleNames: [String]) {
        switch expectation {
        case .fired(let rule, _, let times, let fan):
            if !ruleNames.contains(rule.value) {
                let guess = Suggestion.closest(to: rule.value, among: ruleNames)
                report(unknown(.unknownName, "no rule named \"\(rule.value)\" in the program", at: rule.range, guess: guess, quoted: true))
            }
            if let times {
                resolve(times, test.scope)
                let type = value(times)
                if case .int(let n)? = foldedValue(times), n >= 0 {} else if type != .error {
                    report(Diagnostic(.typeMismatch, "a count of firings is a whole number, 0 or more", at: times.range))
                }
            }
            if let fan { requireFan(fan, test) }
        case .action(let pattern, _), .queued(let pattern, _):
            checkPattern(pattern, test)
        case .member(let fan, let segment, _):
            requireFan(fan, test)
            if segmentsByName[segment.name] == nil {
                let guess = Suggestion.closest(to: segment.name, among: segments.map(\.name.name))
                report(unknown(.unknownSegment, "unknown segment `\(segment.name)`", at: segment.range, guess: guess))
            }
        case .condition(let condition, let fan):
            requireFan(fan, test)
            resolve(condition, test.scope)
            requireBool(condition, in: "an expected condition")
        case .nothing(let fan):
            requireFan(fan, test)
        }
    }

    private mutating func checkPattern(_ pattern: TestActionPattern, _ test: TestChecker) {
        requireFan(pattern.fan, test)
        var seen: Set<String> = []
        for argument in pattern.with {
            if !seen.insert(argument.key.name).inserted {
                report(Diagnostic(.duplicateWithKey, "`\(argument.key.name)` is given twice", at: argument.key.range))
            }
            resolve(argument.value, test.scope)
            let type = value(argument.value)
            if !type.isScalar {
                report(Diagnostic(.invalidWithValue, "a template value must be a single value, not \(type.withArticle)", at: argument.value.range))
            }
        }
    }

    /// A fan named by an event or expectation must be declared earlier in the test.
    private mutating func requireFan(_ fan: Identifier, _ test: TestChecker) {
        guard test.fans[fan.name] == nil else { return }
        let guess = Suggestion.closest(to: fan.name, among: test.fans.keys.sorted())
        report(unknown(.unknownName, "unknown fan `\(fan.name)`: declare it first with `fan \(fan.name) { }`", at: fan.range, guess: guess))
    }

    // MARK: Fans and records

    private mutating func checkFanFields(_ fields: [TestField], _ scope: ResolutionScope) {
        var seen: [String: SourceRange] = [:]
        for field in fields {
            if let first = seen[field.name] {
                report(Diagnostic(.duplicateWithKey, "`\(field.name)` is given twice", at: field.path[0].range,
                                  notes: [DiagnosticNote("first given here", at: first)]))
            }
            seen[field.name] = field.path[0].range
            guard let meaning = TestFanField.named(field.name) else {
                let guess = Suggestion.closest(to: field.name, among: TestFanField.names)
                var notes: [DiagnosticNote] = []
                if field.name == "is_subscribed" {
                    notes.append(DiagnosticNote("`is_subscribed` follows the subscriptions: give `subscriptions: [{ status: \"active\" }]`"))
                }
                report(unknown(.unknownField, "a fan has no field `\(field.name)` a test can set", at: pathRange(field),
                               guess: guess, notes: notes))
                continue
            }
            switch (meaning, field.value) {
            case (.field(let f), .expr(let e)):
                checkTestValue(e, expected: f.type, what: "`\(field.name)`", scope)
            case (.score(let d), .expr(let e)):
                checkTestValue(e, expected: d.type, what: "`\(field.name)`", scope)
            case (.collection(let c), .records(let rows, _)):
                for row in rows { checkRecord(row, of: c, scope) }
            case (.collection(let c), .expr(let e)):
                if case .list(let items) = e.kind, items.isEmpty { continue }
                report(Diagnostic(.typeMismatch, "`\(c.name)` takes a list of records, such as `[{ \(c.fields[0].name): … }]`", at: e.range))
            case (_, .records(_, let range)):
                report(Diagnostic(.typeMismatch, "`\(field.name)` is a single value, not a list of records", at: range))
            }
        }
    }

    private mutating func checkRecord(_ fields: [TestField], of collection: CollectionSpec, _ scope: ResolutionScope) {
        for field in fields {
            guard field.path.count == 1, let spec = collection.recordFields.first(where: { $0.name == field.name }) else {
                let guess = Suggestion.closest(to: field.name, among: collection.recordFields.map(\.name))
                report(unknown(.unknownField, "\(collection.name) have no field `\(field.name)`; they have \(collection.recordFields.map(\.name).joined(separator: ", "))",
                               at: pathRange(field), guess: guess))
                continue
            }
            guard case .expr(let e) = field.value else {
                report(Diagnostic(.typeMismatch, "`\(field.name)` is a single value, not a list of records", at: field.value.range))
                continue
            }
            checkTestValue(e, expected: spec.type, what: "`\(field.name)`", scope)
        }
    }

    // MARK: Events

    private mutating func checkEvent(_ syntax: TriggerSyntax, fields: [TestField], _ scope: ResolutionScope) -> CheckedTrigger? {
        if case .schedule(_, let range) = syntax {
            report(Diagnostic(.unknownTrigger, "a schedule is not an event a test plays: move the clock over its slot with `at`", at: range))
            return nil
        }
        guard let trigger = resolveTrigger(syntax), case .event(let spec, _) = trigger else { return nil }
        // The argument (segment, tag) and the row ids come from the test itself.
        let settable = spec.fields.filter { !["id", "account_id", "segment"].contains($0.name) && !(spec.argument == .tagString && $0.name == "tag") }
        for field in fields {
            guard field.path.count == 1, let spec = settable.first(where: { $0.name == field.name }) else {
                let guess = Suggestion.closest(to: field.name, among: settable.map(\.name))
                let listed = settable.map(\.name).joined(separator: ", ")
                report(unknown(.eventFieldNotOnTrigger, "`\(syntax.displayName)` events have no field `\(field.name)` a test can set; they have \(listed.isEmpty ? "none" : listed)",
                               at: pathRange(field), guess: guess))
                continue
            }
            guard case .expr(let e) = field.value else {
                report(Diagnostic(.typeMismatch, "`\(field.name)` is a single value, not a list of records", at: field.value.range))
                continue
            }
            checkTestValue(e, expected: spec.type, what: "`\(field.name)`", scope)
        }
        return trigger
    }

    // MARK: Values

    /// Resolves and types a value the test gives, which must fit `expected`.
    private mutating func checkTestValue(_ expr: Expr, expected: ExprType, what: String, _ scope: ResolutionScope) {
        resolve(expr, scope)
        let type = value(expr)
        guard type != .error, type != .null else { return }
        if Self.fits(type, expected) {
            checkEnumValue(of: expected.listElement ?? expected, against: expr)
            return
        }
        var fixIts: [FixIt] = []
        if expected == .money, type.isNumeric, case .literal = expr.kind {
            let spelled = "$" + text(expr.range)
            fixIts.append(FixIt(range: expr.range, replacement: spelled, message: "write `\(spelled)`"))
        }
        report(Diagnostic(.typeMismatch, "\(what) is \(expected.withArticle), but `\(text(expr.range))` is \(type.withArticle)",
                          at: expr.range, fixIts: fixIts))
    }

    private static func fits(_ type: ExprType, _ expected: ExprType) -> Bool {
        switch (type, expected) {
        case (.int, .number), (.int, .int), (.number, .number): return true
        case (_, .enumeration), (_, .string): return type.isStringLike
        case (.list(let element), .list(let wanted)): return element == .null || fits(element, wanted)
        default: return type == expected
        }
    }

    private func pathRange(_ field: TestField) -> SourceRange {
        field.path[0].range.union(field.path[field.path.count - 1].range)
    }
}

extension ExprType {
    var listElement: ExprType? {
        if case .list(let element) = self { return element }
        return nil
    }
}

extension TestStepKind {
    var isNow: Bool { if case .now = self { true } else { false } }
}

extension TriggerSyntax {
    var displayName: String {
        switch self {
        case .event(let path, _, _): path.map(\.name).joined(separator: ".")
        case .schedule: "schedule"
        }
    }
}
