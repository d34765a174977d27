#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq, PostgreSQL's client library, loaded when a `postgres://` store is
/// first opened (`dlopen("libpq.so.5")`) rather than linked: the default build
/// and `swift test` need only SQLite, and a machine without libpq fails with a
/// clear message the moment it is asked for PostgreSQL (README "PostgreSQL").
///
/// The function pointers below are the whole of the C API rulec uses; only
/// `PostgresConnection` and `PostgresResult` call them.
struct LibPQ: @unchecked Sendable {
    typealias Conn = OpaquePointer
    typealias Result = OpaquePointer
    typealias Oid = UInt32

    let connectdb: @convention(c) (UnsafePointer<CChar>) -> Conn?
    let status: @convention(c) (Conn?) -> Int32
    let errorMessage: @convention(c) (Conn?) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Conn?) -> Void
    let exec: @convention(c) (Conn?, UnsafePointer<CChar>) -> Result?
    let execParams: @convention(c) (Conn?, UnsafePointer<CChar>, Int32, UnsafePointer<Oid>?,
                                    UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?
    let prepare: @convention(c) (Conn?, UnsafePointer<CChar>, UnsafePointer<CChar>, Int32, UnsafePointer<Oid>?) -> Result?
    let execPrepared: @convention(c) (Conn?, UnsafePointer<CChar>, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                      UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?
    let resultStatus: @convention(c) (Result?) -> Int32
    let resultErrorMessage: @convention(c) (Result?) -> UnsafePointer<CChar>?
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafePointer<CChar>?
    let ntuples: @convention(c) (Result?) -> Int32
    let nfields: @convention(c) (Result?) -> Int32
    let fname: @convention(c) (Result?, Int32) -> UnsafePointer<CChar>?
    let ftype: @convention(c) (Result?, Int32) -> Oid
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafePointer<CChar>?
    let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let cmdTuples: @convention(c) (Result?) -> UnsafePointer<CChar>?
    let clear: @convention(c) (Result?) -> Void
    let transactionStatus: @convention(c) (Conn?) -> Int32
    let setNoticeProcessor: @convention(c) (Conn?, (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?,
                                            UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    // Values of libpq's enums and constants that rulec reads (libpq-fe.h, postgres_ext.h).
    static let connectionOK: Int32 = 0
    static let emptyQuery: Int32 = 0, commandOK: Int32 = 1, tuplesOK: Int32 = 2
    static let transactionIdle: Int32 = 0
    /// `PQTRANS_INERROR`: inside a transaction that a failed statement aborted.
    static let transactionFailed: Int32 = 3
    static let diagnosticSQLState = Int32(UInt8(ascii: "C"))
    static let diagnosticDetail = Int32(UInt8(ascii: "D"))
    static let diagnosticPrimaryMessage = Int32(UInt8(ascii: "M"))

    /// The library, loaded once; the error says why it could not be.
    static let shared: Swift.Result<LibPQ, SQLiteError> = load()

    static func loaded() throws -> LibPQ { try shared.get() }

    private static func load() -> Swift.Result<LibPQ, SQLiteError> {
        let names = ["libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(SQLiteError(code: 1, message: "PostgreSQL needs libpq (Debian: apt-get install libpq5), and it cannot be loaded: \(reason)"))
        }
        var missing: [String] = []
        func symbol<T>(_ name: String, as: T.Type) -> T {
            guard let pointer = dlsym(handle, name) else {
                missing.append(name)
                return unsafeBitCast(dlsym(handle, "PQlibVersion") ?? UnsafeMutableRawPointer(bitPattern: 1)!, to: T.self)
            }
            return unsafeBitCast(pointer, to: T.self)
        }
        let library = LibPQ(
            connectdb: symbol("PQconnectdb", as: (@convention(c) (UnsafePointer<CChar>) -> Conn?).self),
            status: symbol("PQstatus", as: (@convention(c) (Conn?) -> Int32).self),
            errorMessage: symbol("PQerrorMessage", as: (@convention(c) (Conn?) -> UnsafePointer<CChar>?).self),
            finish: symbol("PQfinish", as: (@convention(c) (Conn?) -> Void).self),
            exec: symbol("PQexec", as: (@convention(c) (Conn?, UnsafePointer<CChar>) -> Result?).self),
            execParams: symbol("PQexecParams", as: (@convention(c) (Conn?, UnsafePointer<CChar>, Int32, UnsafePointer<Oid>?,
                UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?).self),
            prepare: symbol("PQprepare", as: (@convention(c) (Conn?, UnsafePointer<CChar>, UnsafePointer<CChar>, Int32,
                UnsafePointer<Oid>?) -> Result?).self),
            execPrepared: symbol("PQexecPrepared", as: (@convention(c) (Conn?, UnsafePointer<CChar>, Int32,
                UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?).self),
            resultStatus: symbol("PQresultStatus", as: (@convention(c) (Result?) -> Int32).self),
            resultErrorMessage: symbol("PQresultErrorMessage", as: (@convention(c) (Result?) -> UnsafePointer<CChar>?).self),
            resultErrorField: symbol("PQresultErrorField", as: (@convention(c) (Result?, Int32) -> UnsafePointer<CChar>?).self),
            ntuples: symbol("PQntuples", as: (@convention(c) (Result?) -> Int32).self),
            nfields: symbol("PQnfields", as: (@convention(c) (Result?) -> Int32).self),
            fname: symbol("PQfname", as: (@convention(c) (Result?, Int32) -> UnsafePointer<CChar>?).self),
            ftype: symbol("PQftype", as: (@convention(c) (Result?, Int32) -> Oid).self),
            getvalue: symbol("PQgetvalue", as: (@convention(c) (Result?, Int32, Int32) -> UnsafePointer<CChar>?).self),
            getlength: symbol("PQgetlength", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            getisnull: symbol("PQgetisnull", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            cmdTuples: symbol("PQcmdTuples", as: (@convention(c) (Result?) -> UnsafePointer<CChar>?).self),
            clear: symbol("PQclear", as: (@convention(c) (Result?) -> Void).self),
            transactionStatus: symbol("PQtransactionStatus", as: (@convention(c) (Conn?) -> Int32).self),
            setNoticeProcessor: symbol("PQsetNoticeProcessor", as: (@convention(c) (Conn?,
                (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?, UnsafeMutableRawPointer?)
                -> UnsafeMutableRawPointer?).self))
        guard missing.isEmpty else {
            return .failure(SQLiteError(code: 1, message: "the libpq found lacks \(missing.joined(separator: ", ")); PostgreSQL 10 or later's libpq is needed"))
        }
        return .success(library)
    }
}
