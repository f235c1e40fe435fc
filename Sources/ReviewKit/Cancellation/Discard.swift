import Dispatch

/// Frees large data on a background thread, so that work stopped by Ctrl-C gives the prompt back at once:
/// releasing two million parsed rows one by one takes longer than the 0.2 s a stop may take.
public enum Discard {
    private final class Box<Value>: @unchecked Sendable {
        // Only the background block touches `value` once the box is handed over.
        var value: Value?
    }

    /// Takes `value` (leaving `empty` in its place, without copying either) and frees it in the background.
    public static func inBackground<Value>(_ value: inout Value, leaving empty: Value) {
        let box = Box<Value>()
        box.value = empty
        swap(&box.value!, &value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }
}
