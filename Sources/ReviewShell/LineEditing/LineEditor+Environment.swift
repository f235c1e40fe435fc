import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineEditor {
    /// Makes LC_CTYPE a UTF-8 locale, because libedit decodes keyboard input with mbrtowc and drops
    /// every non-ASCII byte under the "C" locale. Adopts the environment's LC_CTYPE when it is UTF-8;
    /// otherwise switches to the first available of C.UTF-8, C.utf8 and en_US.UTF-8.
    /// Returns the locale switched to, or nil if none was needed (or none was available).
    static func ensureUTF8CharacterLocale() -> String? {
        setlocale(LC_CTYPE, "")
        if review_locale_is_utf8() != 0 { return nil }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if review_locale_is_utf8() != 0 { return name }
        }
        return nil
    }

    /// The editrc libedit should read: `$EDITRC`, else `$HOME/.editrc`, if it exists; nil when
    /// running set-uid (never read a user-controlled file with elevated privileges).
    static func editrcPath(environment: [String: String]) -> String? {
        guard getuid() == geteuid(), getgid() == getegid() else { return nil }
        let path: String
        if let explicit = environment["EDITRC"], !explicit.isEmpty {
            path = explicit
        } else if let home = environment["HOME"], !home.isEmpty {
            path = (home as NSString).appendingPathComponent(".editrc")
        } else {
            return nil
        }
        return FileManager.default.isReadableFile(atPath: path) ? path : nil
    }

    /// The prompt as libedit should see it: ANSI escape sequences bracketed by the literal marker
    /// (so they take no columns) and stray markers removed. libedit drops a bracketed sequence at
    /// the very end of the prompt, so trailing sequences (typically a colour reset) are moved in
    /// front of the last visible character.
    static func libeditPrompt(_ prompt: String) -> String {
        var segments = TerminalText.segments(prompt)
        var trailing: [TerminalText.Segment] = []
        while case .escape? = segments.last {
            trailing.insert(segments.removeLast(), at: 0)
        }
        if !trailing.isEmpty, case let .visible(text)? = segments.last, let last = text.last {
            segments.removeLast()
            if text.count > 1 { segments.append(.visible(String(text.dropLast()))) }
            segments.append(contentsOf: trailing)
            segments.append(.visible(String(last)))
        }
        let marker = String(Character(Unicode.Scalar(UInt32(promptLiteralMarker))!))
        return segments.map { segment in
            switch segment {
            case let .visible(text): return text.replacingOccurrences(of: marker, with: "")
            case let .escape(sequence): return marker + sequence + marker
            }
        }.joined()
    }
}
