import Foundation
import Semantics
import Syntax

extension LanguageServer {
    /// `textDocument/hover`: what the word under the caret is, in markdown.
    func hover(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params)
        guard let (text, range) = HoverText(located).describe() else { return .null }
        return .object(["contents": .object(["kind": .string("markdown"), "value": .string(text)]),
                        "range": located.range(range).json])
    }
}

/// Builds the hover text for one position. The catalog (Semantics) is the one
/// source of every field's type and meaning; the checker's resolutions say
/// which catalog entry a name is; the store, when given, adds live counts.
struct HoverText {
    let located: Located
    let offset: Int
    var program: CheckedProgram { located.analysis.program }

    init(_ located: Located) {
        self.located = located
        self.offset = located.offset
    }

    private func holds(_ range: SourceRange) -> Bool { range.start <= offset && offset <= range.end }

    func describe() -> (String, SourceRange)? {
        let index = SymbolIndex(located.analysis)
        if let (kind, name) = index.symbol(at: offset, file: located.file.id),
           let range = index.references(of: kind, named: name, includeDeclaration: true)
               .first(where: { $0.file == located.file.id && holds($0) }) {
            return (describeSymbol(kind, name, index), range)
        }
        if let (text, range) = describeExpression() { return (text, range) }
        if let (text, range) = describeTrigger() { return (text, range) }
        return describeKeyword()
    }

    // MARK: Segments, constants, rules

    private func describeSymbol(_ kind: SymbolIndex.Kind, _ name: String, _ index: SymbolIndex) -> String {
        let declaration = index.declarations(of: kind, named: name).first?.declaration
        switch kind {
        case .segment:
            var text = "**segment** `\(name)`"
            if case .segment(let segment)? = declaration {
                if let display = segment.displayName { text += " — \"\(display.value)\"" }
                text += "\n\n```rules\n\(Format.expression(segment.condition))\n```"
            }
            if let facts = located.store?.segment(named: name) {
                text += "\n\n\(facts.members) member\(facts.members == 1 ? "" : "s") in the store"
                if let at = facts.evaluatedAt { text += " (evaluated \(Self.timestamp(at)))" }
            } else if located.store != nil {
                text += "\n\nnot deployed to the store yet"
            }
            return text
        case .constant:
            var text = "**constant** `\(name)`"
            if let constant = program.constants[name] {
                text += ": `\(constant.type)` = `\(Format.expression(valueExpr(constant.declaration)))`"
            } else if case .constant(let decl)? = declaration {
                text += " = `\(Format.expression(decl.value))`"
            }
            return text
        case .rule:
            guard case .rule(let rule)? = declaration else { return "**rule** \"\(name)\"" }
            var text = "**rule** \"\(name)\""
            if let description = rule.ruleDescription { text += " — \(description.value)" }
            var lines: [String] = []
            for clause in rule.clauses {
                let source = located.analysis.file(clause.range.file)?.text(in: clause.range) ?? clause.kind.keyword
                if case .then = clause.kind { lines.append("then { … }") } else { lines.append(source) }
            }
            if let actions = rule.actions {
                lines += actions.map { "  " + (located.analysis.file($0.range.file)?.text(in: $0.range) ?? $0.kind.keyword) }
            }
            text += "\n\n```rules\n" + lines.joined(separator: "\n") + "\n```"
            if let runs = located.store?.runs(ofRule: name) {
                if runs.total == 0 {
                    text += "\n\nno firings in the store"
                } else {
                    text += "\n\n\(runs.total) run\(runs.total == 1 ? "" : "s") in the store; latest:"
                    for run in runs.latest {
                        text += "\n- \(Self.timestamp(run.triggeredAt)): \(run.outcome), \(run.matchedFans) fan\(run.matchedFans == 1 ? "" : "s")"
                    }
                }
            }
            return text
        }
    }

    private func valueExpr(_ decl: ConstantDecl) -> Expr { decl.value }

    static func timestamp(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    // MARK: Expressions

    private func describeExpression() -> (String, SourceRange)? {
        var best: (String, SourceRange)?
        SyntaxWalk.forEachExpr(in: located.syntax) { expr, declaration in
            guard holds(expr.range) else { return }
            if let found = describe(expr, in: declaration),
               best == nil || found.1.end - found.1.start <= best!.1.end - best!.1.start {
                best = found
            }
        }
        return best
    }

    private func describe(_ expr: Expr, in declaration: Declaration) -> (String, SourceRange)? {
        switch expr.kind {
        case .member(let base, let field) where holds(field.range):
            let path = located.file.text(in: SourceRange(file: expr.range.file, start: expr.range.start, end: field.range.end))
            if let resolution = located.analysis.resolution(expr.id) { return (describe(resolution, path: path), field.range) }
            if case .fan = base.kind, let spec = Catalog.fanField(named: field.name) {
                return (describe(.fanField(spec), path: path), field.range)
            }
            if case .event = base.kind, case .rule(let rule) = declaration,
               let spec = TriggerContext.fields(of: rule)?.first(where: { $0.name == field.name }) {
                return (describe(.eventField(spec), path: path), field.range)
            }
            return nil
        case .call(let function, _) where holds(function.range):
            guard let signature = Catalog.function(named: function.name) else { return nil }
            return (describe(.function(signature), path: function.name), function.range)
        case .aggregate(let aggregate) where holds(aggregate.functionName.range):
            return (Self.aggregateText(aggregate.function), aggregate.functionName.range)
        case .name(let name):
            if case .elementField(let collection, let field)? = located.analysis.resolution(expr.id) {
                return ("**\(collection.name)** field `\(name)`: `\(field.type)`" + summary(field.summary), expr.range)
            }
            return nil
        case .fan: return (Self.keywordText[.fan]!, expr.range)
        case .now: return (Self.keywordText[.now]!, expr.range)
        case .event:
            var text = Self.keywordText[.event]!
            if case .rule(let rule) = declaration, let fields = TriggerContext.fields(of: rule) {
                text += "\n\n" + fields.map { "- `event.\($0.name)`: `\($0.type)`" }.joined(separator: "\n")
            }
            return (text, expr.range)
        case .comparison(_, let left, let right):
            for (side, other) in [(right, left), (left, right)] {
                guard holds(side.range), case .literal(.string(let value)) = side.kind,
                      let domain = enumDomain(of: other) else { continue }
                let known = domain.contains(value)
                return ("`\"\(value)\"`" + (known ? " — one of " : " is not one of ")
                        + "`\(domain.name)`: " + domain.values.map { "`\($0)`" }.joined(separator: ", "), side.range)
            }
            return nil
        default:
            return nil
        }
    }

    private func enumDomain(of expr: Expr) -> EnumDomain? {
        if let domain = located.analysis.type(expr.id)?.enumDomain { return domain }
        switch located.analysis.resolution(expr.id) {
        case .fanField(let f)?: return f.type.enumDomain
        case .eventField(let f)?, .elementField(_, let f)?, .collectionField(_, let f)?: return f.type.enumDomain
        default: return nil
        }
    }

    private func summary(_ text: String) -> String { text.isEmpty ? "" : " — " + text }

    private func describe(_ resolution: Resolution, path: String) -> String {
        switch resolution {
        case .fanField(let f): return "`\(path)`: `\(f.type)`" + summary(f.summary) + enumValues(f.type)
        case .scoreNamespace: return "`fan.score`: the fan's model scores — " + Catalog.scoreDimensions.map { "`\($0.name)`" }.joined(separator: ", ")
        case .scoreDimension(let d): return "`\(path)`: `\(d.type)` — score dimension `\(d.name)` (fan_scores)"
        case .collection(let c):
            return "`\(path)`: collection" + summary(c.summary) + "\n\n" + c.fields.map { "- `\($0.name)`: `\($0.type)`" }.joined(separator: "\n")
                + "\n- `\(c.timeField.name)`: `\(c.timeField.type)` (its time)"
        case .collectionField(let c, let f), .elementField(let c, let f):
            return "`\(path)`: `\(f.type)` — field of `\(c.name)`" + summary(f.summary) + enumValues(f.type)
        case .eventField(let f): return "`\(path)`: `\(f.type)`" + summary(f.summary) + enumValues(f.type)
        case .constant(let name, let value): return "**constant** `\(name)` = `\(value)`"
        case .segment(let name): return "**segment** `\(name)`"
        case .function(let sig): return "```rules\n\(sig.signatureText)\n```\n" + sig.summary
        case .fan: return Self.keywordText[.fan]!
        case .event: return Self.keywordText[.event]!
        case .now: return Self.keywordText[.now]!
        }
    }

    private func enumValues(_ type: ExprType) -> String {
        guard let domain = type.enumDomain else { return "" }
        return "\n\nvalues: " + domain.values.map { "`\($0)`" }.joined(separator: ", ")
    }

    static func aggregateText(_ function: AggregateFunction) -> String {
        switch function {
        case .count: "`count(fan.COLLECTION [within D] [where E])`: how many items (int)"
        case .exists: "`exists(fan.COLLECTION [within D] [where E])`: whether any item matches (bool)"
        case .sum: "`sum(fan.COLLECTION.FIELD [within D] [where E])`: total of a numeric or money field"
        case .avg: "`avg(fan.COLLECTION.FIELD [within D] [where E])`: mean of a numeric or money field (null when none)"
        case .min: "`min(fan.COLLECTION.FIELD [within D] [where E])`: smallest value (null when none)"
        case .max: "`max(fan.COLLECTION.FIELD [within D] [where E])`: largest value (null when none)"
        }
    }

    // MARK: Triggers and keywords

    private func describeTrigger() -> (String, SourceRange)? {
        for declaration in located.syntax.declarations {
            guard case .rule(let rule) = declaration, let trigger = rule.trigger, holds(trigger.range) else { continue }
            let name: String
            switch trigger {
            case .event(let path, _, _): name = path.map(\.name).joined(separator: ".")
            case .schedule: name = "schedule"
            }
            guard let fields = TriggerContext.fields(of: rule) else { return nil }
            var text = "**trigger** `\(name)`"
            if let spec = Catalog.trigger(named: name) { text += " — new rows of `\(spec.sourceTable)`" }
            text += "\n\n" + fields.map { "- `event.\($0.name)`: `\($0.type)`" + summary($0.summary) }.joined(separator: "\n")
            return (text, trigger.range)
        }
        return nil
    }

    private func describeKeyword() -> (String, SourceRange)? {
        let tokens = Lexer.tokenize(located.file).tokens
        guard let token = tokens.first(where: { $0.start <= offset && offset < $0.end }),
              case .keyword(let keyword) = token.kind, let text = Self.keywordText[keyword] else { return nil }
        return (text, SourceRange(file: located.file.id, start: token.start, end: token.end))
    }

    static let keywordText: [Keyword: String] = [
        .segment: "`segment NAME [\"Display name\"] { CONDITION }`: a named set of fans, kept up to date in the store",
        .rule: "`rule \"Name\" { on … when … then { … } }`: what to do when an event happens",
        .let: "`let NAME = VALUE`: a constant, folded at check time",
        .on: "`on TRIGGER`: the event (or schedule) that wakes the rule",
        .when: "`when CONDITION`: the rule fires only for fans where it holds",
        .then: "`then { ACTIONS }`: what the rule does, in order",
        .priority: "`priority N`: higher runs first among rules on the same event (default 0)",
        .cooldown: "`cooldown DURATION`: at most one firing per fan within the duration",
        .limit: "`limit N per fan [per DURATION]`: cap on firings per fan",
        .paused: "`paused`: the rule is deployed but does not fire",
        .description: "`description \"…\"`: free text shown in listings",
        .and: "`a and b` (also `&&`): both hold", .or: "`a or b` (also `||`): either holds",
        .not: "`not a` (also `!`): negation; `not in`: not a member",
        .in: "`x in LIST`, `fan in SEGMENT`: membership",
        .is: "`x is null`, `x is not null`", .null: "`null`: no value",
        .true: "`true`: bool", .false: "`false`: bool",
        .within: "`x within D`: `now - D <= x <= now`; in aggregates, the window",
        .ago: "`D ago`: the timestamp `now - D`",
        .after: "`after DURATION`: delay an action",
        .requires: "`requires approval`: the action waits in the approval queue (hitl)",
        .approval: "`requires approval`: the action waits in the approval queue (hitl)",
        .with: "`with { slot: VALUE, … }`: values for the template's slots",
        .via: "`via PLATFORM`: the platform to send on",
        .send: "`send \"template\"`: draft a message from one of the creator's templates",
        .tag: "`tag \"name\"`: add a tag to the fan", .untag: "`untag \"name\"`: remove a tag from the fan",
        .note: "`note \"text\"`: add a note to the fan",
        .schedule: "`on schedule daily at HH:MM | weekly on DAY at HH:MM | every DURATION`",
        .daily: "`schedule daily at HH:MM`: once a day, in the creator's time zone",
        .weekly: "`schedule weekly on DAY at HH:MM`", .every: "`schedule every DURATION`",
        .at: "`at HH:MM`: time of day",
        .contains: "`a contains b`: substring or list member", .starts: "`a starts with b`", .ends: "`a ends with b`",
        .matches: "`a matches \"regex\"`: regular expression match",
        .where: "`where E`: filter an aggregate's items (bare names are the item's fields)",
        .fan: "`fan`: the fan the rule or segment is evaluated for; `fan.` lists its fields",
        .event: "`event`: the row that triggered the rule; its fields depend on the trigger",
        .now: "`now`: the event's time (or the evaluation time for segments)",
        .per: "`limit N per fan per DURATION`",
    ]
}

/// The `event.*` fields a rule's trigger gives, read from the syntax (so it
/// works while the checker cannot run).
enum TriggerContext {
    static func fields(of rule: RuleDecl) -> [FieldSpec]? {
        switch rule.trigger {
        case .event(let path, _, _)?: Catalog.trigger(named: path.map(\.name).joined(separator: "."))?.fields
        case .schedule?: Catalog.scheduleFields
        case nil: nil
        }
    }

    /// The trigger of the rule the caret is in, read from tokens: works in a
    /// rule that does not parse yet (the usual state while typing `event.`).
    static func fields(before offset: Int, tokens: [Token], file: SourceFile) -> [FieldSpec]? {
        guard let ruleIndex = tokens.lastIndex(where: { $0.kind == .keyword(.rule) && $0.start < offset }) else { return nil }
        var index = ruleIndex
        while index < tokens.count, tokens[index].start < offset {
            if tokens[index].kind == .keyword(.on) {
                let next = index + 1
                guard next < tokens.count else { return nil }
                if tokens[next].kind == .keyword(.schedule) { return Catalog.scheduleFields }
                var words: [String] = []
                var k = next
                while k < tokens.count {
                    let token = tokens[k]
                    guard token.kind == .identifier || { if case .keyword = token.kind { true } else { false } }() else { break }
                    words.append(file.text(in: SourceRange(file: file.id, start: token.start, end: token.end)))
                    guard k + 2 < tokens.count, tokens[k + 1].kind == .dot else { break }
                    k += 2
                }
                while !words.isEmpty {
                    if let spec = Catalog.trigger(named: words.joined(separator: ".")) { return spec.fields }
                    words.removeLast()
                }
                return nil
            }
            index += 1
        }
        return nil
    }
}
