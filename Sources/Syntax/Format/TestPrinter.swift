/// `test` declarations in `fmt`'s layout: one step a line, in source order
/// (the order of steps is their meaning). A `fan` or `event` block whose line
/// would pass the width limit puts one field a line, and a list of records one
/// record a line.
extension DeclarationPrinter {
    func lines(forTest test: TestDecl) -> [LayoutLine] {
        let header = LayoutLine(indent: 0, text: "test " + LiteralPrinter.string(test.name.value) + " {",
                                sourceStart: test.range.start, sourceEnd: test.name.range.end)
        return [header] + test.steps.flatMap { lines(forStep: $0) } + [closer(indent: 0, blockEnd: test.range.end)]
    }

    private func lines(forStep step: TestStep) -> [LayoutLine] {
        let range = step.range
        func single(_ text: String) -> [LayoutLine] {
            [LayoutLine(indent: 1, text: text, sourceStart: range.start, sourceEnd: range.end)]
        }
        switch step.kind {
        case .now(let e): return single("now " + expr.print(e))
        case .at(let e): return single("at " + expr.print(e))
        case .template(let name, let body):
            return single("template " + LiteralPrinter.string(name.value) + " " + LiteralPrinter.string(body.value))
        case .fan(let name, let fields):
            return block(head: "fan " + name.name, headEnd: name.range.end, fields: fields, range: range)
        case .event(let trigger, let fan, let fields):
            let head = "event " + self.trigger(trigger) + " for " + fan.name
            return fields.isEmpty ? single(head) : block(head: head, headEnd: fan.range.end, fields: fields, range: range)
        case .decide(let approve, let pattern):
            return single((approve ? "approve " : "reject ") + text(of: pattern))
        case .expect(let expectation):
            return single("expect " + text(of: expectation))
        }
    }

    private func text(of expectation: Expectation) -> String {
        switch expectation {
        case .fired(let rule, let negated, let times, let fan):
            var text = (negated ? "not " : "") + LiteralPrinter.string(rule.value) + " fired"
            if let times {
                let count = expr.print(times)
                text += " " + count + (count == "1" ? " time" : " times")
            }
            if let fan { text += " for " + fan.name }
            return text
        case .action(let pattern, let negated):
            return (negated ? "not " : "") + text(of: pattern)
        case .queued(let pattern, let negated):
            return (negated ? "not " : "") + "queued " + text(of: pattern)
        case .member(let fan, let segment, let negated):
            return fan.name + (negated ? " not in " : " in ") + segment.name
        case .condition(let condition, let fan):
            return expr.print(condition) + " for " + fan.name
        case .nothing(let fan):
            return "nothing for " + fan.name
        }
    }

    private func text(of pattern: TestActionPattern) -> String {
        var text = pattern.kind.rawValue + " " + LiteralPrinter.string(pattern.argument.value)
        text += (pattern.kind == .send ? " to " : " for ") + pattern.fan.name
        if !pattern.with.isEmpty {
            text += " with { " + pattern.with.map { $0.key.name + ": " + expr.print($0.value) }.joined(separator: ", ") + " }"
        }
        return text
    }

    private func flat(_ fields: [TestField]) -> String {
        "{ " + fields.map(flat).joined(separator: ", ") + " }"
    }

    private func flat(_ field: TestField) -> String {
        switch field.value {
        case .expr(let e): return field.name + ": " + expr.print(e)
        case .records(let rows, _): return field.name + ": [" + rows.map(flat).joined(separator: ", ") + "]"
        }
    }

    private func block(head: String, headEnd: Int, fields: [TestField], range: SourceRange) -> [LayoutLine] {
        let oneLine = head + " " + (fields.isEmpty ? "{}" : flat(fields))
        if LineBreaking.width(of: oneLine, indent: 1) <= LineBreaking.maximumWidth {
            return [LayoutLine(indent: 1, text: oneLine, sourceStart: range.start, sourceEnd: range.end)]
        }
        var lines = [LayoutLine(indent: 1, text: head + " {", sourceStart: range.start, sourceEnd: headEnd)]
        for (index, field) in fields.enumerated() {
            let comma = index < fields.count - 1 ? "," : ""
            let text = flat(field) + comma
            guard case .records(let rows, let recordsRange) = field.value,
                  LineBreaking.width(of: text, indent: 2) > LineBreaking.maximumWidth else {
                lines.append(LayoutLine(indent: 2, text: text, sourceStart: field.path[0].range.start, sourceEnd: field.range.end))
                continue
            }
            lines.append(LayoutLine(indent: 2, text: field.name + ": [", sourceStart: field.path[0].range.start,
                                    sourceEnd: recordsRange.start + 1))
            for (rowIndex, row) in rows.enumerated() {
                let start = row.first?.path[0].range.start ?? recordsRange.start + 1
                let end = row.last?.range.end ?? start
                lines.append(LayoutLine(indent: 3, text: flat(row) + (rowIndex < rows.count - 1 ? "," : ""),
                                        sourceStart: start, sourceEnd: end))
            }
            lines.append(LayoutLine(indent: 2, text: "]" + comma, sourceStart: max(recordsRange.end - 1, recordsRange.start),
                                    sourceEnd: recordsRange.end, isCloser: true))
        }
        lines.append(closer(indent: 1, blockEnd: range.end))
        return lines
    }
}
