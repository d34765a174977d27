import Foundation

/// Submitted entries, oldest first, optionally kept in a file between sessions.
///
/// The file holds one entry per line. A multi-line entry is stored on one line
/// with its newlines escaped (`\n`, and `\\` for a backslash, `\r` for a CR), so
/// it comes back as one entry rather than as several.
public struct History: Equatable, Sendable {
    public static let defaultLimit = 1000

    public private(set) var entries: [String] = []
    public let limit: Int

    public init(entries: [String] = [], limit: Int = History.defaultLimit) {
        self.limit = max(1, limit)
        for entry in entries { add(entry) }
    }

    /// Records a submitted entry. Blank entries and an entry equal to the previous
    /// one are not recorded; beyond `limit` the oldest entries are dropped.
    public mutating func add(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != entries.last else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    // MARK: Persistence

    /// Reads a history file; a missing file is an empty history.
    public static func load(from url: URL, limit: Int = History.defaultLimit) throws(HistoryError) -> History {
        let bytes: [UInt8]
        do {
            guard let read = try PlainFile.read(url.path) else { return History(limit: limit) }
            bytes = read
        } catch {
            throw .unreadable(path: url.path, reason: error.reason)
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return History(entries: lines.map { unescape(String($0)) }, limit: limit)
    }

    /// Writes the whole history, through a temporary file renamed over the old
    /// one, so an interrupted write never leaves half a history behind. The file
    /// is readable by its owner only: entries name fans and amounts, as a shell
    /// history holds commands.
    public func save(to url: URL) throws(HistoryError) {
        let text = entries.map(Self.escape).joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        do {
            try PlainFile.replace(url.path, with: Array(text.utf8), permissions: 0o600)
        } catch {
            throw .unwritable(path: url.path, reason: error.reason)
        }
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = line.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else { out.append(scalar); continue }
            switch iterator.next() {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case let other?: out.append("\\"); out.append(other)  // not ours: keep as written
            case nil: out.append("\\")
            }
        }
        return String(out)
    }
}

public enum HistoryError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var message: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read history file \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write history file \(path): \(reason)"
        }
    }
}
