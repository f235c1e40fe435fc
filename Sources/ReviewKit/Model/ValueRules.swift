/// The one rule for every value a study, an appraisal, a sub-theme or a quote can hold.
///
/// Editing commands, `Workspace.apply`, CSV import and the snapshot reader all check values against
/// these rules, so anything one of them accepts the others accept too: a workspace that can be edited
/// into existence can be saved, and every snapshot that was saved loads again. The ranges are listed in
/// docs/formats.md ("Value rules").
///
/// Whole numbers are stored in 32-bit columns (`QuoteStore`), so every number is at most
/// 2,147,483,647 (`largestNumber`). References, ids and sub-theme numbers count from 1; a study may
/// report 0 participants (a document analysis); years are 1800–2200.
public enum ValueRules {
    /// The largest number any field holds (`Int32.max`).
    public static let largestNumber = Int(Int32.max)

    /// How a number may be written.
    public enum NumberSyntax: Sendable, Equatable {
        /// ASCII digits only, nothing else: what `review` itself writes (snapshots, journals).
        case exact
        /// What people and spreadsheets type: surrounding spaces, a leading `+`, and a whole number written
        /// as a decimal with only zeros after the point (`35.0`, `2020.00`, as pandas writes integer columns
        /// with gaps). `35.5` is refused, never rounded.
        case tolerant
    }

    /// A whole-number field and the range every reader and editor accepts for it.
    public struct WholeNumber: Sendable, Equatable {
        /// The field's name in messages ("reference", "sub-theme number").
        public let name: String
        /// The values allowed.
        public let range: ClosedRange<Int>

        /// Creates a rule.
        public init(name: String, range: ClosedRange<Int>) {
            self.name = name
            self.range = range
        }

        /// What the field must be, for messages: "a whole number from 1 to 2147483647".
        public var expectation: String { "a whole number from \(range.lowerBound) to \(range.upperBound)" }

        /// Whether `value` is allowed.
        public func allows(_ value: Int) -> Bool { range.contains(value) }

        /// Throws unless `value` is allowed.
        public func check(_ value: Int) throws(ReviewError) {
            guard range.contains(value) else { throw ReviewError("\(name) must be \(expectation); got \(value)") }
        }

        /// The value of `text`, or an error saying what was expected; never traps, whatever the length.
        public func parse<S: StringProtocol>(_ text: S, syntax: NumberSyntax = .tolerant) throws(ReviewError) -> Int {
            switch ValueRules.wholeNumber(text, syntax: syntax) {
            case .value(let value) where range.contains(value): return value
            case .value, .tooLarge:
                throw ReviewError("\(name) must be \(expectation); got '\(FileError.shortened(String(text)))'")
            case .fraction:
                throw ReviewError("\(name) must be a whole number (\(range.lowerBound)–\(range.upperBound)), not a fraction; got '\(FileError.shortened(String(text)))'")
            case .notANumber:
                throw ReviewError("\(name) must be \(expectation); got '\(FileError.shortened(String(text)))'")
            }
        }

        /// `parse` of bytes written with `.exact` syntax, without making a `String` unless there is an error.
        public func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(ReviewError) -> Int {
            if bytes.count <= 10, !bytes.isEmpty {
                var value = 0
                var digits = true
                for byte in bytes {
                    guard byte >= 48 && byte <= 57 else { digits = false; break }
                    value = value * 10 + Int(byte - 48)
                }
                if digits && range.contains(value) { return value }
            }
            return try parse(String(decoding: bytes, as: UTF8.self), syntax: .exact)
        }
    }

    /// What a text reads as, before the range is checked.
    enum NumberReading: Equatable {
        case value(Int)
        case tooLarge
        case fraction
        case notANumber
    }

    static func wholeNumber<S: StringProtocol>(_ text: S, syntax: NumberSyntax) -> NumberReading {
        var scalars = Substring(text).unicodeScalars[...]
        if syntax == .tolerant {
            while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
            while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
            if scalars.first == "+" { scalars.removeFirst() }
        }
        var value = 0
        var digitCount = 0
        var overflow = false
        while let scalar = scalars.first, scalar.value >= 48 && scalar.value <= 57 {
            scalars.removeFirst()
            digitCount += 1
            if !overflow {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(scalar.value - 48))
                if o1 || o2 { overflow = true } else { value = sum }
            }
        }
        guard digitCount > 0 else { return .notANumber }
        if !scalars.isEmpty {
            guard syntax == .tolerant, scalars.first == "." else { return .notANumber }
            scalars.removeFirst()
            var nonZero = false
            while let scalar = scalars.first, scalar.value >= 48 && scalar.value <= 57 {
                if scalar != "0" { nonZero = true }
                scalars.removeFirst()
            }
            guard scalars.isEmpty else { return .notANumber }
            if nonZero { return .fraction }
        }
        return overflow ? .tooLarge : .value(value)
    }

    // MARK: the numbers

    /// A study's reference number in the review's reference list.
    public static let studyReference = WholeNumber(name: "reference", range: 1...largestNumber)
    /// A quote's reference number (the same list, so the same rule as a study's).
    public static let quoteReference = WholeNumber(name: "reference", range: 1...largestNumber)
    /// A study's year of publication.
    public static let year = WholeNumber(name: "year", range: 1800...2200)
    /// A study's number of participants (0 for a study of documents).
    public static let participants = WholeNumber(name: "participants", range: 0...largestNumber)
    /// A sub-theme's number within its direction, component and domain.
    public static let subThemeNumber = WholeNumber(name: "sub-theme number", range: 1...largestNumber)
    /// A sub-theme's id.
    public static let subThemeID = WholeNumber(name: "sub-theme id", range: 1...largestNumber)
    /// A quote's id (shown as Q12).
    public static let quoteID = WholeNumber(name: "quote id", range: 1...largestNumber)

    // MARK: text

    /// Throws unless `id` is a study id: letters, digits, `-` or `_`, not empty.
    public static func checkStudyID(_ id: String) throws(ReviewError) {
        guard !id.isEmpty else { throw ReviewError("a study needs an id (such as S01)") }
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ReviewError("study id '\(FileError.shortened(id))' must be letters, digits, '-' or '_'")
        }
    }

    /// Whether a label or quote text is blank (empty or only white space), which no label or text may be.
    public static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            if byte < 0x80 { return false }
            return text.allSatisfy(\.isWhitespace)
        }
        return true
    }

    // MARK: whole items

    /// Throws the first value of `study` that breaks a rule.
    public static func check(_ study: Study) throws(ReviewError) {
        try checkStudyID(study.id)
        guard !isBlank(study.label) else { throw ReviewError("study \(study.id) needs a label") }
        do throws(ReviewError) {
            if let value = study.reference { try studyReference.check(value) }
            if let value = study.year { try year.check(value) }
            if let value = study.participants { try participants.check(value) }
            if let record = study.bibliography { try BibliographicRules.check(record, studyID: study.id) }
        } catch {
            throw ReviewError("study \(study.id): \(error.message)")
        }
    }

    /// Throws the first value of `subTheme` that breaks a rule.
    public static func check(_ subTheme: SubTheme) throws(ReviewError) {
        try subThemeID.check(subTheme.id)
        guard !isBlank(subTheme.label) else { throw ReviewError("sub-theme \(subTheme.id) needs a label") }
        try subThemeNumber.check(subTheme.number)
    }

    /// Throws the first value of `quote` that breaks a rule of its own (its study and sub-theme are checked against a workspace).
    public static func check(_ quote: Quote) throws(ReviewError) {
        try quoteID.check(quote.id)
        guard !isBlank(quote.text) else { throw ReviewError("quote Q\(quote.id) needs its verbatim text; it is empty") }
        if let value = quote.reference {
            do throws(ReviewError) { try quoteReference.check(value) } catch { throw ReviewError("quote Q\(quote.id): \(error.message)") }
        }
        if let studyID = quote.studyID { try checkStudyID(studyID) }
    }

    /// Throws the first item of `workspace` that breaks a rule (what `SnapshotFile.write` checks before saving).
    public static func check(_ workspace: Workspace) throws(ReviewError) {
        for study in workspace.studies { try check(study) }
        for theme in workspace.subThemes { try check(theme) }
        for appraisal in workspace.appraisals where appraisal.answers.count != 10 {
            throw ReviewError("the appraisal of \(appraisal.studyID) has \(appraisal.answers.count) answers; it needs ten (q1–q10)")
        }
        // Quotes live in 32-bit columns that the store fills only from checked values.
    }
}
