#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process-wide Ctrl-C (SIGINT) latch.
///
/// Once `install()` has run, Ctrl-C no longer kills the process: it sets a flag that the line
/// editor turns into `.interrupted` and that the shell's `CancellationToken` follows, so that long
/// commands, which only ever see the token, stop at their next check.
public enum Interrupt {
    // The one global in the module: signal dispositions are process-wide, and a signal handler
    // can reach no context but globals. A lock-free atomic store is async-signal-safe.
    private static let requested = Atomic<Bool>(false)
    /// Ctrl-Cs since the last `clear()`: the third one that nothing has answered ends the process as if no
    /// handler were installed (sqlite3 does the same), a way out of any work that fails to check in time.
    private static let presses = Atomic<Int>(0)

    /// Installs the SIGINT handler; calling it again just reinstalls the same handler.
    ///
    /// The handler is installed with `sigaction` *without* `SA_RESTART`, so a blocking system call
    /// (a `read` of a pipe, a `sleep`) returns early with `EINTR` when Ctrl-C is pressed and the
    /// command can notice the request promptly. Code that must not be cut short should retry on EINTR.
    public static func install() {
        // Touch the flag before the handler can run, so the handler never triggers lazy initialisation.
        _ = requested.load(ordering: .relaxed)
        _ = presses.load(ordering: .relaxed)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in
            Interrupt.handle()
        }
        #else
        action.__sigaction_u.__sa_handler = { _ in
            Interrupt.handle()
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A blocked signal mask survives exec: a parent that blocked SIGINT (some test runners and
        // job launchers do) would otherwise leave Ctrl-C dead in the shell.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// What the handler does: set the flag; on the third press nothing answered, die of SIGINT (async-signal-safe:
    /// atomics, `signal` and `raise` only).
    private static func handle() {
        requested.store(true, ordering: .relaxed)
        if presses.wrappingAdd(1, ordering: .relaxed).newValue >= 3 {
            signal(SIGINT, SIG_DFL)
            raise(SIGINT)
        }
    }

    /// Whether Ctrl-C was pressed since the last `clear()`.
    public static var wasRequested: Bool {
        requested.load(ordering: .relaxed)
    }

    /// Forgets a pending Ctrl-C, typically once a command has stopped because of it.
    public static func clear() {
        requested.store(false, ordering: .relaxed)
        presses.store(0, ordering: .relaxed)
    }

    /// Sets the flag as the signal handler would; for tests and for code that wants to cancel itself.
    public static func request() {
        requested.store(true, ordering: .relaxed)
    }
}
