extension LaunchConfiguration {
    /// The configuration for the common command lines, read without ArgumentParser; nil for anything else.
    ///
    /// `review -c CMD…` is what scripts and editors run many times, and building ArgumentParser's model of the
    /// command (with its completion-script machinery) was about a third of such a start-up. This accepts only
    /// `-c CMD`, `--format F` (a known format), `--load PATH`, `--empty`, `--keep-going` and `--recover`, each
    /// value in the next argument and not starting with `-`; anything else — help, `--version`, `run`, `=` forms,
    /// an unknown format, `--empty` with `--load`, a repeated option — returns nil, and the executable parses the
    /// line with ArgumentParser as before, which gives the same configuration or the usage error it always gave.
    public init?(commonArguments arguments: [String]) {
        self.init()
        var index = 0
        var seen: Set<String> = []
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--empty", "--keep-going", "--recover":
                guard seen.insert(flag).inserted else { return nil }
                if flag == "--empty" { empty = true } else if flag == "--keep-going" { keepGoing = true } else { recover = true }
                index += 1
            case "-c", "--format", "--load":
                guard index + 1 < arguments.count else { return nil }
                let value = arguments[index + 1]
                guard !value.hasPrefix("-") else { return nil }
                if flag == "-c" {
                    commands.append(value)
                } else {
                    guard seen.insert(flag).inserted else { return nil }
                    if flag == "--load" {
                        snapshot = value
                    } else {
                        guard let parsed = OutputFormat(rawValue: value.lowercased()) else { return nil }
                        format = parsed
                    }
                }
                index += 2
            default:
                return nil
            }
        }
        if empty && snapshot != nil { return nil }
    }
}
