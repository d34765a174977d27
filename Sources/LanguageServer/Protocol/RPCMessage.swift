import Syntax

/// One incoming JSON-RPC 2.0 message, classified.
public enum RPCMessage: Sendable {
    case request(id: JSONValue, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    /// A reply to something the server asked (none today; ignored).
    case response(id: JSONValue)

    /// Classifies a parsed body, or says why it is not a valid request
    /// (the caller answers -32600 with the id when one could be read).
    public static func classify(_ json: JSONValue) -> Result<RPCMessage, RPCError> {
        guard case .object = json else { return .failure(RPCError(.invalidRequest, "a message must be a JSON object")) }
        guard json["jsonrpc"]?.string == "2.0" else {
            return .failure(RPCError(.invalidRequest, "\"jsonrpc\" must be \"2.0\"", id: validID(json["id"])))
        }
        let id = json["id"]
        if let id, validID(id) == nil {
            return .failure(RPCError(.invalidRequest, "\"id\" must be a string or a number"))
        }
        guard let methodValue = json["method"] else {
            if let id, json["result"] != nil || json["error"] != nil { return .success(.response(id: id)) }
            return .failure(RPCError(.invalidRequest, "a request needs a \"method\"", id: id))
        }
        guard let method = methodValue.string else {
            return .failure(RPCError(.invalidRequest, "\"method\" must be a string", id: id))
        }
        let params = json["params"] ?? .null
        if let id { return .success(.request(id: id, method: method, params: params)) }
        return .success(.notification(method: method, params: params))
    }

    private static func validID(_ id: JSONValue?) -> JSONValue? {
        switch id {
        case .string?, .int?: id
        default: nil
        }
    }
}

/// A JSON-RPC error object, with the id of the request it answers when known.
public struct RPCError: Error, Sendable {
    public enum Code: Int, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
        case requestCancelled = -32800
    }

    public var code: Code
    public var message: String
    public var id: JSONValue?

    public init(_ code: Code, _ message: String, id: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }

    /// The full response message.
    public var response: JSONValue {
        .object(["jsonrpc": .string("2.0"), "id": id ?? .null,
                 "error": .object(["code": .int(code.rawValue), "message": .string(message)])])
    }
}
