import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive line source: a libedit (BSD editline) line editor on the terminal.
///
/// - Editing: emacs key bindings by default; the user's editrc (`$EDITRC`, else `~/.editrc`) is
///   read afterwards, so `bind -v` there selects vi mode. Uses libedit's wide-character API, so
///   any Unicode text can be typed and edited (see `init` for the locale this needs).
/// - Completion: Tab asks `completer` (see `Completion` and `CompletionStep` for what happens).
/// - History: Up/Down and Ctrl-R over entries passed to `addToHistory`, persisted to the history
///   file by `HistoryStore` after every entry. An entry spanning several lines is recalled as one
///   buffer with its embedded newlines shown as line breaks; pressing Enter returns it as a single
///   `.line` containing those "\n"s, identical to the entry recorded, so the caller re-runs the
///   same command.
/// - Ctrl-C discards the line being typed and returns `.interrupted`; it never quits. Ctrl-D on an
///   empty line returns `.endOfInput`.
/// - The terminal is put back in its normal mode between reads, when libedit catches a signal
///   (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP) during a read, and in `deinit`.
///
/// Requires standard input to be a terminal; when it is not (`isatty(0) == 0`), read through
/// `StreamLineSource` instead. Not thread-safe: use it from one thread.
public final class LineEditor: LineSource {
    /// Proposes completions for the text before the cursor.
    public typealias Completer = (_ textBeforeCursor: String) -> Completion

    /// The default bound on remembered history entries.
    public static let defaultHistoryLimit = 1000

    /// Called on Tab; nil makes Tab beep.
    public var completer: Completer?

    /// Always true: a line editor is an interactive terminal.
    public var isInteractive: Bool { true }

    /// Why history could not be loaded or saved, if it could not; history still works in memory.
    public var historyProblem: HistoryProblem? { history.problem }

    /// The remembered history entries, oldest first.
    public var historyEntries: [String] { history.entries }

    /// The LC_CTYPE locale set at initialisation because the environment's was not UTF-8, if any.
    public let switchedLocale: String?

    /// libedit's functions (`Libedit`), loaded when the first line editor starts.
    let libedit: review_libedit
    let editLine: OpaquePointer
    let historyList: OpaquePointer
    let history: HistoryStore
    let output: UnsafeMutablePointer<FILE>
    private let ownedFiles: [UnsafeMutablePointer<FILE>]
    /// The prompt libedit's prompt callback hands out; must stay allocated while libedit may draw.
    private var promptBuffer: UnsafeMutablePointer<wchar_t>
    private var promptCapacity: Int
    /// The prompt as given, for cursor arithmetic.
    private(set) var currentPrompt = ""

    /// Creates a line editor on the process's terminal.
    ///
    /// Input is standard input; prompts and echo go to standard output, or to standard error when
    /// standard output is redirected. libedit needs a UTF-8 LC_CTYPE to decode non-ASCII input
    /// (otherwise it silently drops those bytes), so this adopts the environment's LC_CTYPE and, if
    /// that is not UTF-8 (e.g. `LANG=C`), switches LC_CTYPE to C.UTF-8 (or en_US.UTF-8); see
    /// `switchedLocale`. Other locale categories are untouched. It also installs the SIGINT handler
    /// (`Interrupt.install()`), so Ctrl-C no longer terminates the process.
    ///
    /// - Parameters:
    ///   - programName: The name editrc lines can be scoped to (`review:bind -v`).
    ///   - historyURL: The history file (see `defaultHistoryURL(environment:)`), or nil for no persistence.
    ///   - historyLimit: How many entries to keep.
    ///   - completer: Proposes completions on Tab.
    /// - Throws: `LineEditorError.notATerminal` if standard input is not a terminal,
    ///   `LineEditorError.libraryUnavailable` if libedit cannot be loaded (read with `StreamLineSource` then).
    public convenience init(
        programName: String = "review",
        historyURL: URL?,
        historyLimit: Int = LineEditor.defaultHistoryLimit,
        completer: Completer? = nil
    ) throws {
        guard isatty(STDIN_FILENO) == 1, let input = review_stdin() else { throw LineEditorError.notATerminal }
        let terminalOutput = isatty(STDOUT_FILENO) == 1 ? review_stdout() : review_stderr()
        guard let terminalOutput, let errorOutput = review_stderr() else { throw LineEditorError.initialisationFailed }
        try self.init(
            programName: programName, input: input, output: terminalOutput, error: errorOutput,
            ownedFiles: [], readsEditrc: true,
            historyURL: historyURL, historyLimit: historyLimit, completer: completer
        )
    }

    /// Creates a line editor on the given streams (tests use a pseudo-terminal); `ownedFiles` are closed in deinit.
    init(
        programName: String,
        input: UnsafeMutablePointer<FILE>,
        output: UnsafeMutablePointer<FILE>,
        error: UnsafeMutablePointer<FILE>,
        ownedFiles: [UnsafeMutablePointer<FILE>],
        readsEditrc: Bool,
        historyURL: URL?,
        historyLimit: Int,
        completer: Completer?
    ) throws {
        // Loaded first, so that without libedit nothing (locale, signal handler) has been changed.
        let libedit: review_libedit
        switch Libedit.shared {
        case .success(let loaded): libedit = loaded.functions
        case .failure(let unavailable): throw LineEditorError.libraryUnavailable(unavailable.message)
        }
        switchedLocale = Self.ensureUTF8CharacterLocale()
        Interrupt.install()
        guard let editLine = libedit.el_init(programName, input, output, error) else {
            throw LineEditorError.initialisationFailed
        }
        guard let historyList = libedit.history_winit() else {
            libedit.el_end(editLine)
            throw LineEditorError.initialisationFailed
        }
        self.libedit = libedit
        self.editLine = editLine
        self.historyList = historyList
        self.output = output
        self.ownedFiles = ownedFiles
        self.completer = completer
        history = HistoryStore(url: historyURL, limit: historyLimit)
        promptCapacity = 64
        promptBuffer = .allocate(capacity: promptCapacity)
        promptBuffer.initialize(to: 0)

        // Callbacks find this object through EL_CLIENTDATA (no globals). Unretained: deinit calls
        // el_end before the object goes away, so libedit never calls back into a dead object.
        review_el_set_clientdata(libedit.el_wset, editLine, Unmanaged.passUnretained(self).toOpaque())
        review_el_set_prompt(libedit.el_wset, editLine, { editLine in
            guard let editor = LineEditor.editor(of: editLine) else { return review_empty_prompt() }
            return editor.promptBuffer
        }, Self.promptLiteralMarker)
        review_el_set_signal(libedit.el_wset, editLine, 1)
        review_history_set_size(libedit.history_w, historyList, Int32(clamping: max(1, historyLimit)))
        review_history_set_unique(libedit.history_w, historyList, 1)
        review_el_set_history(libedit.el_wset, editLine, libedit.history_w, historyList)
        for entry in history.entries {
            enterIntoLibedit(entry)
        }
        review_el_set_editor(libedit.el_wset, editLine, "emacs".wideCharacters)
        if readsEditrc, let editrc = Self.editrcPath(environment: ProcessInfo.processInfo.environment) {
            _ = libedit.el_source(editLine, editrc)
        }
        // Bound after the editrc so that a `bind -v` there (which resets the key maps) keeps Tab.
        review_el_add_function(libedit.el_wset, editLine, "review-complete".wideCharacters, "Complete the word before the cursor".wideCharacters) { editLine, _ in
            guard let editor = LineEditor.editor(of: editLine) else { return UInt8(CC_ERROR) }
            return editor.completeAtCursor()
        }
        review_el_bind(libedit.el_wset, editLine, "^I".wideCharacters, "review-complete".wideCharacters)
    }

    /// The line editor a libedit callback is for, found through EL_CLIENTDATA.
    private static func editor(of editLine: OpaquePointer?) -> LineEditor? {
        // A callback only runs on a line editor, which exists only once libedit has loaded.
        guard let editLine, case .success(let libedit) = Libedit.shared,
              let context = review_el_clientdata(libedit.functions.el_wget, editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(context).takeUnretainedValue()
    }

    deinit {
        libedit.el_end(editLine)  // restores the terminal's original settings
        libedit.history_wend(historyList)
        promptBuffer.deallocate()
        for file in ownedFiles { fclose(file) }
    }

    /// Where history goes by default: `$XDG_STATE_HOME/review/history`, else `~/.local/state/review/history`.
    ///
    /// A relative `XDG_STATE_HOME` is ignored, as the XDG specification requires.
    public static func defaultHistoryURL(environment: [String: String]) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state, isDirectory: true)
                .appendingPathComponent("review", isDirectory: true)
                .appendingPathComponent("history", isDirectory: false)
        }
        let home: URL
        if let value = environment["HOME"], value.hasPrefix("/") {
            home = URL(fileURLWithPath: value, isDirectory: true)
        } else {
            home = FileManager.default.homeDirectoryForCurrentUser
        }
        return home.appendingPathComponent(".local/state/review/history", isDirectory: false)
    }

    /// Reads one physical line with full editing, showing `prompt`.
    ///
    /// `prompt` may contain ANSI colour sequences; they are marked as zero-width for libedit.
    /// Returns the line without its newline, `.interrupted` after Ctrl-C (the partial line is
    /// discarded and the cursor left on a fresh line), or `.endOfInput` on Ctrl-D on an empty line
    /// or when the terminal goes away.
    public func readLine(prompt: String) -> LineInput {
        setPrompt(prompt)
        Interrupt.clear()  // a Ctrl-C from before the prompt appeared is not about this line
        fflush(nil)  // output the caller printed must appear before the prompt
        var retype: String?
        while true {
            if let retype {
                libedit.el_wpush(editLine, retype.wideCharacters)
            }
            retype = nil
            var count: Int32 = 0
            errno = 0
            let result = libedit.el_wgets(editLine, &count)
            let failure = errno
            if let result, count > 0 {
                var line = String(wideCharacters: result, count: Int(count))
                if line.unicodeScalars.last == "\n" { line.unicodeScalars.removeLast() }
                return .line(line)
            }
            // How Ctrl-C arrives: libedit's own SIGINT handler (EL_SIGNAL) restores the terminal and
            // re-raises the signal to ours, which sets the flag; neither uses SA_RESTART, so read(2)
            // fails with EINTR, which libedit does not retry (EL_SAFEREAD is off), and el_wgets
            // returns NULL with count -1 and errno EINTR. The next el_wgets resets the line buffer.
            if count < 0, failure == EINTR {
                if Interrupt.wasRequested {
                    Interrupt.clear()
                    moveBelowInterruptedLine()
                    return .interrupted
                }
                // Some other signal with a non-restarting handler interrupted the read: keep
                // what was typed by feeding it back in, and carry on.
                retype = currentLine().text
                if retype?.isEmpty == true { retype = nil }
                continue
            }
            if count == 0 {
                fputs("\n", output)  // Ctrl-D: leave the caller's next output on a line of its own
                fflush(output)
            }
            return .endOfInput
        }
    }

    /// Records `entry` in the in-memory history and the history file, unless `HistoryStore` rejects
    /// it (empty, starts with a space, same as the previous entry, too long).
    public func addToHistory(_ entry: String) {
        if history.add(entry) {
            enterIntoLibedit(entry)
        }
    }

    // MARK: - Internals

    /// Brackets zero-width escape sequences in the prompt (EL_PROMPT_ESC).
    static let promptLiteralMarker: wchar_t = 1

    /// Adds `entry` to libedit's list. libedit trims one trailing "\n" and then one trailing space
    /// from every entry it recalls (it expects entries stored with el_gets's newline), so each entry
    /// gets one sacrificial space: recall then yields exactly `entry`.
    private func enterIntoLibedit(_ entry: String) {
        _ = (entry + " ").wideCharacters.withUnsafeBufferPointer { review_history_enter(libedit.history_w, historyList, $0.baseAddress) }
    }

    private func setPrompt(_ prompt: String) {
        currentPrompt = prompt
        let wide = Self.libeditPrompt(prompt).wideCharacters
        if wide.count > promptCapacity {
            promptBuffer.deallocate()
            promptCapacity = wide.count
            promptBuffer = .allocate(capacity: promptCapacity)
        }
        wide.withUnsafeBufferPointer { source in
            promptBuffer.update(from: source.baseAddress!, count: source.count)
        }
    }

    /// libedit's in-memory history list, newest first (what Up arrow walks through).
    func libeditHistory() -> [String] {
        var result: [String] = []
        var entry = review_history_first(libedit.history_w, historyList)
        while let current = entry {
            var text = String(wideCharacters: current, count: wcslen(current))
            if text.unicodeScalars.last == " " { text.unicodeScalars.removeLast() }  // see enterIntoLibedit
            result.append(text)
            entry = review_history_next(libedit.history_w, historyList)
        }
        return result
    }

    /// The line being edited and the part before the cursor.
    func currentLine() -> (text: String, beforeCursor: String) {
        guard let info = libedit.el_wline(editLine)?.pointee, let buffer = info.buffer,
              let cursor = info.cursor, let last = info.lastchar else { return ("", "") }
        return (
            String(wideCharacters: buffer, count: last - buffer),
            String(wideCharacters: buffer, count: cursor - buffer)
        )
    }

    /// The terminal width, with a sane fallback.
    var terminalColumns: Int {
        let columns = Int(review_el_columns(libedit.el_get, editLine))
        return columns > 0 ? columns : 80
    }

    /// Where the cursor and the end of the text are, in rows below the prompt's first row.
    func layout(of line: (text: String, beforeCursor: String)) -> (cursorRow: Int, lastRow: Int, atEnd: Bool) {
        let columns = terminalColumns
        let promptEnd = TerminalText.position(after: TerminalText.stripEscapes(currentPrompt), columns: columns)
        let start = promptEnd.row * columns + promptEnd.column
        let cursor = TerminalText.position(after: line.beforeCursor, startingAt: start, columns: columns)
        let end = TerminalText.position(after: line.text, startingAt: start, columns: columns)
        return (cursor.row, end.row, line.text.count == line.beforeCursor.count)
    }

    /// After Ctrl-C, shows "^C" and moves to a fresh line below everything that was typed.
    private func moveBelowInterruptedLine() {
        let line = currentLine()
        let layout = layout(of: line)
        // The terminal is back in cooked mode here, so "\n" also returns the carriage.
        if layout.atEnd {
            fputs("^C\n", output)
        } else {
            fputs(String(repeating: "\n", count: layout.lastRow - layout.cursorRow + 1), output)
        }
        fflush(output)
    }

    /// Writes `text` to the terminal now.
    func writeToTerminal(_ text: String) {
        fputs(text, output)
        fflush(output)
    }
}
