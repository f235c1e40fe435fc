import Foundation
import ReviewKit

extension CommandSpec {
    static let explain = CommandSpec(
        "explain", group: "teaching",
        summary: "explain a COM-B component, a TDF domain, CASP or kappa, with what the review found there",
        usage: ["explain", "explain TERM", "explain casp Q6", "explain kappa"],
        details: """
        TERM is a COM-B component or source (capability, reflective motivation…), a TDF domain (any alias: Emotions, MADP, SPRI…), \
        com-b, tdf, mapping, casp, casp QN, kappa, fleiss or cohen. 'explain' alone gives the COM-B → TDF map with the review's counts. \
        Definitions are quoted with their source; the rest is the project's own explanation (docs/primer.md).
        """,
        examples: ["explain", "explain knowledge", "explain \"social/professional role/identity\"", "explain reflective motivation", "explain casp q6", "explain kappa"],
        argument: .term
    ) { invocation, shell throws(Diagnostic) in
        let explainer = Explainer(workspace: shell.session.workspace, mapping: shell.session.settings.mapping, bands: shell.session.settings.bands)
        var term = invocation.arguments
        if term.count >= 2, let first = term.first, let last = term.last, "\"'\u{201C}".contains(first), "\"'\u{201D}".contains(last) {
            term = String(term.dropFirst().dropLast())
        }
        let explanation = try engine(invocation) { () throws(ReviewError) in
            do throws(ReviewError) { return try explainer.explain(term) } catch {
                var error = error
                error.span = invocation.argumentOffset..<max(invocation.argumentOffset + 1, invocation.text.count)
                throw error
            }
        }
        return shell.render(explanation)
    }

    static let tutorial = CommandSpec(
        "tutorial", group: "teaching",
        summary: "a guided lesson in steps that runs real commands on the workspace",
        usage: ["tutorial", "tutorial next", "tutorial back", "tutorial N", "tutorial restart"],
        details: "Steps: COM-B, the TDF domains, coding a quote, reading the matrix, appraising with CASP, agreement. Each step shows the commands it runs so you can repeat them; progress is kept in the session and in snapshots.",
        examples: ["tutorial", "tutorial next", "tutorial 3"],
        subcommands: TutorialProgress.arguments
    ) { invocation, shell throws(Diagnostic) in
        var progress = TutorialProgress()
        if let saved = shell.session.extras[TutorialProgress.settingsKey], let restored = try? TutorialProgress(encoded: saved) { progress = restored }
        let step = try engine(invocation) { () throws(ReviewError) in
            do throws(ReviewError) { return try progress.apply(invocation.arguments) } catch {
                var error = error
                error.span = invocation.argumentOffset..<max(invocation.argumentOffset + 1, invocation.text.count)
                throw error
            }
        }
        shell.session.extras[TutorialProgress.settingsKey] = progress.encoded
        var parts: [CommandResult] = [shell.render(step.explanation(for: shell.session.workspace))]
        for command in step.commands(for: shell.session.workspace) {
            parts.append(.message("review> " + command))
            guard let inner = Invocation(command) else { continue }
            do throws(Diagnostic) {
                parts.append(try shell.execute(inner))
            } catch {
                parts.append(.message(DiagnosticRenderer().render(error).trimmingCharacters(in: .newlines)))
            }
        }
        parts.append(.message(progress.isAtEnd ? "(last step; 'tutorial 1' starts again, 'quiz 5' tests you)" : "('tutorial next' for step \(progress.number + 1) of \(Tutorial.steps.count))"))
        return .sequence(parts)
    }

    static let quiz = CommandSpec(
        "quiz", group: "teaching",
        summary: "practise coding: name the COM-B component and TDF domain of the review's quotes",
        usage: ["quiz [N] [COMPONENT|DOMAIN…] [--seed S]"],
        details: """
        Shows a quote, asks for its COM-B component, then its TDF domain, and says right or wrong with the review's coding, the definition and why. \
        Answers may be aliases or unambiguous prefixes (Tab completes them); a typo is asked again, not marked wrong. \
        'hint' (or ?), 'skip' and 'quit' work at any question. No quote repeats within a round; the same seed gives the same quiz.
        """,
        examples: ["quiz", "quiz 5 --seed 42", "quiz 3 knowledge skills", "quiz motivation --seed 7"],
        argument: .term
    ) { invocation, shell throws(Diagnostic) in
        let parsed = try engine(invocation) { () throws(ReviewError) in try QuizSession.parseArguments(invocation.arguments) }
        let seed = parsed.seed ?? UInt64(Date().timeIntervalSince1970 * 1000) % 100_000
        var quiz = try engine(invocation) { () throws(ReviewError) in
            try QuizSession(workspace: shell.session.workspace, mapping: shell.session.settings.mapping, count: parsed.count, restrictTo: parsed.topics, seed: seed)
        }
        // The quiz talks turn by turn, so its lines go straight out, never through the pager.
        func say(_ text: String) { shell.output.write(DisplayWidth.wrap(text, width: shell.width).joined(separator: "\n") + "\n") }
        say("Quiz: \(quiz.quotes.count) quote\(quiz.quotes.count == 1 ? "" : "s") (seed \(seed); 'quiz … --seed \(seed)' repeats it). "
            + "Name the COM-B component, then the TDF domain; 'hint', 'skip' or 'quit' at any time.")
        if let note = quiz.note { say(note) }
        defer { shell.completionOverride = nil }
        var shownQuestion = 0
        while let question = quiz.current, let prompt = quiz.prompt {
            if question.number != shownQuestion {
                shownQuestion = question.number
                shell.output.write("\n" + question.header + "\n" + DisplayWidth.wrap(question.quote.text, width: shell.width - 2).map { "  " + $0 }.joined(separator: "\n") + "\n")
            }
            shell.completionOverride = quiz.choices + QuizSession.commands
            let answer: String
            switch shell.activeInput.readLine(prompt: prompt + " ") {
            case .line(let text):
                // Completion or habit may wrap the answer in quotes; the quiz wants the bare name.
                var bare = text.trimmingCharacters(in: .whitespaces)
                if bare.count >= 2, let first = bare.first, let last = bare.last, "\"'\u{201C}".contains(first), "\"'\u{201D}".contains(last) {
                    bare = String(bare.dropFirst().dropLast())
                }
                answer = bare
            case .interrupted, .endOfInput: answer = "quit"
            }
            switch quiz.answer(answer) {
            case .retry(let message, let suggestions):
                say(message + (suggestions.isEmpty ? "" : " (" + suggestions.joined(separator: ", ") + ")"))
            case .hint(let text):
                say(text)
            case .correct(let verdict), .wrong(let verdict), .skipped(let verdict):
                shell.output.write(shell.renderer.render(shell.render(verdict.explanation)))
                if let score = verdict.finalScore { return shell.render(score.explanation) }
            case .finished(let score):
                return shell.render(score.explanation)
            }
        }
        return shell.render(quiz.score.explanation)
    }
}

extension Shell {
    /// An explanation in the current format: wrapped text, Markdown, or JSON text.
    func render(_ explanation: Explanation) -> CommandResult {
        switch session.settings.format {
        case .markdown: .text(explanation.markdown())
        default: .text(explanation.plainText(width: width))
        }
    }
}
