import Store
import Syntax

/// A `send`'s message: the creator's template, filled from the computed
/// `with` values and the renderer's own slots (`fan_name`, `creator_name`).
struct SendRendering {
    let store: CreatorStore

    struct Template { var id: Int64; var body: String }

    func template(named name: String) throws -> Template? {
        guard let row = try store.cursor("SELECT id, body FROM message_templates WHERE user_id = :user AND name = ?",
                                         [.text(name)]).next()
        else { return nil }
        return Template(id: row.int64(0), body: row.string(1))
    }

    static func render(_ body: String, with: [(key: String, value: JSONValue)], fanName: String, creatorName: String) -> String {
        var slots = ["fan_name": fanName, "creator_name": creatorName]
        for (key, value) in with { slots[key] = value.string ?? value.serialized() }
        return TemplateRenderer(slots: slots).render(body)
    }

    /// The message as it would go out now; a missing template says so (the
    /// send will fail at execution unless the template is created first).
    static func preview(template: Template?, named name: String, with: [(key: String, value: JSONValue)], fanName: String,
                        creatorName: String) -> String {
        guard let template else {
            return "send " + JSONValue.string(name).serialized() + " (no such template)"
        }
        return render(template.body, with: with, fanName: fanName, creatorName: creatorName)
    }
}
