/// Strings are sequences of Unicode scalars (LANGUAGE.md §6). Swift's `String`
/// compares by canonical equivalence and counts grapheme clusters, so every
/// operation here works on `unicodeScalars` explicitly.
public enum Strings {
    public static func compare(_ a: String, _ b: String) -> Int {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?) where x != y: return x.value < y.value ? -1 : 1
            default: continue
            }
        }
    }

    public static func length(_ s: String) -> Int64 { Int64(s.unicodeScalars.count) }

    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        for start in 0...(h.count - n.count) where h[start] == n[0] {
            if h[start..<(start + n.count)].elementsEqual(n) { return true }
        }
        return false
    }

    public static func startsWith(_ s: String, _ prefix: String) -> Bool {
        s.unicodeScalars.starts(with: prefix.unicodeScalars)
    }

    public static func endsWith(_ s: String, _ suffix: String) -> Bool {
        s.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
    }

    /// Full Unicode case mapping ("ß" uppercases to "SS"), which the standard
    /// library implements; SQLite's built-in `lower`/`upper` only map ASCII.
    public static func lower(_ s: String) -> String { s.lowercased() }
    public static func upper(_ s: String) -> String { s.uppercased() }
}
