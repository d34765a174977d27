/// Reading parts of a parsed value without a `switch` at every step: the
/// language server walks request parameters with them and the runtime reads
/// back its stored parameters and program text. Each answers nil (or nothing)
/// when the value is of another kind, so a chain such as
/// `params["textDocument"]?["uri"]?.string` fails softly on a malformed message.
extension JSONValue {
    /// The member `key` of an object (the first, if repeated); `nil` otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The item at `index` of an array; `nil` for another kind or out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// Object members in their written order, or none for anything else.
    public var members: [(key: String, value: JSONValue)] { if case .object(let m) = self { m } else { [] } }

    /// An `.int`, or a `.number` with no fraction: LSP positions and versions
    /// are integers, but a client may spell one `3.0`. Doubles beyond 2^53 are
    /// refused, as they no longer stand for one integer.
    public var int: Int? {
        switch self {
        case .int(let i): i
        case .number(let d) where d == d.rounded() && abs(d) < 9e15: Int(d)
        default: nil
        }
    }
}
