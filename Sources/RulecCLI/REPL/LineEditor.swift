import Foundation

/// What one call to `LineEditor.readEntry` produced.
public enum Entry: Equatable, Sendable {
    /// A submitted entry; several lines joined with `\n` if brackets were open.
    case line(String)
    /// Ctrl-C: the entry was abandoned; the caller shows a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty entry, or the input ended.
    case endOfInput
}

/// Reads entries for the REPL from a file descriptor.
///
/// On a terminal it edits in raw mode (see `EditState` for the keys) and keeps a
/// history; on anything else it reads lines with the same continuation rule and
/// writes nothing. It takes plain descriptors so tests can drive it through a
/// pipe, or through tmux for a real terminal.
public final class LineEditor {
    public let source: InputSource
    public private(set) var history: History
    /// The last failure to save the history, for the REPL to mention once.
    public private(set) var historyError: HistoryError?

    private let input: Int32
    private let output: Int32
    private let historyFile: URL?
    private let reader: FileDescriptorReader
    private var decoder = KeyDecoder()
    /// Keys read past the end of the previous entry (a paste of several lines).
    private var typedAhead: [Key] = []

    /// How long to wait after an ESC for the rest of its sequence; terminals send
    /// a whole sequence in one write, so a short wait only delays a lone Escape.
    private static let escapeTimeoutMilliseconds: Int32 = 50

    /// - Parameters:
    ///   - source: defaults to what `InputSource.detect` sees; tests force
    ///     `.terminal` on a pipe to exercise the editing path.
    ///   - historyFile: loaded now (a missing file is an empty history) and
    ///     rewritten after each submitted entry; nil keeps history in memory only.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, source: InputSource? = nil,
                historyFile: URL? = nil, historyLimit: Int = History.defaultLimit,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(HistoryError) {
        self.reader = FileDescriptorReader(fd: input)
        self.output = output
        self.source = source ?? InputSource.detect(input: input, output: output, environment: environment)
        self.historyFile = historyFile
        self.history = try historyFile.map { url throws(HistoryError) in try History.load(from: url, limit: historyLimit) }
            ?? History(limit: historyLimit)
        self.input = input
    }

    public func readEntry(prompt: String, continuationPrompt: String,
                          needsContinuation: (String) -> Bool = Continuation.bracketsOpen) -> Entry {
        switch source {
        case .piped: readPipedEntry(needsContinuation: needsContinuation)
        case .terminal: editEntry(prompt: prompt, continuationPrompt: continuationPrompt, needsContinuation: needsContinuation)
        }
    }

    // MARK: Piped

    private func readPipedEntry(needsContinuation: (String) -> Bool) -> Entry {
        var lines: [String] = []
        while let line = reader.readLine() {
            lines.append(line)
            let text = lines.joined(separator: "\n")
            if !needsContinuation(text) { return .line(text) }
        }
        // Input ended inside open brackets: hand over what there is, so the
        // caller reports it (an unclosed bracket) instead of dropping it silently.
        return lines.isEmpty ? .endOfInput : .line(lines.joined(separator: "\n"))
    }

    // MARK: Terminal

    private func editEntry(prompt: String, continuationPrompt: String, needsContinuation: (String) -> Bool) -> Entry {
        let rawMode = TerminalMode.enterRaw(fd: input)
        defer { rawMode?.restore() }
        var state = EditState(history: history.entries)
        var screen = Redraw(prompt: prompt, continuationPrompt: continuationPrompt, columns: terminalColumns())
        var cursorRow = 0

        func redraw() {
            screen.columns = terminalColumns()  // the window may have been resized
            let drawing = screen.sequence(for: state.buffer, previousCursorRow: cursorRow)
            write(drawing.text)
            cursorRow = drawing.cursorRow
        }
        /// Leaves the cursor below the entry, so what follows starts on a fresh line.
        func finish(_ marker: String = "") {
            state.moveToEnd()
            redraw()
            write(marker + "\r\n")
        }

        redraw()
        while true {
            guard let key = nextKey() else {
                let text = state.buffer.text
                finish()
                return text.isEmpty ? .endOfInput : submit(text)
            }
            switch state.apply(key, needsContinuation: needsContinuation) {
            case .edited: redraw()
            case .unchanged: continue
            case .submit(let text):
                finish()
                return submit(text)
            case .interrupt:
                finish("^C")
                return .interrupted
            case .endOfInput:
                finish()
                return .endOfInput
            case .clearScreen:
                write("\u{1B}[H\u{1B}[2J")
                cursorRow = 0
                redraw()
            }
        }
    }

    private func submit(_ text: String) -> Entry {
        history.add(text)
        if let historyFile {
            do throws(HistoryError) { try history.save(to: historyFile) } catch { historyError = error }
        }
        return .line(text)
    }

    /// The next key, reading more input when none is waiting; nil at end of input.
    private func nextKey() -> Key? {
        while typedAhead.isEmpty {
            guard let bytes = reader.readChunk() else {
                typedAhead = decoder.flush()
                return typedAhead.isEmpty ? nil : typedAhead.removeFirst()
            }
            typedAhead = decoder.feed(bytes)
            if decoder.hasPending && !reader.waitForInput(milliseconds: Self.escapeTimeoutMilliseconds) {
                typedAhead += decoder.flush()
            }
        }
        return typedAhead.removeFirst()
    }

    private func terminalColumns() -> Int {
        Self.columns(of: output) ?? 80
    }

    /// The width of the terminal on `descriptor`, read afresh (the window may
    /// be resized); nil when it is not a terminal.
    static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }  // the terminal is gone; nothing left to tell it
            bytes = bytes.dropFirst(written)
        }
    }
}
