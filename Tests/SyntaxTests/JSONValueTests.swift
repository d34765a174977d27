import Testing
@testable import Syntax

@Suite struct JSONValueTests {
    @Test func objectsKeepTheirKeyOrder() {
        let value: JSONValue = ["zeta": 1, "alpha": [true, nil, "s"], "mid": ["k": 2.5]]
        #expect(value.serialized() == #"{"zeta":1,"alpha":[true,null,"s"],"mid":{"k":2.5}}"#)
    }

    @Test func numbersAreSpelledDeterministically() {
        let value: JSONValue = [.number(3), .number(0.1), .number(-2.5e-8), .number(.infinity), .int(-9223372036854775808)]
        #expect(value.serialized() == "[3.0,0.1,-2.5e-08,null,-9223372036854775808]")
    }

    @Test func controlCharactersUseShortOrUnicodeEscapes() {
        let value = JSONValue.string("\u{0}\u{1F}\u{7F}\u{08}\u{0C}\r/")
        #expect(value.serialized() == #""\u0000\u001f\u007f\b\f\r/""#)
    }

    /// Strings with nothing to escape are copied whole; any one character that
    /// needs an escape sends the string down the character-by-character path.
    @Test func stringsAreEscapedWhereverTheSpecialCharacterSits() {
        let cases: [(String, String)] = [
            ("plain ascii", #""plain ascii""#),
            ("Łukasz 漢字 🙂", #""Łukasz 漢字 🙂""#),
            ("", #""""#),
            ("a\"b", #""a\"b""#),
            ("back\\slash", #""back\\slash""#),
            ("line\u{2028}sep\u{2029}", #""line\u2028sep\u2029""#),
            ("en–dash €", #""en–dash €""#),
            ("tab\tend", #""tab\tend""#),
            ("é\u{7F}", #""é\u007f""#),
        ]
        for (text, expected) in cases {
            #expect(JSONValue.string(text).serialized() == expected, "\(text.debugDescription)")
        }
    }

    @Test func prettyPrintingIndentsAndKeepsEmptyContainersShort() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.prettySerialized() == """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": []
            }
            """)
    }
}
