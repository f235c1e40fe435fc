import Foundation

/// Finds records that are the same reference: by DOI, else by normalised title and year.
///
/// Matching never merges anything by itself: it reports which records match and why, and the import
/// plan decides (a certain match updates the study, an uncertain one is listed for the reviewer).
public enum BibliographicMatching {
    /// Why two records are taken to be the same reference.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// Both have the same DOI (after normalisation).
        case sameDOI = "same doi"
        /// Same normalised title and same year, and no conflicting DOIs.
        case sameTitleAndYear = "same title and year"
        /// Same normalised title; one of the two has no year. Reported as possible, never applied alone.
        case sameTitleYearMissing = "same title, one year missing"
        /// The first author's family name starts the study's label and the years agree (or the study has none).
        /// Reported as possible, never applied alone.
        case authorAndLabel = "first author matches the study label"

        /// Whether the reason is strong enough to act on without asking.
        public var isCertain: Bool { self == .sameDOI || self == .sameTitleAndYear }
    }

    /// A set of records (by index) that are the same reference.
    public struct DuplicateGroup: Sendable, Equatable {
        /// The indices, ascending; the first is the one to keep.
        public var indices: [Int]
        /// The strongest reason linking them.
        public var reason: Reason
    }

    /// The title folded for matching: case and accents folded, every run of non-letters and non-digits one space.
    public static func titleKey(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var insideTag = false
        for scalar in TextFolding.fold(title).unicodeScalars {
            // Reference managers sometimes keep markup such as <i>…</i> in titles.
            if scalar == "<" { insideTag = true; continue }
            if insideTag { if scalar == ">" { insideTag = false; pendingSpace = !out.isEmpty }; continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingSpace = !out.isEmpty
            }
        }
        return String(out)
    }

    /// How `record` matches `candidate`, or nil when it does not.
    public static func reason(_ record: BibliographicRecord, matches candidate: BibliographicRecord) -> Reason? {
        let doi = record.normalizedDOI, otherDOI = candidate.normalizedDOI
        if let doi, let otherDOI {
            return doi == otherDOI ? .sameDOI : nil  // two different DOIs are two works (a reply, an erratum…)
        }
        let key = record.titleKey
        guard !key.isEmpty, key == candidate.titleKey else { return nil }
        switch (record.year, candidate.year) {
        case let (a?, b?): return a == b ? .sameTitleAndYear : nil
        default: return .sameTitleYearMissing
        }
    }

    /// Groups of records in a list that are the same reference, in order of their first member.
    ///
    /// Records are linked by DOI and by title and year; a group's reason is the weakest link that joined it
    /// (so a group held together only by a missing year is reported as possible).
    public static func duplicates(in records: [BibliographicRecord]) -> [DuplicateGroup] {
        var parent = Array(records.indices)
        var weakest = [Reason?](repeating: nil, count: records.count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func rank(_ reason: Reason) -> Int {
            switch reason { case .sameDOI: 3; case .sameTitleAndYear: 2; case .sameTitleYearMissing: 1; case .authorAndLabel: 0 }
        }
        func link(_ a: Int, _ b: Int, _ reason: Reason) {
            let ra = root(a), rb = root(b)
            let keep = min(ra, rb), drop = max(ra, rb)
            var combined = reason
            for existing in [weakest[ra], weakest[rb]].compactMap({ $0 }) where rank(existing) < rank(combined) { combined = existing }
            if ra != rb { parent[drop] = keep }
            weakest[keep] = combined
        }
        var byDOI: [String: Int] = [:]
        var byTitle: [String: [Int]] = [:]
        for (index, record) in records.enumerated() {
            if let doi = record.normalizedDOI {
                if let first = byDOI[doi] { link(first, index, .sameDOI) } else { byDOI[doi] = index }
            }
            let key = record.titleKey
            if !key.isEmpty { byTitle[key, default: []].append(index) }
        }
        // Within a title, each record is compared with the first of its year (linear, however many share a title),
        // and the first record without a year with the first record of each year.
        for (_, indices) in byTitle.sorted(by: { $0.value[0] < $1.value[0] }) where indices.count > 1 {
            var firstOfYear: [Int?: Int] = [:]
            for index in indices {
                let year = records[index].year
                guard let first = firstOfYear[year] else { firstOfYear[year] = index; continue }
                if let reason = reason(records[index], matches: records[first]), reason != .sameDOI { link(first, index, reason) }
            }
            if let undated = firstOfYear[nil] {
                for (year, dated) in firstOfYear.sorted(by: { $0.value < $1.value }) where year != nil {
                    if let reason = reason(records[undated], matches: records[dated]), reason != .sameDOI { link(dated, undated, reason) }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in records.indices { groups[root(index), default: []].append(index) }
        return groups.keys.sorted().compactMap { key in
            guard let members = groups[key], members.count > 1, let reason = weakest[key] else { return nil }
            return DuplicateGroup(indices: members, reason: reason)
        }
    }

    /// Whether a record's first author starts a study label ("Ben-Dor I et al." for "Ben-Dor, Irit"), folded.
    public static func firstAuthor(of record: BibliographicRecord, startsLabel label: String) -> Bool {
        firstAuthor(key: firstAuthorKey(of: record), startsLabel: label)
    }

    /// The folded family name of a record's first author ("" when there is none), for ``firstAuthor(key:startsLabel:)``.
    public static func firstAuthorKey(of record: BibliographicRecord) -> String {
        record.firstAuthorFamilyName.map(TextFolding.nameKey) ?? ""
    }

    /// Whether a first author's folded family name starts a study label; the key is made once per record, so
    /// matching a record against every study costs the study labels, not the author's length times the studies.
    public static func firstAuthor(key familyKey: String, startsLabel label: String) -> Bool {
        let labelKey = TextFolding.nameKey(label)
        guard !familyKey.isEmpty, familyKey.count <= labelKey.count, labelKey.hasPrefix(familyKey) else { return false }
        let rest = labelKey.dropFirst(familyKey.count)
        return rest.isEmpty || rest.first == " " || rest.first == ","
    }
}
