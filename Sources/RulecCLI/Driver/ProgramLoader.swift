import Foundation
import Syntax

/// Turns the PATH arguments of `check`, `deploy` and `explain` into the files
/// of one program: each PATH is a `.rules` file or a folder searched
/// recursively for `*.rules`; the files are sorted by path and numbered in that
/// order, so that FileIDs, and hence diagnostic order, never depend on how the
/// file system lists a folder.
struct ProgramLoader {
    var workingDirectory: String
    private let fileManager = FileManager.default

    init(workingDirectory: String) { self.workingDirectory = workingDirectory }

    /// Every file below `paths`, read and numbered. A missing or unreadable
    /// path, or no `.rules` file at all, is an I/O error (exit 2): checking
    /// nothing and reporting success would hide a mistyped path in CI.
    func load(_ paths: [String]) throws(CLIError) -> [SourceFile] {
        var found: [String: String] = [:]  // display path → absolute path
        for path in paths {
            for file in try discover(path) where found[file.display] == nil {
                found[file.display] = file.absolute
            }
        }
        guard !found.isEmpty else {
            throw .io("no .rules files found in \(paths.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return try found.keys.sorted(by: Self.pathOrder).enumerated().map { index, display throws(CLIError) in
            SourceFile(id: FileID(UInt32(index)), path: display, bytes: try read(found[display]!, shownAs: display))
        }
    }

    /// Byte-wise order of the UTF-8 paths: the same on every machine and locale.
    static func pathOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    private func discover(_ path: String) throws(CLIError) -> [(display: String, absolute: String)] {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw .io("no such file or folder: '\(path)'")
        }
        // A file named on the command line is taken whatever its extension: the user asked for it.
        guard isDirectory.boolValue else { return [(Self.tidy(path), absolute)] }
        let folder = Self.tidy(path)
        return try walk(folder: absolute, shownAs: folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `*.rules` below a folder. Hidden entries (`.git`, `.build`) are skipped,
    /// and symbolic links to folders are not followed, so a link cycle cannot
    /// loop; a link to a file counts like the file.
    private func walk(folder: String, shownAs prefix: String) throws(CLIError) -> [(display: String, absolute: String)] {
        let names: [String]
        do { names = try fileManager.contentsOfDirectory(atPath: folder) } catch {
            throw .io("cannot read folder '\(prefix.isEmpty ? "." : prefix)': \(Self.reason(error))")
        }
        var result: [(display: String, absolute: String)] = []
        for name in names where !name.hasPrefix(".") {
            let absolute = folder + "/" + name
            let type = (try? fileManager.attributesOfItem(atPath: absolute)[.type]) as? FileAttributeType
            if type == .typeDirectory {
                result += try walk(folder: absolute, shownAs: prefix + name + "/")
            } else if name.hasSuffix(".rules"), type == .typeRegular || (type == .typeSymbolicLink && isRegularFile(absolute)) {
                result.append((prefix + name, absolute))
            }
        }
        return result
    }

    private func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private func read(_ absolute: String, shownAs display: String) throws(CLIError) -> [UInt8] {
        do { return Array(try Data(contentsOf: URL(fileURLWithPath: absolute))) } catch {
            throw .io("cannot read '\(display)': \(Self.reason(error))")
        }
    }

    /// `./a/b//c.rules` → `a/b/c.rules`: paths as a reader (and GitHub) expects them.
    static func tidy(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let root = path.hasPrefix("/") ? "/" : ""
        return parts.isEmpty ? (root.isEmpty ? "." : root) : root + parts.joined(separator: "/")
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}
