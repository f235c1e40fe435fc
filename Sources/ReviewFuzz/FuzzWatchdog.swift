import Foundation
import Synchronization

/// Ends the process when one input runs longer than a bound: a hang cannot be stopped from inside, so the
/// watchdog prints what hung and exits with status 86, leaving the in-flight input on disk for the corpus.
public final class FuzzWatchdog: Sendable {
    private let startedAt = Atomic<UInt64>(0)
    private let label = Mutex<String>("")
    /// The bound, in seconds.
    public let seconds: Double

    /// A watchdog for inputs of `label`'s target; call `start()` to begin watching.
    public init(seconds: Double) { self.seconds = seconds }

    /// Starts the watching thread.
    public func start() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                let began = startedAt.load(ordering: .relaxed)
                guard began != 0 else { continue }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                if elapsed > seconds {
                    let name = label.withLock { $0 }
                    FileHandle.standardError.write(Data("review-fuzz: hang: one \(name) input ran \(Int(elapsed)) s\n".utf8))
                    _exit(86)
                }
            }
        }
        thread.start()
    }

    /// Names the target being run.
    public func watching(_ target: String) { label.withLock { $0 = target } }
    /// An input has started.
    func started() { startedAt.store(max(1, DispatchTime.now().uptimeNanoseconds), ordering: .relaxed) }
    /// The input has finished.
    func finished() { startedAt.store(0, ordering: .relaxed) }
}
