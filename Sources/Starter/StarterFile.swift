/// One file of the starter project: its path relative to the project's root
/// (`Rules/retention.rules`, `README.md`) and its exact text.
public struct StarterFile: Sendable, Equatable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
