import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineEditor {
    /// At most this many candidates are listed; the rest are summarised.
    static let maxListedCandidates = 200

    /// Handles Tab: asks the completer and edits or lists; returns a libedit CC_* code.
    func completeAtCursor() -> UInt8 {
        guard let completer else { return UInt8(CC_REFRESH_BEEP) }
        let line = currentLine()
        let step = CompletionStep.decide(for: completer(line.beforeCursor), textBeforeCursor: line.beforeCursor)
        switch step {
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        case let .replace(count, text):
            // libedit counts wchar_t (Unicode scalars), the completer counts Characters.
            let scalars = line.beforeCursor.suffix(count).unicodeScalars.count
            if scalars > 0 { libedit.el_deletestr(editLine, Int32(scalars)) }
            if !text.isEmpty {
                let inserted = text.wideCharacters.withUnsafeBufferPointer { libedit.el_winsertstr(editLine, $0.baseAddress!) }
                if inserted != 0 { return UInt8(CC_REFRESH_BEEP) }
            }
            return UInt8(CC_REFRESH)
        case let .list(candidates):
            listCandidates(candidates, below: line)
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Prints `candidates` in columns below the edited text; libedit then redraws the prompt and line under them.
    private func listCandidates(_ candidates: [String], below line: (text: String, beforeCursor: String)) {
        let layout = layout(of: line)
        let shown = Array(candidates.prefix(Self.maxListedCandidates))
        var text = "\r" + String(repeating: "\r\n", count: layout.lastRow - layout.cursorRow + 1)
        for row in TerminalText.columnLayout(shown, width: terminalColumns - 1) {
            text += row + "\r\n"
        }
        if candidates.count > shown.count {
            text += "(\(candidates.count - shown.count) more)\r\n"
        }
        // CC_REDISPLAY first clears the rows it believes it drew, counting up from the cursor row;
        // blank padding keeps that from erasing the end of the list.
        text += String(repeating: "\r\n", count: layout.cursorRow)
        writeToTerminal(text)
    }
}
