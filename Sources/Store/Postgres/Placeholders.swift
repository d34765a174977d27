/// SQLite's parameter syntax turned into PostgreSQL's, in one place: every
/// statement rulec writes uses `?` and `:name` (SQLite's forms), and on
/// PostgreSQL each becomes `$n` with the index SQLite itself would give it, so
/// `Statement.parameterIndex(":user")` and positional binding mean the same on
/// both backends.
///
/// SQLite's numbering: a `?` takes one more than the largest index so far;
/// `?NNN` takes NNN; a `:name` takes the next index the first time it appears
/// and the same index after that. Text inside string literals, quoted
/// identifiers, dollar-quoted bodies and comments is copied untouched, and
/// `::type` casts are not parameters.
struct Placeholders: Equatable {
    /// The SQL with `$n` parameters.
    let text: String
    /// How many parameters the statement takes (the largest index).
    let count: Int
    /// Named parameters (with their prefix, `:user`) by index.
    let names: [String: Int]

    init(translating sql: String) {
        let s = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var names: [String: Int] = [:]
        var largest = 0
        var i = 0
        func isNameScalar(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "$" }
        func copyUntil(_ end: [Unicode.Scalar], from start: Int) -> Int {
            // Copies s[start...] through the first occurrence of `end`, returns the index after it.
            var j = start
            while j < s.count {
                if s[j] == end[0], j + end.count <= s.count, Array(s[j..<(j + end.count)]) == end {
                    out.append(contentsOf: s[start..<(j + end.count)])
                    return j + end.count
                }
                j += 1
            }
            out.append(contentsOf: s[start...])
            return s.count
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "'", "\"", "`":
                // A doubled quote inside ends one literal and starts the next: the same text.
                out.append(c)
                i = copyUntil([c], from: i + 1)
            case "-" where i + 1 < s.count && s[i + 1] == "-":
                i = copyUntil(["\n"], from: i)
            case "/" where i + 1 < s.count && s[i + 1] == "*":
                i = copyUntil(["*", "/"], from: i)
            case "$" where !(i > 0 && isNameScalar(s[i - 1])):
                // A dollar-quoted body `$tag$ … $tag$` (never a parameter in rulec's SQL).
                var j = i + 1
                while j < s.count, s[j] != "$", isNameScalar(s[j]), !(("0"..."9").contains(s[j]) && j == i + 1) { j += 1 }
                if j < s.count, s[j] == "$" {
                    let tag = Array(s[i...j])
                    out.append(contentsOf: tag)
                    i = copyUntil(tag, from: j + 1)
                } else {
                    out.append(c); i += 1
                }
            case ":" where i + 1 < s.count && s[i + 1] == ":":
                out.append(contentsOf: "::".unicodeScalars); i += 2
            case ":" where i + 1 < s.count && (s[i + 1] == "_" || s[i + 1].properties.isAlphabetic)
                && !(i > 0 && isNameScalar(s[i - 1])):
                var j = i + 1
                while j < s.count, isNameScalar(s[j]), s[j] != "$" { j += 1 }
                let name = String(String.UnicodeScalarView(s[i..<j]))
                let index: Int
                if let known = names[name] { index = known } else { largest += 1; index = largest; names[name] = index }
                out.append(contentsOf: "$\(index)".unicodeScalars)
                i = j
            case "?":
                var j = i + 1
                while j < s.count, ("0"..."9").contains(s[j]) { j += 1 }
                let index: Int
                if j > i + 1, let number = Int(String(String.UnicodeScalarView(s[(i + 1)..<j]))) {
                    index = number; largest = max(largest, number)
                } else {
                    largest += 1; index = largest
                }
                out.append(contentsOf: "$\(index)".unicodeScalars)
                i = j
            default:
                out.append(c); i += 1
            }
        }
        self.text = String(out)
        self.count = largest
        self.names = names
    }
}
