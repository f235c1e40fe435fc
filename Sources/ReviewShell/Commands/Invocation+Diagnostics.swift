import ReviewKit

extension Invocation {
    /// An engine error as a diagnostic on this command line (spans are already command-line columns).
    func diagnostic(_ error: ReviewError) -> Diagnostic {
        Diagnostic(error, commandText: text)
    }

    /// Runs engine code, turning its errors into diagnostics on this command line.
    func engine<T>(_ body: () throws(ReviewError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw diagnostic(error) }
    }
}
