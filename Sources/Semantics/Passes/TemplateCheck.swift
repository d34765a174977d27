import Foundation
import Syntax

/// With `--db/--user`: a template named by `send` exists for the creator, and
/// every `{{slot}}` of its body is filled by `with { }` or by the renderer
/// (`Catalog.rendererSlots`).
extension CheckState {
    mutating func checkTemplate(_ template: StringLiteral, keys: Set<String>) {
        guard let templates = options.templates else { return }
        guard let body = templates[template.value] else {
            let guess = Suggestion.closest(to: template.value, among: templates.keys.sorted())
            report(unknown(.unknownTemplate, "the creator has no message template \"\(template.value)\"", at: template.range,
                           guess: guess, quoted: true))
            return
        }
        let filled = keys.union(Catalog.rendererSlots)
        let missing = TemplateSlots.names(in: body).filter { !filled.contains($0) }
        for slot in missing {
            report(Diagnostic(.unfilledTemplateSlot, "template \"\(template.value)\" has a slot `{{\(slot)}}` that nothing fills; add `\(slot): …` to `with { }`",
                              at: template.range,
                              notes: [DiagnosticNote("the renderer fills \(Catalog.rendererSlots.map { "{{\($0)}}" }.joined(separator: " and ")) itself")]))
        }
    }
}

/// `{{name}}` slots of a template body, in order of first appearance.
public enum TemplateSlots {
    public static func names(in body: String) -> [String] {
        var result: [String] = []
        var rest = Substring(body)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !result.contains(name) { result.append(name) }
            rest = rest[close.upperBound...]
        }
        return result
    }
}
