import Foundation

/// Fills the `{{slot}}` marks of a message template body. Slot names are read
/// the way the checker reads them (`TemplateSlots`: spaces inside the braces
/// are ignored). A slot with no value is left visible as written, so a
/// creator reviewing the draft sees what is missing instead of a silent gap.
public struct TemplateRenderer: Sendable {
    /// Values by slot name: the `with` values, plus `fan_name` and `creator_name`.
    public var slots: [String: String]

    public init(slots: [String: String]) { self.slots = slots }

    public func render(_ body: String) -> String {
        var out = ""
        var rest = Substring(body)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = slots[name] {
                out += value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        return out + rest
    }
}
