import Foundation

/// Writes `Sources/Starter/StarterLibrary.swift` from the files of `Rules/`:
/// the one generator of the compiled-in library, run by `StarterLibraryTests`
/// with `RULEC_REGENERATE_GOLDEN=1`.
enum StarterLibrarySource {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rulesFolder = packageRoot.appendingPathComponent("Rules")
    static let generatedFile = packageRoot.appendingPathComponent("Sources/Starter/StarterLibrary.swift")

    /// Every `*.rules` file below `Rules/` (test files included), as `Rules/…` paths in byte order, with their bytes.
    static func libraryOnDisk() throws -> [(path: String, bytes: Data)] {
        var found: [(path: String, bytes: Data)] = []
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: rulesFolder.path) else { return [] }
        for case let relative as String in walker where relative.hasSuffix(".rules") {
            let url = rulesFolder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append(("Rules/" + relative, try Data(contentsOf: url)))
        }
        return found.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The Swift source holding `files`, each text as a raw multi-line string literal.
    static func render(_ files: [(path: String, bytes: Data)]) throws -> String {
        var out = """
            // Generated from Rules/ by Tests/RulecCLITests/StarterLibrarySource.swift. Do not edit:
            // edit Rules/, then `RULEC_REGENERATE_GOLDEN=1 swift test --filter StarterLibraryTests`
            // (StarterLibraryTests fails while this file and Rules/ differ).

            /// The rule library of `Rules/`, compiled in so `rulec demo` and `rulec init` work from
            /// any folder and from a copied binary.
            public enum StarterLibrary {
                public static let files: [StarterFile] = [

            """
        for file in files {
            guard let text = String(data: file.bytes, encoding: .utf8), !text.contains("\r") else {
                throw GenerationError(message: "\(file.path) is not UTF-8 text with \\n line ends; a Swift string literal cannot hold it byte for byte")
            }
            let hashes = String(repeating: "#", count: delimiterLength(for: text))
            out += "        StarterFile(path: \(literal(file.path)), text: \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// The fewest `#` that make neither an escape (`\#`) nor the closing delimiter (`"""#`) appear in `text`.
    static func delimiterLength(for text: String) -> Int {
        var count = 1
        while text.contains("\\" + String(repeating: "#", count: count)) || text.contains("\"\"\"" + String(repeating: "#", count: count)) {
            count += 1
        }
        return count
    }

    static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    struct GenerationError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
