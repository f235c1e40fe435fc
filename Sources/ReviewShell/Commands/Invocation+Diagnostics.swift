import ReviewKit

extension Invocation {
    /// An engine error as a diagnostic on this command line (spans are already command-line columns).
    func diagnostic(_ error: ReviewError) -> Diagnostic {
        var error = error
        if error.kind == .journal {
            // The one way past a journal that cannot be written (ReviewDocument refuses the edit).
            error.notes.append("'set journal off' edits without crash recovery; 'save FILE' then keeps the changes")
        }
        return Diagnostic(error, commandText: text)
    }

    /// Runs engine code, turning its errors into diagnostics on this command line.
    func engine<T>(_ body: () throws(ReviewError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw diagnostic(error) }
    }
}
