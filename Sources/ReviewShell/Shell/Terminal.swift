#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the shell runs in.
public enum Terminal {
    /// Whether a file descriptor is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's size in columns and rows, when stdout is a terminal.
    public static func size() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Shows text through a pager ($PAGER, else `less -FRX`); returns false when no pager could run.
    public static func page(_ text: String, environment: [String: String]) -> Bool {
        // The text is UTF-8 whatever the locale says (review may run under LANG=C): tell less so.
        let pager = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        let command = (environment["LESSCHARSET"] == nil ? "LESSCHARSET=utf-8 " : "") + pager
        // The pager inherits the terminal; SIGPIPE is ignored so quitting it early does not kill the shell.
        signal(SIGPIPE, SIG_IGN)
        guard let pipe = popen(command, "w") else { return false }
        _ = text.withCString { fputs($0, pipe) }
        let status = pclose(pipe)
        return status != -1 && status != 127 << 8
    }
}
