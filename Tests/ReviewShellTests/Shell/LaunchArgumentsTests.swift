import Testing
@testable import ReviewShell

/// The start-up fast path reads only the common command lines; everything else goes to ArgumentParser.
@Suite struct LaunchArgumentsTests {
    @Test func commonFormsAreRead() throws {
        let c = try #require(LaunchConfiguration(commonArguments: ["-c", "studies", "--format", "CSV", "-c", "quotes count", "--keep-going"]))
        #expect(c.commands == ["studies", "quotes count"])
        #expect(c.format == .csv)
        #expect(c.keepGoing && !c.empty && !c.recover && c.snapshot == nil && c.scripts.isEmpty)
        let load = try #require(LaunchConfiguration(commonArguments: ["--load", "a b.snapshot", "--recover"]))
        #expect(load.snapshot == "a b.snapshot" && load.recover && load.commands.isEmpty)
        let none = try #require(LaunchConfiguration(commonArguments: []))
        #expect(none.commands.isEmpty && none.snapshot == nil && !none.empty)
        #expect(LaunchConfiguration(commonArguments: ["--empty", "-c", "studies"])?.empty == true)
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        for line in [["--help"], ["-h"], ["--version"], ["run", "x.review"], ["start", "-c", "x"], ["-c"], ["-c", "-x"],
                     ["--format", "yaml", "-c", "x"], ["--format=json"], ["--empty", "--load", "x"], ["--load", "a", "--load", "b"],
                     ["--empty", "--empty"], ["-c", "x", "extra"], ["--", "-c", "x"], ["-cx"]] {
            #expect(LaunchConfiguration(commonArguments: line) == nil, "\(line)")
        }
    }
}
