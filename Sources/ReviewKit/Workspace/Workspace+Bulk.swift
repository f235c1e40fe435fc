/// Bulk loading: many studies, appraisals or quotes validated and appended in one pass.
///
/// `apply(_:)` checks one change against the whole workspace (a linear search per study id, one
/// array insertion per quote), which is right for editing but quadratic for loading a million quotes.
/// These methods check the same rules with lookup tables built once, append in order, and are all or
/// nothing: on an error the workspace is left exactly as it was. They return no inverse change, since
/// undoing a bulk load is done by keeping the previous workspace value.
extension Workspace {
    /// Appends studies after the existing ones, validating each as `apply(.addStudy)` would; all or nothing.
    public mutating func appendStudies(_ newStudies: [Study]) throws(ReviewError) {
        var ids = Set(studies.map(\.id))
        ids.reserveCapacity(studies.count + newStudies.count)
        for (index, study) in newStudies.enumerated() {
            do throws(ReviewError) {
                try Self.check(study)
            } catch {
                throw Self.located(error, index, newStudies.count)
            }
            guard ids.insert(study.id).inserted else {
                throw Self.located(Self.duplicate("study id '\(study.id)'"), index, newStudies.count)
            }
        }
        studies.append(contentsOf: newStudies)
    }

    /// Adds or replaces appraisals, validating each as `apply(.setAppraisal)` would; all or nothing.
    public mutating func setAppraisals(_ newAppraisals: [Appraisal]) throws(ReviewError) {
        let known = Set(studies.map(\.id))
        var slots: [String: [String: Int]] = [:]  // study id → reviewer → index in `appraisals`
        for (index, appraisal) in appraisals.enumerated() { slots[appraisal.studyID, default: [:]][appraisal.reviewer] = index }
        for (index, appraisal) in newAppraisals.enumerated() {
            guard known.contains(appraisal.studyID) else { throw Self.located(unknownStudy(appraisal.studyID), index, newAppraisals.count) }
            do throws(ReviewError) { try Self.check(appraisal) } catch { throw Self.located(error, index, newAppraisals.count) }
        }
        appraisals.reserveCapacity(appraisals.count + newAppraisals.count)
        for appraisal in newAppraisals {
            if let existing = slots[appraisal.studyID]?[appraisal.reviewer] {
                appraisals[existing] = appraisal
            } else {
                slots[appraisal.studyID, default: [:]][appraisal.reviewer] = appraisals.count
                appraisals.append(appraisal)
            }
        }
    }

    /// Appends quotes whose ids ascend and are larger than every id present, validating each as
    /// `apply(.addQuote)` would (text, study, sub-theme coding, reference); all or nothing.
    ///
    /// `expectedCount` and `expectedTextBytes`, when known, size the store once so that loading does
    /// not pass through the copy-and-double growth of its columns.
    public mutating func appendQuotes<S: Sequence<Quote>>(_ newQuotes: S, expectedCount: Int? = nil,
                                                          expectedTextBytes: Int? = nil) throws(ReviewError) {
        var studyRows: [String: Int32] = [:]
        studyRows.reserveCapacity(studies.count)
        for (index, study) in studies.enumerated() { studyRows[study.id] = Int32(index) }
        var themes: [Int: SubTheme] = [:]
        for theme in subThemes { themes[theme.id] = theme }

        let start = quotes.count
        if let expectedCount { quotes.reserveCapacity(start + expectedCount, textBytes: expectedTextBytes.map { quotes.textByteCount + $0 }) }
        var lastID = Int(quotes.ids.last ?? 0)
        var index = 0
        for quote in newQuotes {
            do throws(ReviewError) {
                try Self.checkQuoteID(quote.id)
                guard quote.id > lastID else {
                    throw ReviewError(.invalidRecord, "quote ids must ascend past Q\(lastID) when appending; got Q\(quote.id)")
                }
                try Self.checkQuoteText(isBlank: Self.isBlank(quote.text))
                let direction = quote.direction?.rawValue ?? 0, component = quote.component?.rawValue ?? 0, domain = quote.domain?.rawValue ?? 0
                var study: Int32 = -1
                if let id = quote.studyID {
                    guard let row = studyRows[id] else { throw unknownStudy(id) }
                    study = row
                }
                var subTheme: Int32 = -1
                if let id = quote.subTheme {
                    guard let theme = themes[id] else { throw Self.unknownSubTheme(id) }
                    guard theme.fits(direction: quote.direction, component: quote.component, domain: quote.domain) else {
                        throw theme.codingMismatch(quoteID: quote.id)
                    }
                    subTheme = Int32(id)
                }
                try Self.checkReference(quote.reference)
                if !quote.tags.isEmpty { try QuoteTags.check(quote.tags, quoteID: quote.id) }
                quotes.append(id: Int32(quote.id), text: quote.text, direction: direction, component: component, domain: domain,
                              subTheme: subTheme, study: study, reference: Int32(quote.reference ?? -1), page: quote.page ?? "",
                              tags: quote.tags)
                lastID = quote.id
                index += 1
            } catch {
                quotes.truncate(to: start)
                var error = error
                error.notes.insert("in quote \(index + 1) of the batch (Q\(quote.id)); nothing was appended", at: 0)
                throw error
            }
        }
    }

    private static func isBlank(_ text: String) -> Bool {
        // Fast path: any byte that is not ASCII white space means there is text (non-ASCII spaces fall to the slow path).
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            if byte < 0x80 { return false }
            return text.allSatisfy(\.isWhitespace)
        }
        return true
    }

    private static func located(_ error: ReviewError, _ index: Int, _ count: Int) -> ReviewError {
        var error = error
        error.notes.insert("in item \(index + 1) of \(count); nothing was applied", at: 0)
        return error
    }
}
