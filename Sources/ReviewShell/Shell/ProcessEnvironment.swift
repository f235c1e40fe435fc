#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment, read straight from the C `environ` array.
///
/// Why not `ProcessInfo.processInfo.environment`: it was a tenth of `review -c studies`' start-up time beyond a
/// hello world (Foundation copies the array under a lock through `_ProcessInfo`, then builds the dictionary), and
/// `review` reads it once, at launch, before anything else runs. Same result: `NAME=value` entries split at the
/// first `=`, bytes that are not UTF-8 repaired as `String(cString:)` does; when a name appears twice the first
/// entry wins, as `getenv` has it.
enum ProcessEnvironment {
    /// The environment now.
    static func current() -> [String: String] {
        var result: [String: String] = [:]
        #if canImport(Glibc)
        let entries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        #elseif canImport(Darwin)
        let entries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = _NSGetEnviron()?.pointee
        #endif
        #if canImport(Glibc) || canImport(Darwin)
        guard var entry = entries else { return result }
        // Sized once for every entry: growing the dictionary goes through a copy of `_NativeDictionary`'s resize
        // that ArgumentParser also carries and the linker may keep instead of ours, one that looks `String:
        // Hashable` up at run time (a scan of every conformance record, and the first such scan faults their pages in).
        var count = 0
        while entry[count] != nil { count += 1 }
        result.reserveCapacity(count)
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if result[name] == nil { result[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        #endif
        return result
    }
}
