import Store

/// The creator's message templates as the checker wants them: name → body.
/// The one reader behind `rulec check --db --user` and `rulec deploy`, so the
/// two always check `send` against the same rows.
public enum MessageTemplates {
    public static func bodies(in store: CreatorStore) throws -> [String: String] {
        var templates: [String: String] = [:]
        try store.forEachRow("SELECT name, body FROM message_templates WHERE user_id = :user") { templates[$0.string(0)] = $0.string(1) }
        return templates
    }
}
