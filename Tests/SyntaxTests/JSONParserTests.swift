import Testing
@testable import Syntax

/// The one JSON reader, shared by the language server (client messages) and
/// the runtime (the JSON it stored): what each of them relies on.
@Suite struct JSONParserTests {
    @Test func membersKeepTheirOrderAndKindsStayApart() throws {
        let value = try JSONParser.parse(#"{"z": true, "a": 1, "m": 1.0, "n": null, "s": "1", "l": [false, 0]}"#)
        #expect(value.members.map(\.key) == ["z", "a", "m", "n", "s", "l"])
        #expect(value["z"] == .bool(true))
        #expect(value["a"] == .int(1))
        #expect(value["m"] == .number(1.0))
        #expect(value["n"] == .null)
        #expect(value["s"] == .string("1"))
        #expect(value["l"] == .array([.bool(false), .int(0)]))
        #expect(value["z"] != value["a"], "true is not 1")
        #expect(value["a"] != value["m"], "1 is not 1.0")
    }

    /// What the runtime writes it reads back to the same bytes (stored params
    /// and plans are compared as text to decide whether a rule changed).
    @Test func serializedOutputReadsBackToTheSameBytes() throws {
        let texts = [
            #"{"b":2,"a":[null,true,0.5,-7,3.0,1e-05,1e+20,-0.0,9223372036854775807]}"#,
            #"["quote \" backslash \\ newline \n tab \t \b\f \u0001 \u007f \u2028 emoji 😀 é",{}]"#,
            #"{"nested":{"deeper":[[],[{}]]},"empty":""}"#,
        ]
        for text in texts {
            #expect(try JSONParser.parse(text).serialized() == text)
        }
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00 \u00e9 \/ \"""#) == .string("😀 é / \""))
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"), "hex digits in either case")
        // A lone surrogate has no scalar: U+FFFD, and a following escape is kept.
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ude00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
    }

    @Test func numbersFollowTheGrammar() throws {
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("0.25") == .number(0.25))
        #expect(try JSONParser.parse("2E3") == .number(2000))
        #expect(try JSONParser.parse("12345678901234567890") == .number(12345678901234567890.0), "too big for Int")
        for bad in ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "1.2.3", "NaN", "Infinity"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
    }

    /// Errors say what and where (a byte offset from 0), which the language
    /// server passes on in its -32700 answer.
    @Test func errorsCarryTheByteOffset() {
        let cases: [(String, JSONParseError)] = [
            (#"{"a": }"#, JSONParseError(message: "unexpected character", offset: 6)),
            ("[1] 2", JSONParseError(message: "unexpected text after the value", offset: 4)),
            ("[1,", JSONParseError(message: "unexpected end of input", offset: 3)),
            (#"{"a" 1}"#, JSONParseError(message: "expected ':'", offset: 5)),
            ("[1 2]", JSONParseError(message: "expected ',' or ']'", offset: 3)),
            (#"{"a":1 "b":2}"#, JSONParseError(message: "expected ',' or '}'", offset: 7)),
            ("{1:2}", JSONParseError(message: "expected a member name", offset: 1)),
            ("tru", JSONParseError(message: "expected true", offset: 0)),
            ("\"ab", JSONParseError(message: "unterminated string", offset: 3)),
            ("\"a\u{9}b\"", JSONParseError(message: "control character in string", offset: 2)),
            (#""a\qb""#, JSONParseError(message: "invalid escape", offset: 3)),
            (#""\u12G4""#, JSONParseError(message: "invalid \\u escape", offset: 5)),
            ("[01]", JSONParseError(message: "leading zero in number", offset: 2)),
            ("", JSONParseError(message: "unexpected end of input", offset: 0)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text.debugDescription)") { try JSONParser.parse(text) }
        }
        #expect(JSONParseError(message: "expected ':'", offset: 5).description == "invalid JSON at byte 5: expected ':'")
    }

    @Test func nestingIsLimited() throws {
        let limit = JSONParser.maxDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONParser.parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParseError(message: "nested too deeply", offset: limit)) { try JSONParser.parse(tooDeep) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "{\"a\":", count: 100_000)) }
    }

    @Test func bytesThatAreNotUTF8AreRepairedNotFatal() throws {
        // A client's body is bytes; an invalid sequence in a string reads as U+FFFD.
        #expect(try JSONParser.parse([0x22, 0x61, 0xFF, 0x22]) == .string("a\u{FFFD}"))
    }

    @Test func accessorsAnswerNilForOtherKinds() throws {
        let value = try JSONParser.parse(#"{"s":"x","i":3,"d":3.0,"f":3.5,"b":false,"a":[1,"two"]}"#)
        #expect(value["s"]?.string == "x")
        #expect(value["i"]?.string == nil)
        #expect(value["i"]?.int == 3)
        #expect(value["d"]?.int == 3, "an integral double reads as an int (a client may send 3.0)")
        #expect(value["f"]?.int == nil)
        #expect(value["b"]?.bool == false)
        #expect(value["i"]?.bool == nil, "1 is not true")
        #expect(value["a"]?[1]?.string == "two")
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?.array?.count == 2)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["s"] == nil)
        #expect(JSONValue.string("x").members.isEmpty)
    }

    @Test func theObjectBuilderLeavesOutNilMembers() {
        let detail: String? = nil
        let value = JSONValue.object(["label": .string("a"), "detail": detail.map(JSONValue.string), "kind": .int(3)])
        #expect(value.serialized() == #"{"label":"a","kind":3}"#)
    }
}
