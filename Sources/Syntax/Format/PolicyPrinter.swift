/// `policy { ... }` laid out one item per line, in the author's order (the
/// order of limits carries no meaning, but a reader's grouping does).
extension DeclarationPrinter {
    func policyLines(_ policy: PolicyDecl) -> [LayoutLine] {
        let header = LayoutLine(indent: 0, text: "policy {", sourceStart: policy.range.start,
                                sourceEnd: min(policy.range.end, policy.range.start + "policy".utf8.count))
        let items = policy.items.map { item in
            LayoutLine(indent: 1, text: policyItemText(item.kind), sourceStart: item.range.start, sourceEnd: item.range.end)
        }
        return [header] + items + [closer(indent: 0, blockEnd: policy.range.end)]
    }

    func policyItemText(_ item: PolicyItemKind) -> String {
        switch item {
        case .limit(let limit):
            // As written: a count too large for 64 bits is reported by the checker, not rewritten here.
            let count = String(decoding: file.bytes[limit.countRange.start..<limit.countRange.end], as: UTF8.self)
            return "limit \(count) sends per fan per \(limit.windowText)"
        case .quietHours(let quiet):
            return "quiet hours \(LiteralPrinter.clock(quiet.start)) to \(LiteralPrinter.clock(quiet.end))"
        }
    }
}

extension TreeDump {
    public static func policyItem(_ item: PolicyItemKind) -> String {
        switch item {
        case .limit(let limit):
            "(limit \(limit.count.map(String.init) ?? "?") (per \(limit.windowText)))"
        case .quietHours(let quiet):
            "(quiet \(LiteralPrinter.clock(quiet.start)) \(LiteralPrinter.clock(quiet.end)))"
        }
    }
}
