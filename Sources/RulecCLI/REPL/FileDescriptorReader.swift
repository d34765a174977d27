import Foundation

/// Buffered reads from a raw file descriptor, in chunks (for key decoding) or
/// in lines (for piped input). It never reads ahead more than one `read` call
/// returns, and what it has read but not handed out stays for the next call.
final class FileDescriptorReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var reachedEnd = false

    init(fd: Int32) { self.fd = fd }

    /// Whatever bytes are available (blocking until at least one is); nil at end of input.
    func readChunk() -> [UInt8]? {
        if buffer.isEmpty { fill() }
        guard !buffer.isEmpty else { return nil }
        defer { buffer = [] }
        return buffer
    }

    /// The next line without its `\n` (or `\r\n`); the last line need not end
    /// with a newline. Nil at end of input.
    func readLine() -> String? {
        var searchedUpTo = 0
        while true {
            if let newline = buffer[searchedUpTo...].firstIndex(of: 0x0A) {
                var line = buffer[..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return text
            }
            searchedUpTo = buffer.count
            guard fill() else {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer, as: UTF8.self)
            }
        }
    }

    /// True if a byte can be read within `milliseconds` (used to tell a lone
    /// Escape key from the start of an escape sequence).
    func waitForInput(milliseconds: Int32) -> Bool {
        if !buffer.isEmpty { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Appends one `read`'s worth; false at end of input or on an error.
    @discardableResult
    private func fill() -> Bool {
        guard !reachedEnd else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            reachedEnd = true
            return false
        }
    }
}
