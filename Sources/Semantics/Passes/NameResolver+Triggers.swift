import Syntax

/// `on TRIGGER`: event triggers from the catalog, their arguments, schedules.
extension CheckState {
    mutating func resolveTrigger(_ syntax: TriggerSyntax) -> CheckedTrigger? {
        switch syntax {
        case .event(let path, let argument, let range):
            let name = path.map(\.name).joined(separator: ".")
            guard let spec = Catalog.trigger(named: name) else {
                let pathRange = path.first.map { $0.range.union(path[path.count - 1].range) } ?? range
                let guess = Suggestion.closest(to: name, among: Catalog.triggers.map(\.name))
                report(unknown(.unknownTrigger, "unknown trigger `\(name)`", at: pathRange, guess: guess))
                return nil
            }
            return resolveTriggerArgument(spec, argument, range)
        case .schedule(let schedule, let range):
            switch schedule {
            case .daily(let at):
                return .schedule(.daily(minuteOfDay: at.minutesSinceMidnight))
            case .weekly(let day, let at):
                guard let index = EnumDomain.weekday.values.firstIndex(of: day.name) else {
                    let lower = day.name.lowercased()
                    let guess = EnumDomain.weekday.contains(lower) ? lower
                        : Suggestion.closest(to: lower, among: EnumDomain.weekday.values)
                    report(unknown(.unknownEnumValue, "`\(day.name)` is not a day; days are \(EnumDomain.weekday.values.joined(separator: ", "))",
                                   at: day.range, guess: guess))
                    return nil
                }
                return .schedule(.weekly(weekday: index + 1, minuteOfDay: at.minutesSinceMidnight))
            case .every:
                // The period folds once constants are known (checkTypes fills it in);
                // for names, a schedule is all that matters.
                _ = range
                return .schedule(.every(seconds: 0))
            }
        }
    }

    private mutating func resolveTriggerArgument(_ spec: TriggerSpec, _ argument: TriggerArgument?, _ range: SourceRange) -> CheckedTrigger? {
        switch (spec.argument, argument) {
        case (.none, nil):
            return .event(spec, argument: nil)
        case (.none, let given?):
            report(Diagnostic(.triggerArgument, "`\(spec.name)` takes no argument", at: given.range))
            return .event(spec, argument: nil)
        case (.segmentName, .name(let id)?):
            guard segmentsByName[id.name] != nil else {
                if possiblyDeclared.contains(id.name) { return nil }
                let guess = Suggestion.closest(to: id.name, among: segments.map(\.name.name))
                report(unknown(.unknownSegment, "unknown segment `\(id.name)`", at: id.range, guess: guess))
                return nil
            }
            return .event(spec, argument: id.name)
        case (.segmentName, .string(let s)?):
            report(Diagnostic(.triggerArgument, "`\(spec.name)` takes a segment name, not a string", at: s.range,
                              fixIts: [FixIt(range: s.range, replacement: s.value, message: "remove the quotes")]))
            return segmentsByName[s.value] != nil ? .event(spec, argument: s.value) : nil
        case (.tagString, .string(let s)?):
            return .event(spec, argument: s.value)
        case (.tagString, .name(let id)?):
            report(Diagnostic(.triggerArgument, "`\(spec.name)` takes a tag in quotes", at: id.range,
                              fixIts: [FixIt(range: id.range, replacement: "\"\(id.name)\"", message: "quote the tag")]))
            return .event(spec, argument: id.name)
        case (.segmentName, nil):
            report(Diagnostic(.triggerArgument, "`\(spec.name)` needs a segment name: `on \(spec.name) NAME`", at: range))
            return nil
        case (.tagString, nil):
            report(Diagnostic(.triggerArgument, "`\(spec.name)` needs a tag: `on \(spec.name) \"TAG\"`", at: range))
            return nil
        }
    }

    /// Sorts segments so each follows the ones it uses; a cycle is reported once,
    /// on its first segment, with the whole path and a note at each step.
    mutating func orderSegments() {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        var path: [String] = []
        var cycles: [[String]] = []

        func visit(_ name: String) {
            if marks[name] == .done { return }
            if marks[name] == .visiting {
                if let start = path.firstIndex(of: name) { cycles.append(Array(path[start...]) + [name]) }
                return
            }
            marks[name] = .visiting
            path.append(name)
            for dependency in segmentDependencies[name] ?? [] where segmentsByName[dependency] != nil {
                visit(dependency)
            }
            path.removeLast()
            marks[name] = .done
            order.append(name)
        }
        for segment in segments { visit(segment.name.name) }
        segmentOrder = order

        for cycle in cycles {
            guard let first = segmentsByName[cycle[0]] else { continue }
            let notes = zip(cycle, cycle.dropFirst()).map { user, used in
                DiagnosticNote("`\(user)` uses `\(used)` here", at: segmentsByName[user].flatMap { useRange(of: used, in: $0.condition) })
            }
            report(Diagnostic(.segmentCycle, "segments form a cycle: \(cycle.joined(separator: " → "))",
                              at: first.name.range, notes: notes))
            stopBeforeTyping = true
        }
    }

    /// Where a segment's condition names another segment, for cycle notes.
    private func useRange(of segment: String, in expr: Expr) -> SourceRange? {
        var found: SourceRange?
        expr.walk { node in
            if found == nil, case .name(segment) = node.kind, case .segment? = program.resolutions[node.id] { found = node.range }
        }
        return found
    }
}
