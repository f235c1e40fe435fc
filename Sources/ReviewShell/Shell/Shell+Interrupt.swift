import ReviewKit

extension Shell {
    /// Whether Ctrl-C came during the command just run. A script then stops, as psql and sqlite3 stop one,
    /// even with `--keep-going`; a command that finished regardless is followed by "interrupted", so the
    /// stop is never silent (a failed command has already said why it stopped).
    func stoppedByInterrupt(_ ok: Bool) -> Bool {
        guard cancellation.isCancelled else { return false }
        if ok { report(.interrupted) }
        return true
    }
}

extension Shell {
    /// Clears an unfinished progress line, so an error or a result after it starts on a clean line.
    func closeProgressLine() {
        guard progressLineOpen else { return }
        progressLineOpen = false
        output.writeError("\r\u{1B}[K")
    }
}
