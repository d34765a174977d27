/// Counted nouns for what users read ("1 event", "4 events", "1 reply",
/// "2 replies"): the one helper every summary in the runtime uses, so no line
/// says "1 actions" or "63 delayed send".
public enum Plural {
    /// `count` and the noun, plural unless the count is exactly 1. The plural
    /// is `plural` when given, else the English rule for regular nouns.
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? form(of: singular))
    }

    /// The regular plural of a noun, or of the last word of a phrase ("custom request" → "custom requests").
    public static func form(of singular: String) -> String {
        guard let last = singular.last else { return singular }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if last == "y", let before = singular.dropLast().last, !vowels.contains(before) { return singular.dropLast() + "ies" }
        if ["s", "x", "z"].contains(last) || singular.hasSuffix("ch") || singular.hasSuffix("sh") { return singular + "es" }
        return singular + "s"
    }
}
