import Foundation
import ReviewKit

/// `source` (also `run`): run a script file's commands as if typed.
struct SourceCommand: Command {
    let name = "source"
    let aliases = ["run"]
    let group = CommandGroup.scripting
    let summary = "run the commands in a script file, as if typed"
    let usage = ["source FILE"]
    let details = "Scripts may source other scripts; an error names every file:line in the chain. " +
        "Inside a script every file name (source, load, save, import, export, kappa … FILE) is relative to that script's folder, not to where review runs. A failed command stops the script unless review was started with --keep-going."
    let examples = ["source sessions/reproduce-shaw-2025.review"]
    let signature = ArgumentSignature(positionals: [.required("file", .file, missing: "'source' needs a script file")], extra: { _ in "'source' takes one file" })

    /// How deeply scripts may source scripts.
    static let maximumDepth = 32

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let word = arguments.positionals[0]
        let (current, depth) = context.host.scriptLocation
        guard depth < Self.maximumDepth else {
            context.host.abandonScripts()
            throw arguments.error("scripts are nested more than \(Self.maximumDepth) deep (does a script source itself?)", at: word.span)
        }
        // Inside a script a relative name is relative to that script's folder (the context's files say so).
        let path = word.text
        let text = try context.files.readScript(path, named: word.span, in: arguments.invocation)
        // Errors name the script as seen from where review runs: the sourcing script's folder, then the name.
        var shown = path
        if !path.hasPrefix("/"), !path.hasPrefix("~"), let current {
            shown = ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
        }
        if !context.host.runSourced(text, file: shown) { throw Diagnostic.alreadyReported(context.host.exitStatus) }
        return .empty
    }
}
