import Foundation

/// Whole-file reads and atomic replacement with POSIX calls, for the history
/// file. Foundation's equivalents report failures as "The operation could not be
/// completed (NSCocoaErrorDomain error 256)"; the user should read "Is a
/// directory" or "Permission denied".
enum PlainFile {
    struct Failure: Error {
        let reason: String
        init(errno code: Int32) { reason = String(cString: strerror(code)) }
    }

    /// The file's bytes, or nil if it does not exist.
    static func read(_ path: String) throws(Failure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Failure(errno: errno)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(errno: errno)
            }
            bytes += chunk[..<count]
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    static func replace(_ path: String, with bytes: [UInt8], permissions: mode_t) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(errno: errno) }
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd); unlink(temporary)
                throw Failure(errno: code)
            }
            remaining = remaining.dropFirst(written)
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(errno: code)
        }
    }
}
