import Syntax

extension LanguageServer {
    /// `textDocument/formatting` and `rangeFormatting`: the text `rulec fmt`
    /// would write (the same `Format.source`), sent as the few line edits that
    /// turn the editor's text into it. A file with syntax errors is left
    /// alone, as `fmt` leaves it.
    func formatting(_ params: JSONValue, range: LSPRange?) throws(RPCError) -> JSONValue {
        let located = try locate(params, needsPosition: false)
        let parsed = located.analysis.parsed[Int(located.file.id.rawValue)]
        guard !parsed.diagnostics.hasErrors else { return .array([]) }
        let formatted = Array(Format.source(parsed.syntax).utf8)
        if let range, let edit = rangeEdit(parsed.syntax, formatted: formatted, lines: range, located: located) {
            return .array(edit)
        }
        return .array(LineDiff.hunks(from: located.file.bytes, to: formatted).map { hunk in
            let start = located.lines.position(of: hunk.oldBytes.lowerBound, encoding: encoding)
            let end = located.lines.position(of: hunk.oldBytes.upperBound, encoding: encoding)
            return .object(["range": LSPRange(start: start, end: end).json, "newText": .string(hunk.newText)])
        })
    }

    /// Range formatting: the declarations the selection touches are replaced
    /// by their text in `fmt`'s output (the formatter keeps declarations in
    /// order, so the i-th of one is the i-th of the other); the rest of the
    /// file is not touched. Nil falls back to the whole file.
    private func rangeEdit(_ syntax: FileSyntax, formatted: [UInt8], lines selection: LSPRange, located: Located) -> [JSONValue]? {
        let reparsed = Parse.file(SourceFile(id: syntax.file.id, path: syntax.file.path, bytes: formatted)).syntax
        guard reparsed.declarations.count == syntax.declarations.count else { return nil }
        let firstLine = selection.start.line
        let lastLine = selection.end.character == 0 && selection.end.line > firstLine ? selection.end.line - 1 : selection.end.line
        let touched = syntax.declarations.indices.filter { index in
            let range = syntax.declarations[index].range
            let start = located.lines.position(of: range.start, encoding: .utf8).line
            let end = located.lines.position(of: range.end, encoding: .utf8).line
            return start <= lastLine && firstLine <= end
        }
        guard let first = touched.first, let last = touched.last else { return [] }
        let oldStart = syntax.declarations[first].range.start, oldEnd = syntax.declarations[last].range.end
        let newStart = reparsed.declarations[first].range.start, newEnd = reparsed.declarations[last].range.end
        let oldText = Array(syntax.file.bytes[oldStart..<oldEnd]), newText = Array(formatted[newStart..<newEnd])
        guard oldText != newText else { return [] }
        return [.object(["range": located.lines.range(start: oldStart, end: oldEnd, encoding: encoding).json,
                         "newText": .string(String(decoding: newText, as: UTF8.self))])]
    }
}

/// A line diff small enough for the editor: common leading and trailing lines
/// are skipped, the middle is aligned by longest common subsequence (bounded;
/// past the bound the middle is one replacement, still correct).
enum LineDiff {
    struct Hunk: Equatable {
        /// Lines of the old text replaced (zero-based, half-open) and their bytes.
        var oldLines: Range<Int>
        var oldBytes: Range<Int>
        var newText: String
    }

    static func hunks(from old: [UInt8], to new: [UInt8]) -> [Hunk] {
        guard old != new else { return [] }
        let a = lines(old), b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, old[a[prefix]] == new[b[prefix]] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              old[a[a.count - 1 - suffix]] == new[b[b.count - 1 - suffix]] { suffix += 1 }
        let aMid = Array(a[prefix..<a.count - suffix]), bMid = Array(b[prefix..<b.count - suffix])
        var pairs: [(Int, Int)] = []  // matched (old index, new index) within the middles
        if aMid.count * bMid.count <= 4_000_000, !aMid.isEmpty, !bMid.isEmpty {
            pairs = lcs(aMid.map { old[$0] }, bMid.map { new[$0] })
        }
        var hunks: [Hunk] = []
        var i = 0, j = 0
        func emit(_ iEnd: Int, _ jEnd: Int) {
            guard i < iEnd || j < jEnd else { return }
            let oldStart = i < aMid.count ? aMid[i].lowerBound : (prefix + i < a.count ? a[prefix + i].lowerBound : old.count)
            let oldEnd = i < iEnd ? aMid[iEnd - 1].upperBound : oldStart
            let text = (j..<jEnd).map { String(decoding: new[bMid[$0]], as: UTF8.self) }.joined()
            hunks.append(Hunk(oldLines: prefix + i..<prefix + iEnd, oldBytes: oldStart..<oldEnd, newText: text))
        }
        for (x, y) in pairs {
            emit(x, y)
            i = x + 1
            j = y + 1
        }
        emit(aMid.count, bMid.count)
        return hunks
    }

    /// Byte ranges of each line, newline included.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(start..<index + 1)
            start = index + 1
        }
        if start < bytes.count { result.append(start..<bytes.count) }
        return result
    }

    private static func lcs(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for x in stride(from: n - 1, through: 0, by: -1) {
            for y in stride(from: m - 1, through: 0, by: -1) {
                table[x * (m + 1) + y] = a[x] == b[y] ? table[(x + 1) * (m + 1) + y + 1] + 1
                    : max(table[(x + 1) * (m + 1) + y], table[x * (m + 1) + y + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var x = 0, y = 0
        while x < n, y < m {
            if a[x] == b[y] { pairs.append((x, y)); x += 1; y += 1 }
            else if table[(x + 1) * (m + 1) + y] >= table[x * (m + 1) + y + 1] { x += 1 }
            else { y += 1 }
        }
        return pairs
    }
}
