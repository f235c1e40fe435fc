import Foundation
import ReviewKit

/// `quiz`: practise coding the review's quotes, one question at a time.
struct QuizCommand: Command {
    let name = "quiz"
    let group = CommandGroup.teaching
    let summary = "practise coding: name the COM-B component and TDF domain of the review's quotes"
    let usage = ["quiz [N] [COMPONENT|DOMAIN…] [--seed S]"]
    let details = """
    Shows a quote, asks for its COM-B component, then its TDF domain, and says right or wrong with the review's coding, the definition and why. \
    Answers may be aliases or unambiguous prefixes (Tab completes them); a typo is asked again, not marked wrong. \
    'hint' (or ?), 'skip' and 'quit' work at any question. No quote repeats within a round; the same seed gives the same quiz.
    """
    let examples = ["quiz", "quiz 5 --seed 42", "quiz 3 knowledge skills", "quiz motivation --seed 7"]
    let signature = ArgumentSignature.rest(.term)

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        // A quiz is a conversation in prose: it has no CSV, TSV or JSON form, and refuses rather than mixing prose into one.
        guard context.output.format == .table || context.output.format == .markdown else {
            throw arguments.invocation.error("'quiz' talks in prose and cannot print \(context.output.format.rawValue); run it with the table or markdown format",
                                             at: arguments.invocation.nameSpan, notes: ["'set format table' (or start review without --format \(context.output.format.rawValue))"])
        }
        // The quiz's own argument errors carry no span: they point at the arguments (fuzzing found them unlocated).
        let restSpan = arguments.rest.map { $0.offset..<($0.offset + max(1, $0.text.count)) }
        func located(_ error: ReviewError) -> Diagnostic {
            var error = error
            if error.span == nil { error.span = restSpan ?? (arguments.invocation.text.count..<(arguments.invocation.text.count + 1)) }
            return arguments.invocation.diagnostic(error)
        }
        let parsed: (count: Int?, topics: [QuizTopic], seed: UInt64?)
        do { parsed = try QuizSession.parseArguments(arguments.rest?.text ?? "") } catch { throw located(error) }
        let seed = parsed.seed ?? UInt64(Date().timeIntervalSince1970 * 1000) % 100_000
        var quiz: QuizSession
        do {
            quiz = try QuizSession(workspace: context.workspace, mapping: context.settings.mapping, count: parsed.count, restrictTo: parsed.topics, seed: seed)
        } catch {
            throw located(error)
        }
        // The quiz talks turn by turn, so its lines go straight out, never through the pager.
        let output = context.output
        func say(_ text: String) { output.write(DisplayWidth.wrap(text, width: output.width).joined(separator: "\n") + "\n") }
        say("Quiz: \(quiz.quotes.count) quote\(quiz.quotes.count == 1 ? "" : "s") (seed \(seed); 'quiz … --seed \(seed)' repeats it). "
            + "Name the COM-B component, then the TDF domain; 'hint', 'skip' or 'quit' at any time.")
        if let note = quiz.note { say(note) }
        var shownQuestion = 0
        while let question = quiz.current, let prompt = quiz.prompt {
            if question.number != shownQuestion {
                shownQuestion = question.number
                output.write("\n" + question.header + "\n" + DisplayWidth.wrap(question.quote.text, width: output.width - 2).map { "  " + $0 }.joined(separator: "\n") + "\n")
            }
            let answer: String
            switch context.host.ask(prompt + " ", choices: quiz.choices + QuizSession.commands) {
            // Completion or habit may wrap the answer in quotes; the quiz wants the bare name.
            case .line(let text): answer = QuotedText.unquoted(text.trimmingCharacters(in: .whitespaces))
            case .interrupted, .endOfInput: answer = "quit"
            }
            switch quiz.answer(answer) {
            case .retry(let message, let suggestions):
                say(message + (suggestions.isEmpty ? "" : " (" + suggestions.joined(separator: ", ") + ")"))
            case .hint(let text):
                say(text)
            case .correct(let verdict), .wrong(let verdict), .skipped(let verdict):
                output.write(output.render(context.render(verdict.explanation)))
                if let score = verdict.finalScore { return context.render(score.explanation) }
            case .finished(let score):
                return context.render(score.explanation)
            }
        }
        return context.render(quiz.score.explanation)
    }
}
