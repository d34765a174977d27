import Foundation

/// The words after the subcommand, split into flags and positionals. Flags are
/// taken out as a command asks for them; whatever is left over at the end is a
/// usage error, so a misspelled flag never passes silently.
public struct Arguments {
    private var words: [String]
    private var consumed: Set<Int> = []

    public init(_ words: [String]) { self.words = words }

    /// `--name` present (as a bare switch).
    public mutating func flag(_ name: String) -> Bool {
        guard let i = index(of: name) else { return false }
        consumed.insert(i)
        return true
    }

    /// `--name VALUE` or `--name=VALUE`; the last occurrence wins.
    public mutating func option(_ name: String) throws -> String? {
        var result: String?
        for (i, word) in words.enumerated() where !consumed.contains(i) {
            if word == name {
                guard i + 1 < words.count, !consumed.contains(i + 1) else {
                    throw CLIError.usage("option \(name) needs a value")
                }
                consumed.insert(i); consumed.insert(i + 1)
                result = words[i + 1]
            } else if word.hasPrefix(name + "=") {
                consumed.insert(i)
                result = String(word.dropFirst(name.count + 1))
            }
        }
        return result
    }

    /// Every `--name VALUE` / `--name=VALUE`, in order, for options that may repeat (`--rules A --rules B`).
    public mutating func options(_ name: String) throws -> [String] {
        var result: [String] = []
        for (i, word) in words.enumerated() where !consumed.contains(i) {
            if word == name {
                guard i + 1 < words.count, !consumed.contains(i + 1) else {
                    throw CLIError.usage("option \(name) needs a value")
                }
                consumed.insert(i); consumed.insert(i + 1)
                result.append(words[i + 1])
            } else if word.hasPrefix(name + "=") {
                consumed.insert(i)
                result.append(String(word.dropFirst(name.count + 1)))
            }
        }
        return result
    }

    public mutating func intOption(_ name: String) throws -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text) else { throw CLIError.usage("option \(name) takes a whole number, not '\(text)'") }
        return value
    }

    /// Everything not taken as a flag or option value; call after all options.
    /// A leftover word starting with `--` is an unknown flag: a usage error.
    public mutating func positionals(known: [String] = []) throws -> [String] {
        var result: [String] = []
        var afterTerminator = false
        for (i, word) in words.enumerated() where !consumed.contains(i) {
            if !afterTerminator && word == "--" { afterTerminator = true; continue }
            if !afterTerminator && word.hasPrefix("--") && word.count > 2 {
                let name = String(word.split(separator: "=", maxSplits: 1)[0])
                var message = "unknown option '\(name)'"
                if let guess = Suggest.closest(to: name, among: known) { message += ". Did you mean '\(guess)'?" }
                throw CLIError.usage(message)
            }
            result.append(word)
        }
        return result
    }

    private func index(of name: String) -> Int? {
        words.indices.first { !consumed.contains($0) && words[$0] == name }
    }
}
