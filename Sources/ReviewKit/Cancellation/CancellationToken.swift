import Synchronization

/// A request to stop long work, shared between whoever may ask (the shell, on Ctrl-C) and the work, which
/// checks it between chunks and throws ``Interrupted``.
///
/// The shell owns one token and hands it to commands through their context; nothing in the engine reads a
/// global. The token can also follow another flag (`linkedTo`): the shell links its token to the process's
/// SIGINT latch, the one place a POSIX signal handler can reach.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    private let linked: (@Sendable () -> Bool)?

    /// A token that is cancelled by `cancel()` or, when given, whenever `linked` returns true.
    public init(linkedTo linked: (@Sendable () -> Bool)? = nil) {
        self.linked = linked
    }

    /// A token nobody cancels (the default for work that is not asked to stop).
    public static var none: CancellationToken { CancellationToken() }

    /// Whether the work should stop.
    public var isCancelled: Bool {
        flag.load(ordering: .relaxed) || (linked?() ?? false)
    }

    /// Asks the work to stop at its next check.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Forgets a cancel (the shell does this before each command; the linked flag is its owner's to clear).
    public func reset() { flag.store(false, ordering: .relaxed) }

    /// Throws ``Interrupted`` when the work should stop.
    @inlinable
    public func check() throws(Interrupted) {
        if isCancelled { throw Interrupted() }
    }

    /// Checks once every 1,024 iterations of a tight loop (`index` counts them): the check costs an atomic
    /// load and a call, and 1,024 iterations of any loop here take well under a millisecond.
    @inlinable
    public func check(every index: Int) throws(Interrupted) {
        if index & 1023 == 0 { try check() }
    }

    /// Checks once every 1,024 iterations, throwing the caller's own error for an interruption
    /// (`try cancellation.check(every: row, StatisticsError.init)`).
    @inlinable
    public func check<Failure: Error>(every index: Int, _ failure: (Interrupted) -> Failure) throws(Failure) {
        if index & 1023 == 0, isCancelled { throw failure(Interrupted()) }
    }
}

/// Long work that stopped because its ``CancellationToken`` was cancelled (Ctrl-C): nothing was changed.
public struct Interrupted: Error, Sendable, Equatable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// "interrupted".
    public var description: String { "interrupted" }
}
