import Semantics
import Syntax

extension LanguageServer {
    /// `textDocument/completion`, by what precedes the caret on its line:
    /// `fan.` → the fan's fields, scores and collections; `fan.score.` → the
    /// dimensions; `fan.COLLECTION.` → its fields; `event.` → the fields the
    /// rule's trigger has; `== "` → the enum values of the field on the left;
    /// `in ` → the workspace's segments; `send "` → the store's templates;
    /// `on ` → triggers; elsewhere keywords, functions, constants and snippets.
    func completion(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params)
        let items = CompletionContext(located, templates: workspace.checkOptions.templates).items()
        return .object(["isIncomplete": .bool(false), "items": .array(items)])
    }
}

struct CompletionContext {
    let located: Located
    let templates: [String: String]?
    /// The line up to the caret.
    let prefix: String

    init(_ located: Located, templates: [String: String]?) {
        self.located = located
        self.templates = templates
        let line = located.lines.position(of: located.offset, encoding: .utf8).line
        let start = located.lines.lineStarts[line]
        prefix = String(decoding: located.file.bytes[start..<located.offset], as: UTF8.self)
    }

    func items() -> [JSONValue] {
        let word = String(prefix.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let before = String(prefix.dropLast(word.count))

        if let stringPrefix = openString() {
            let (content, head) = stringPrefix
            let trimmed = head.trimmingTrailingSpaces
            if trimmed.hasSuffix("send") || trimmed.hasSuffix("expect send") {
                return (templates ?? [:]).keys.sorted().map { item($0, kind: 15, detail: "template", doc: templates?[$0]) }
            }
            if trimmed.hasSuffix("==") || trimmed.hasSuffix("!=") {
                let lhs = trailingPath(String(trimmed.dropLast(2)).trimmingTrailingSpaces)
                if let domain = enumDomain(ofPath: lhs) {
                    return domain.values.filter { $0.hasPrefix(content) || content.isEmpty }
                        .map { item($0, kind: 20, detail: domain.name) }
                }
            }
            return []
        }

        if before.hasSuffix(".") {
            let path = trailingPath(String(before.dropLast()))
            return members(of: path)
        }
        let trimmed = before.trimmingTrailingSpaces
        if trimmed != before {
            if trimmed.hasSuffix(" in") || trimmed == "in" || trimmed.hasSuffix("(in") {
                return segmentNames().map { item($0, kind: 6, detail: "segment") }
            }
            if trimmed.hasSuffix(" on") || trimmed == "on" {
                return Catalog.triggers.map { item($0.name, kind: 23, detail: "trigger") }
                    + [item("schedule", kind: 14, detail: "daily at / weekly on / every")]
            }
        }
        return general()
    }

    // MARK: Contexts

    /// Inside a string literal: its text so far and what precedes its opening quote.
    private func openString() -> (content: String, head: String)? {
        var inString = false
        var escaped = false
        var quote = prefix.startIndex
        for index in prefix.indices {
            let c = prefix[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "#" {
                return nil
            } else if c == "\"" {
                inString = true
                quote = index
            }
        }
        guard inString else { return nil }
        return (String(prefix[prefix.index(after: quote)...]), String(prefix[..<quote]))
    }

    /// `fan.score` from `when fan.score`: the dotted path that ends the text.
    private func trailingPath(_ text: String) -> [String] {
        let tail = text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        return String(tail.reversed()).split(separator: ".").map(String.init)
    }

    private func members(of path: [String]) -> [JSONValue] {
        switch path.count {
        case 1 where path[0] == "fan":
            return Catalog.fanFields.map { item($0.name, kind: 5, detail: "\($0.type)", doc: $0.summary) }
                + [item("score", kind: 9, detail: "scores", doc: Catalog.scoreDimensions.map(\.name).joined(separator: ", "))]
                + Catalog.collectionList.map { item($0.name, kind: 7, detail: "collection", doc: $0.summary) }
        case 1 where path[0] == "event":
            let tokens = Lexer.tokenize(located.file).tokens
            let fields = TriggerContext.fields(before: located.offset, tokens: tokens, file: located.file) ?? []
            return fields.map { item($0.name, kind: 5, detail: "\($0.type)", doc: $0.summary) }
        case 2 where path[0] == "fan" && path[1] == "score":
            return Catalog.scoreDimensions.map { item($0.name, kind: 5, detail: "\($0.type)") }
        case 2 where path[0] == "fan":
            guard let collection = Catalog.collections[path[1]] else { return [] }
            return (collection.fields + [collection.timeField]).map { item($0.name, kind: 5, detail: "\($0.type)", doc: $0.summary) }
        case 1:
            // `on transaction.` and friends: the trigger names that continue the path.
            return Catalog.triggers.filter { $0.name.hasPrefix(path[0] + ".") }
                .map { item(String($0.name.dropFirst(path[0].count + 1)), kind: 23, detail: "trigger") }
        default:
            return []
        }
    }

    /// The enum domain of the field named by a path: `fan.lifecycle_stage`,
    /// `event.kind`, or a bare element field inside an aggregate (`kind`).
    private func enumDomain(ofPath path: [String]) -> EnumDomain? {
        if path.count == 2, path[0] == "fan" { return Catalog.fanField(named: path[1])?.type.enumDomain }
        if path.count == 2, path[0] == "event" {
            let tokens = Lexer.tokenize(located.file).tokens
            return TriggerContext.fields(before: located.offset, tokens: tokens, file: located.file)?
                .first { $0.name == path[1] }?.type.enumDomain
        }
        if path.count == 3, path[0] == "fan" { return Catalog.collections[path[1]]?.field(named: path[2])?.type.enumDomain }
        if path.count == 1 {
            // An element field: the collection is the one named by the aggregate the caret is in.
            let text = String(decoding: located.file.bytes[..<located.offset], as: UTF8.self)
            if let range = text.range(of: "fan.", options: .backwards) {
                let name = text[range.upperBound...].prefix { $0.isLetter || $0 == "_" }
                if let collection = Catalog.collections[String(name)] { return collection.field(named: path[0])?.type.enumDomain }
            }
        }
        return nil
    }

    private func segmentNames() -> [String] {
        SymbolIndex(located.analysis).symbols.filter { $0.kind == .segment }.map(\.name).sorted()
    }

    private func general() -> [JSONValue] {
        var items = Self.snippets
        items += Keyword.allCases.map { item($0.rawValue, kind: 14, detail: "keyword") }
        items += Catalog.functions.map { item($0.name, kind: 3, detail: $0.signatureText, doc: $0.summary) }
        items += AggregateFunction.allCases.map { item($0.rawValue, kind: 3, detail: "aggregate", doc: HoverText.aggregateText($0)) }
        let index = SymbolIndex(located.analysis)
        items += index.symbols.filter { $0.kind == .constant }.map { item($0.name, kind: 21, detail: "constant") }
        return items
    }

    private func item(_ label: String, kind: Int, detail: String? = nil, doc: String? = nil) -> JSONValue {
        .object(["label": .string(label), "kind": .int(kind), "detail": detail.map(JSONValue.string),
                 "documentation": doc.flatMap { $0.isEmpty ? nil : JSONValue.object(["kind": .string("markdown"), "value": .string($0)]) }])
    }

    /// Declaration templates (LSP snippet syntax: `$1` tab stops, `${1:default}`).
    static let snippets: [JSONValue] = [
        ("rule", "rule \"${1:Name}\" {\n  on ${2:transaction.tip}\n  when ${3:event.amount >= \\$20}\n  then {\n    send \"${4:template}\"\n  }\n}"),
        ("segment", "segment ${1:name} \"${2:Display name}\" {\n  ${3:fan.lifetime_spend >= \\$100}\n}"),
        ("test", "test \"${1:Name}\" {\n  now date(\"${2:2026-01-01 12:00}\")\n  fan ${3:ana} {}\n  event ${4:transaction.tip} for ${3:ana} { amount: ${5:\\$25} }\n  expect \"${6:Rule name}\" fired for ${3:ana}\n}"),
        ("policy", "policy {\n  limit ${1:3} sends per fan per ${2:1d}\n  quiet hours ${3:22:00} to ${4:08:00}\n}"),
    ].map { label, body in
        .object(["label": .string(label), "kind": .int(15), "detail": .string("\(label) declaration"),
                 "insertTextFormat": .int(2), "insertText": .string(body)])
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
