import ReviewKit

extension Invocation {
    /// An engine error as a diagnostic on this command line (spans are already command-line columns).
    func diagnostic(_ error: ReviewError) -> Diagnostic {
        Diagnostic(error, commandText: text)
    }

    /// Parses the arguments as a query over quotes or studies.
    func query(for subject: Field.Subject) throws(Diagnostic) -> QueryPlan {
        do { return try QueryParser.parse(arguments, for: subject, offset: argumentOffset) } catch { throw diagnostic(error) }
    }
}

/// Runs engine code, turning its errors into diagnostics on the invocation.
func engine<T>(_ invocation: Invocation, _ body: () throws(ReviewError) -> T) throws(Diagnostic) -> T {
    do { return try body() } catch { throw invocation.diagnostic(error) }
}
