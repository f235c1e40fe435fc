import Foundation
import Testing
@testable import ReviewShell

/// `ProcessEnvironment.current()` reads `environ` itself; Foundation's `ProcessInfo` is the second implementation
/// it must agree with.
@Suite struct ProcessEnvironmentTests {
    @Test func matchesFoundationsEnvironment() {
        // A value with an `=` in it, non-ASCII text and an empty value, set before both are read.
        setenv("REVIEW_TEST_ENVIRONMENT", "a=b Janoušková “quoted” 😀", 1)
        setenv("REVIEW_TEST_EMPTY", "", 1)
        defer { unsetenv("REVIEW_TEST_ENVIRONMENT"); unsetenv("REVIEW_TEST_EMPTY") }
        let ours = ProcessEnvironment.current()
        #expect(ours == ProcessInfo.processInfo.environment)
        #expect(ours["REVIEW_TEST_ENVIRONMENT"] == "a=b Janoušková “quoted” 😀")
        #expect(ours["REVIEW_TEST_EMPTY"] == "")
    }
}
