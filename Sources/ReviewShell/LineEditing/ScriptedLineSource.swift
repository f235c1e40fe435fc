/// A line source that replays a fixed list of inputs, for tests.
///
/// Unlike real non-interactive sources it remembers the prompts it was shown and the
/// history entries it was given, so tests can assert on how the shell drove it.
public final class ScriptedLineSource: LineSource {
    /// The inputs not yet returned, first one next.
    public private(set) var remaining: [LineInput]
    /// Every prompt passed to `readLine(prompt:)`, in order.
    public private(set) var prompts: [String] = []
    /// Every entry passed to `addToHistory(_:)`, in order (recorded even when not interactive).
    public private(set) var history: [String] = []
    /// Whether this source claims to be an interactive terminal.
    public let isInteractive: Bool

    /// Creates a source that returns each string as a `.line`, then `.endOfInput`.
    public convenience init(_ lines: [String], isInteractive: Bool = false) {
        self.init(inputs: lines.map(LineInput.line), isInteractive: isInteractive)
    }

    /// Creates a source that returns `inputs` in order (so tests can script `.interrupted`), then `.endOfInput`.
    public init(inputs: [LineInput], isInteractive: Bool = false) {
        self.remaining = inputs
        self.isInteractive = isInteractive
    }

    /// Returns the next scripted input, or `.endOfInput` once they are used up.
    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        guard !remaining.isEmpty else { return .endOfInput }
        return remaining.removeFirst()
    }

    /// Remembers `entry` in `history`.
    public func addToHistory(_ entry: String) {
        history.append(entry)
    }
}
