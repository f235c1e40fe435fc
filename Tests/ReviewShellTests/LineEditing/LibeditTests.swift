import Testing
@testable import ReviewShell

/// libedit is loaded at run time (`Libedit`), not linked.
@Suite struct LibeditTests {
    @Test func aMissingLibraryIsALowercaseErrorNamingTheDebianPackage() {
        guard case .failure(let unavailable) = Libedit.load(named: "libedit-review-missing.so.2") else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(unavailable.message.hasPrefix("cannot load libedit-review-missing.so.2 for line editing (install the debian package libedit2): "))
        #expect(unavailable.message.first?.isLowercase == true)
        #expect(unavailable.message.hasSuffix("cannot open shared object file: no such file or directory"))
        #expect(LineEditorError.libraryUnavailable(unavailable.message).description == unavailable.message)
    }

    @Test func theInstalledLibraryLoadsWithEveryFunction() {
        guard case .success = Libedit.shared else {
            Issue.record("libedit.so.2 did not load; install libedit2")
            return
        }
    }
}
