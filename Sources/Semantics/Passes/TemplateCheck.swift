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
                           guess: guess, quoted: true, notes: [Self.templateListNote(templates.keys, near: template.value)]))
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

extension CheckState {
    /// How many template names a note lists before it picks the closest few.
    static let templatesListed = 15

    /// The creator's templates, so the user can pick the right one without
    /// opening the store: all of them when there are few, else the closest
    /// by spelling and how many more there are.
    static func templateListNote(_ names: some Collection<String>, near wanted: String) -> DiagnosticNote {
        guard !names.isEmpty else { return DiagnosticNote("the creator has no message templates yet") }
        let quoted = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
        guard names.count > templatesListed else { return DiagnosticNote("the creator's templates: \(quoted(names.sorted()))") }
        let closest = Suggestion.ranked(wanted, among: names).prefix(5)
        return DiagnosticNote("the closest of the creator's \(names.count) templates: \(quoted(Array(closest))) (and \(names.count - closest.count) more)")
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
