import Foundation

/// `file://` URIs ↔ paths. Clients percent-encode (VS Code writes `%3A` for
/// a drive colon, spaces as `%20`), so both directions go through URL.
public enum FileURI {
    public static func path(of uri: String) -> String? {
        guard uri.hasPrefix("file:"), let url = URL(string: uri) else { return nil }
        let path = url.path
        return path.isEmpty ? nil : path
    }

    public static func uri(of path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
