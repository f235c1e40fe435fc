/// Export in the layout of the PRISMA2020 R package's template (`inst/extdata/PRISMA.csv`), so that
/// `PRISMA_flowdiagram(PRISMA_data(read.csv(file)))` draws the flow.
///
/// The layout (columns `data,node,box,description,boxtext,tooltips,url,n`, one row per box in the order
/// below, with the template's wording) is that of the template in github.com/prisma-flowdiagram/PRISMA2020
/// at commit 696d35e (Haddaway, Page, Pritchard & McGuinness 2022, Campbell Systematic Reviews 18:e1230;
/// MIT licence). Only `n` is filled in: a number; "NA" for a box absent or not reported (the package then
/// prints NA, and hides the previous-studies column when both its boxes are NA); and "Name, n; Name, n" for
/// the breakdowns, which is why their names may not contain "," or ";".
extension PRISMAFlow {
    /// One row of the template, without its `n`.
    struct TemplateRow {
        let data: String, node: String, box: String, description: String, boxtext: String, tooltips: String, url: String
    }

    static let template: [TemplateRow] = [
        .init(data: "NA", node: "node4", box: "prevstud", description: "Grey title box; Previous studies", boxtext: "Previous studies", tooltips: "Grey title box; Previous studies", url: "prevstud.html"),
        .init(data: "previous_studies", node: "node5", box: "box1", description: "Studies included in previous version of review", boxtext: "Studies included in previous version of review", tooltips: "Studies included in previous version of review", url: "previous_studies.html"),
        .init(data: "previous_reports", node: "NA", box: "box1", description: "Reports of studies included in previous version of review", boxtext: "Reports of studies included in previous version of review", tooltips: "NA", url: "previous_reports.html"),
        .init(data: "NA", node: "node6", box: "newstud", description: "Yellow title box; Identification of new studies via databases and registers", boxtext: "Identification of new studies via databases and registers", tooltips: "Yellow title box; Identification of new studies via databases and registers", url: "newstud.html"),
        .init(data: "database_results", node: "node7", box: "box2", description: "Records identified from: Databases", boxtext: "Databases", tooltips: "Records identified from: Databases and Registers", url: "database_results.html"),
        .init(data: "database_specific_results", node: "NA", box: "box2", description: "Records identified from: specific databases", boxtext: "Specific Databases", tooltips: "NA", url: "database_results.html"),
        .init(data: "register_results", node: "NA", box: "box2", description: "Records identified from: Registers", boxtext: "Registers", tooltips: "NA", url: "NA"),
        .init(data: "register_specific_results", node: "NA", box: "box2", description: "Records identified from: specific registers", boxtext: "Specific Registers", tooltips: "NA", url: "database_results.html"),
        .init(data: "NA", node: "node16", box: "othstud", description: "Grey title box; Identification of new studies via other methods", boxtext: "Identification of new studies via other methods", tooltips: "Grey title box; Identification of new studies via other methods", url: "othstud.html"),
        .init(data: "website_results", node: "node17", box: "box11", description: "Records identified from: Websites", boxtext: "Websites", tooltips: "Records identified from: Websites, Organisations and Citation Searching", url: "website_results.html"),
        .init(data: "organisation_results", node: "", box: "box11", description: "Records identified from: Organisations", boxtext: "Organisations", tooltips: "NA", url: "NA"),
        .init(data: "citations_results", node: "NA", box: "box11", description: "Records identified from: Citation searching", boxtext: "Citation searching", tooltips: "NA", url: "NA"),
        .init(data: "duplicates", node: "node8", box: "box3", description: "Duplicate records", boxtext: "Duplicate records", tooltips: "Duplicate records", url: "duplicates.html"),
        .init(data: "excluded_automatic", node: "NA", box: "box3", description: "Records marked as ineligible by automation tools", boxtext: "Records marked as ineligible by automation tools", tooltips: "NA", url: "NA"),
        .init(data: "excluded_other", node: "NA", box: "box3", description: "Records removed for other reasons", boxtext: "Records removed for other reasons", tooltips: "NA", url: "NA"),
        .init(data: "records_screened", node: "node9", box: "box4", description: "Records screened (databases and registers)", boxtext: "Records screened", tooltips: "Records screened (databases and registers)", url: "records_screened.html"),
        .init(data: "records_excluded", node: "node10", box: "box5", description: "Records excluded (databases and registers)", boxtext: "Records excluded", tooltips: "Records excluded (databases and registers)", url: "records_excluded.html"),
        .init(data: "dbr_sought_reports", node: "node11", box: "box6", description: "Reports sought for retrieval (databases and registers)", boxtext: "Reports sought for retrieval", tooltips: "Reports sought for retrieval (databases and registers)", url: "dbr_sought_reports.html"),
        .init(data: "dbr_notretrieved_reports", node: "node12", box: "box7", description: "Reports not retrieved (databases and registers)", boxtext: "Reports not retrieved", tooltips: "Reports not retrieved (databases and registers)", url: "dbr_notretrieved_reports.html"),
        .init(data: "other_sought_reports", node: "node18", box: "box12", description: "Reports sought for retrieval (other)", boxtext: "Reports sought for retrieval", tooltips: "Reports sought for retrieval (other)", url: "other_sought_reports.html"),
        .init(data: "other_notretrieved_reports", node: "node19", box: "box13", description: "Reports not retrieved (other)", boxtext: "Reports not retrieved", tooltips: "Reports not retrieved (other)", url: "other_notretrieved_reports.html"),
        .init(data: "dbr_assessed", node: "node13", box: "box8", description: "Reports assessed for eligibility (databases and registers)", boxtext: "Reports assessed for eligibility", tooltips: "Reports assessed for eligibility (databases and registers)", url: "dbr_assessed.html"),
        .init(data: "dbr_excluded", node: "node14", box: "box9", description: "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", boxtext: "Reports excluded", tooltips: "Reports excluded (databases and registers)", url: "dbrexcludedrecords.html"),
        .init(data: "other_assessed", node: "node20", box: "box14", description: "Reports assessed for eligibility (other)", boxtext: "Reports assessed for eligibility", tooltips: "Reports assessed for eligibility (other)", url: "other_assessed.html"),
        .init(data: "other_excluded", node: "node21", box: "box15", description: "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", boxtext: "Reports excluded", tooltips: "Reports excluded (other)", url: "other_excluded.html"),
        .init(data: "new_studies", node: "node15", box: "box10", description: "New studies included in review", boxtext: "New studies included in review", tooltips: "New studies included in review", url: "new_studies.html"),
        .init(data: "new_reports", node: "NA", box: "box10", description: "Reports of new included studies", boxtext: "Reports of new included studies", tooltips: "NA", url: "NA"),
        .init(data: "total_studies", node: "node22", box: "box16", description: "Total studies included in review", boxtext: "Total studies included in review", tooltips: "Total studies included in review", url: "total_studies.html"),
        .init(data: "total_reports", node: "NA", box: "box16", description: "Reports of total included studies", boxtext: "Reports of total included studies", tooltips: "NA", url: "NA"),
        .init(data: "identification", node: "node1", box: "identification", description: "Blue identification box", boxtext: "Identification", tooltips: "Blue identification box", url: "identification.html"),
        .init(data: "screening", node: "node2", box: "screening", description: "Blue screening box", boxtext: "Screening", tooltips: "Blue screening box", url: "screening.html"),
        .init(data: "included", node: "node3", box: "included", description: "Blue included box", boxtext: "Included", tooltips: "Blue included box", url: "included.html"),
    ]

    /// The template's column names.
    public static let templateColumns = ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]

    /// The flow as rows of the PRISMA2020 template (header first); fails when a breakdown name holds "," or ";",
    /// which the package's "Name, n; Name, n" lists cannot carry.
    public func templateRows() throws(ReviewError) -> [[String]] {
        var rows = [Self.templateColumns]
        for row in Self.template {
            var boxtext = row.boxtext
            // A first review (no previous version) has "studies included in review", not "new studies".
            if !isUpdate && row.data == "new_studies" { boxtext = Box.studiesIncluded.label }
            if !isUpdate && row.data == "new_reports" { boxtext = Box.reportsIncluded.label }
            rows.append([row.data, row.node, row.box, row.description, boxtext, row.tooltips, row.url, try templateValue(row.data)])
        }
        return rows
    }

    /// The flow as the PRISMA2020 template CSV (RFC 4180, CRLF line ends, as `CSVText` writes).
    public func templateCSV() throws(ReviewError) -> String {
        CSVText.text(try templateRows())
    }

    /// The `n` of one template row.
    func templateValue(_ key: String) throws(ReviewError) -> String {
        if let box = Box.allCases.first(where: { $0.templateKey == key }) {
            return self[box].map(String.init) ?? "NA"
        }
        if let breakdown = Breakdown.allCases.first(where: { $0.templateKey == key }) {
            let list = items(breakdown)
            guard !list.isEmpty else { return "NA" }
            for item in list where item.name.contains(",") || item.name.contains(";") || item.name.contains("\n") {
                throw ReviewError("\(breakdown.key) '\(item.name)' cannot go into the PRISMA2020 template, which separates names with ';' and counts with ','",
                                  notes: ["rename it without ',' or ';' (e.g. 'prisma clear \(breakdown.key):…' and set it again)"])
            }
            return list.map { "\($0.name), \($0.count.map(String.init) ?? "NA")" }.joined(separator: "; ")
        }
        return "0"  // title and stage boxes: the template's own 0
    }
}
