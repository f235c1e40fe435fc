import ReviewKit

extension CommandContext {
    /// How terminal charts are drawn here: the output width; ascii glyphs under a locale that is not UTF-8
    /// (or `set glyphs ascii`); colour only when the shell draws in colour.
    func chartStyle(_ arguments: ParsedArguments) throws(Diagnostic) -> ChartStyle {
        let width = output.width
        guard width >= ChartStyle.minimumWidth else {
            throw arguments.error("charts need at least \(ChartStyle.minimumWidth) columns; the width is \(width)",
                                  notes: ["widen the terminal or 'set width \(ChartStyle.minimumWidth)'"])
        }
        let glyphs = settings.glyphs ?? (Self.localeIsUTF8(output.environment) ? .unicode : .ascii)
        return ChartStyle(width: width, glyphs: glyphs, colour: output.usesColour)
    }

    /// Whether the locale the environment names (LC_ALL, else LC_CTYPE, else LANG, as POSIX orders them)
    /// is UTF-8; with none set the locale is "C", which is not.
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
