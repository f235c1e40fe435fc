extension PRISMAFlow {
    /// The embedded review's flow as far as its text reports it (Shaw et al. 2025).
    ///
    /// The paper's PRISMA diagram (its Figure 2) is an image and not in the text, so its counts are unknown.
    /// The text names the five databases searched (section 2.2), a backward citation search of the included
    /// studies' reference lists (2.2), duplicate removal, title/abstract screening with reasons for exclusion
    /// and full-text screening (2.3), and thirty-three included studies (3.1). Those steps are recorded as
    /// "not reported" and the 33 studies as a count; nothing is guessed. `shaw2025Sources` quotes the text.
    public static let shaw2025: PRISMAFlow = {
        var flow = PRISMAFlow()
        for box: Box in [.databases, .citations, .duplicates, .recordsScreened, .recordsExcluded, .reportsAssessed, .otherReportsAssessed] {
            flow.entries[box.position] = .notReported
        }
        flow.entries[Box.studiesIncluded.position] = .count(33)
        flow.lists[Breakdown.databases.position] = ["EMBASE", "MEDLINE", "PsycINFO", "Web of Science", "CINAHL Plus"].map { Item(name: $0, count: nil) }
        return flow
    }()

    /// Where each entry of `shaw2025` comes from: the key, the section, and the words of the review.
    public static let shaw2025Sources: [(key: String, section: String, text: String)] = [
        ("databases, database:*", "2.2", "The following databases were searched; EMBASE, MEDLINE, PsycINFO, Web of Science and CINAHL Plus from inception to 31st May, 2024."),
        ("citations, other_reports_assessed", "2.2", "A secondary backward citation search was conducted by examining the reference lists of included studies to identify additional relevant data (23). Studies identified through this method were screened using the same screening process and inclusion criteria as the database searches."),
        ("duplicates", "2.3", "Duplicates were identified and removed."),
        ("records_screened, records_excluded", "2.3", "First author (SS) screened all search results by titles and abstracts initially against the inclusion and exclusion criteria (stage 1). The articles were screened into three categories; include, maybe, and exclude (with a reason)."),
        ("reports_assessed", "2.3", "Full texts of the included articles from the initial screening were screened again (stage 2)"),
        ("studies_included", "3.1", "Eligible papers included thirty-three studies (see Figure 2 for PRISMA diagram)."),
    ]
}
