#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libedit's wide API uses wchar_t, which is a 32-bit Unicode scalar value on Linux and macOS.
extension String {
    /// Decodes `count` wchar_t units at `pointer`; values that are not Unicode scalars become U+FFFD.
    init(wideCharacters pointer: UnsafePointer<wchar_t>, count: Int) {
        var result = String.UnicodeScalarView()
        for index in 0..<Swift.max(0, count) {
            let value = UInt32(bitPattern: Int32(pointer[index]))
            result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        self = String(result)
    }

    /// This string as NUL-terminated wchar_t units (embedded NULs are dropped, as C would stop there).
    var wideCharacters: [wchar_t] {
        var units = unicodeScalars.compactMap { $0.value == 0 ? nil : wchar_t(bitPattern: $0.value) }
        units.append(0)
        return units
    }
}
