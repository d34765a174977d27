/// Turns a file's bytes into tokens, one at a time, on demand.
///
/// The lexer works on `[UInt8]` with integer offsets: the source may hold
/// invalid UTF-8, which must be reported rather than repaired, and byte
/// offsets are what ranges store. Every lexical error becomes a diagnostic
/// and lexing goes on; bytes that make no token become one `.unknown` token
/// per run, so the parser knows something was there and stays quiet about it.
public struct Lexer {
    let bytes: [UInt8]
    let file: FileID
    var position: Int
    public private(set) var diagnostics: [Diagnostic] = []
    /// Comments in source order, kept for the formatter.
    public private(set) var comments: [Comment] = []
    /// Clock times (`09:00`) are tokens only right after `at`; elsewhere the
    /// same bytes are an int, a colon and an int.
    private var previousKind: TokenKind = .endOfFile
    /// Also after the words `hours` and `to` (`quiet hours 22:00 to 08:00`,
    /// LANGUAGE.md §11): nowhere else may a name be followed by a number.
    private var previousIsClockWord = false

    public init(file: SourceFile) {
        self.bytes = file.bytes
        self.file = file.id
        // A UTF-8 byte order mark says nothing about the program: skip it.
        self.position = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Lexes a whole file at once (tests, tools); the parser pulls tokens with `next()`.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], comments: [Comment], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return (tokens, lexer.comments, lexer.diagnostics)
    }

    public mutating func next() -> Token {
        skipWhitespaceAndComments()
        let token = scanToken()
        previousKind = token.kind
        previousIsClockWord = token.kind == .identifier && Lexer.isClockWord(bytes, token.start, token.end)
        return token
    }

    private mutating func scanToken() -> Token {
        let start = position
        guard position < bytes.count else { return Token(kind: .endOfFile, start: start, end: start) }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return scanWord()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if previousKind == .keyword(.at) || previousIsClockWord, let clock = scanClockTime() { return clock }
            return scanNumber()
        case UInt8(ascii: "$"):
            return scanMoney()
        case UInt8(ascii: "\""):
            return scanString()
        case 0:
            return scanNulRun()
        case 0x80...:
            return scanNonASCII()
        default:
            if let kind = scanPunctuation(byte) { return Token(kind: kind, start: start, end: position) }
            return scanStrayCharacters()
        }
    }

    // MARK: Trivia

    private mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                scanComment()
            default:
                return
            }
        }
    }

    private mutating func scanComment() {
        let start = position
        position += 1
        var sawSuspiciousByte = false
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
            if bytes[position] >= 0x80 || bytes[position] == 0 { sawSuspiciousByte = true }
            position += 1
        }
        var textEnd = position
        if textEnd > start + 1, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
        if sawSuspiciousByte { reportBadBytes(in: start + 1, textEnd) }
        let text = String(decoding: bytes[(start + 1)..<textEnd], as: UTF8.self)
        comments.append(Comment(text: text, range: range(start, textEnd)))
    }

    /// Reports invalid UTF-8 and NUL runs inside a comment, once per run.
    private mutating func reportBadBytes(in start: Int, _ end: Int) {
        var index = start
        while index < end {
            if bytes[index] == 0 {
                let runEnd = endOfNulRun(from: index, limit: end)
                report(.nulByte, "NUL byte in source", index, runEnd)
                index = runEnd
            } else if bytes[index] >= 0x80, UTF8Validation.scalarLength(in: bytes, at: index) == nil {
                let runEnd = min(end, UTF8Validation.endOfInvalidRun(in: bytes, from: index))
                report(.invalidUTF8, "invalid UTF-8 in comment", index, runEnd)
                index = runEnd
            } else {
                index += UTF8Validation.scalarLength(in: bytes, at: index) ?? 1
            }
        }
    }

    // MARK: Words and punctuation

    private mutating func scanWord() -> Token {
        let start = position
        position += 1
        while position < bytes.count, Lexer.isWordByte(bytes[position]) { position += 1 }
        if let keyword = Keyword.lookUp(bytes, start, position) {
            return Token(kind: .keyword(keyword), start: start, end: position)
        }
        return Token(kind: .identifier, start: start, end: position)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// Consumes one operator or punctuation token, or returns nil (consuming nothing).
    private mutating func scanPunctuation(_ byte: UInt8) -> TokenKind? {
        let following: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        let single: TokenKind?
        var double: (second: UInt8, kind: TokenKind)?
        switch byte {
        case UInt8(ascii: "("): single = .leftParen
        case UInt8(ascii: ")"): single = .rightParen
        case UInt8(ascii: "{"): single = .leftBrace
        case UInt8(ascii: "}"): single = .rightBrace
        case UInt8(ascii: "["): single = .leftBracket
        case UInt8(ascii: "]"): single = .rightBracket
        case UInt8(ascii: ","): single = .comma
        case UInt8(ascii: ":"): single = .colon
        case UInt8(ascii: "."): single = .dot
        case UInt8(ascii: "+"): single = .plus
        case UInt8(ascii: "-"): single = .minus
        case UInt8(ascii: "*"): single = .star
        case UInt8(ascii: "/"): single = .slash
        case UInt8(ascii: "%"): single = .percent
        case UInt8(ascii: "="): single = .equal; double = (UInt8(ascii: "="), .equalEqual)
        case UInt8(ascii: "!"): single = .bang; double = (UInt8(ascii: "="), .bangEqual)
        case UInt8(ascii: "<"): single = .less; double = (UInt8(ascii: "="), .lessEqual)
        case UInt8(ascii: ">"): single = .greater; double = (UInt8(ascii: "="), .greaterEqual)
        case UInt8(ascii: "&"): single = nil; double = (UInt8(ascii: "&"), .ampersandAmpersand)
        case UInt8(ascii: "|"): single = nil; double = (UInt8(ascii: "|"), .pipePipe)
        default: return nil
        }
        if let double, following == double.second {
            position += 2
            return double.kind
        }
        if single != nil { position += 1 }
        return single
    }

    // MARK: Bytes that make no token

    private mutating func scanStrayCharacters() -> Token {
        let start = position
        let byte = bytes[position]
        // A lone `&` or `|` is almost certainly a half-typed `&&` / `||`.
        if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") {
            position += 1
            let word = byte == UInt8(ascii: "&") ? "and" : "or"
            report(.strayCharacter, "unexpected character `\(Character(Unicode.Scalar(byte)))`; did you mean `\(word)`?",
                   start, position, fixIts: [FixIt(range: range(start, position), replacement: word, message: "use `\(word)`")])
            return Token(kind: .unknown, start: start, end: position)
        }
        while position < bytes.count, let length = strayCharacterLength(at: position) { position += length }
        if position == start { position += 1 }  // progress, whatever the byte
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let noun = text.unicodeScalars.count == 1 ? "character" : "characters"
        var message = "unexpected \(noun) `\(text)`"
        if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, !scalar.isASCII {
            message += " (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)))"
        }
        if byte == UInt8(ascii: "'") { message += "; strings use double quotes" }
        report(.strayCharacter, message, start, position)
        return Token(kind: .unknown, start: start, end: position)
    }

    /// The length of the character at `index` if it is stray (starts no token
    /// and is not whitespace), else nil. Valid non-ASCII scalars are stray
    /// outside strings and comments; invalid bytes and NUL have their own runs.
    private func strayCharacterLength(at index: Int) -> Int? {
        let byte = bytes[index]
        if byte >= 0x80 {
            guard let length = UTF8Validation.scalarLength(in: bytes, at: index) else { return nil }
            return length
        }
        switch byte {
        case 0, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
             UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return nil
        default:
            if Lexer.isWordByte(byte) { return nil }
            if "(){}[],:.+-*/%=!<>".utf8.contains(byte) { return nil }
            return 1
        }
    }

    private mutating func scanNonASCII() -> Token {
        let start = position
        if UTF8Validation.scalarLength(in: bytes, at: position) == nil {
            position = UTF8Validation.endOfInvalidRun(in: bytes, from: position)
            report(.invalidUTF8, "invalid UTF-8 (\(position - start) byte\(position - start == 1 ? "" : "s"))", start, position)
            return Token(kind: .unknown, start: start, end: position)
        }
        return scanStrayCharacters()
    }

    private mutating func scanNulRun() -> Token {
        let start = position
        position = endOfNulRun(from: position, limit: bytes.count)
        report(.nulByte, "NUL byte\(position - start == 1 ? "" : "s") in source", start, position)
        return Token(kind: .unknown, start: start, end: position)
    }

    func endOfNulRun(from index: Int, limit: Int) -> Int {
        var end = index
        while end < limit, bytes[end] == 0 { end += 1 }
        return end
    }

    // MARK: Helpers shared with the literal scanners

    func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(file: file, start: start, end: end) }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ start: Int, _ end: Int,
                         notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        diagnostics.append(Diagnostic(code, message, at: range(start, end), notes: notes, fixIts: fixIts))
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension Lexer {
    /// `hours` or `to`: the words of `quiet hours HH:MM to HH:MM` a clock time follows.
    static func isClockWord(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        if length == 2 { return bytes[start] == UInt8(ascii: "t") && bytes[start + 1] == UInt8(ascii: "o") }
        guard length == 5 else { return false }
        return Array(bytes[start..<end]) == Array("hours".utf8)
    }
}
