/// The report's synthesis sections: the Summary of Qualitative Findings and the CERQual Evidence Profile in the
/// published layout (Lewin et al. 2018), and the TDF domains ranked by importance (Atkins et al. 2017).
///
/// Every cell comes from the typed tables the shell prints (`CERQualTables`, `DomainImportance.table`), so the
/// report and `cerqual table soqf` cannot disagree. Explanations carry the pre-filled sentences in the published
/// wording ("Moderate concerns regarding coherence because …").
extension ReportPage {
    mutating func findings() {
        open(.findings)
        let tables = CERQualTables(workspace: workspace, synthesis: workspace.synthesis, bands: inputs.bands)
        let soqf = tables.summaryOfFindings()
        let findingsInForce = workspace.synthesis.findings(in: workspace).count
        if soqf.rows.isEmpty {
            paragraph("No finding has a GRADE-CERQual assessment yet (\(findingsInForce) finding\(findingsInForce == 1 ? "" : "s") in force; "
                      + "'cerqual FINDING COMPONENT LEVEL \"EXPLANATION\"' records one).", className: "note")
            close()
            return
        }
        paragraph("\(soqf.rows.count) of \(findingsInForce) findings in force have an assessment. The levels are the reviewer's judgements as "
                  + "recorded in the workspace; the explanations begin with the sentences pre-filled in the published wording.", className: "note")
        line("<h3>Summary of Qualitative Findings</h3>")
        line("<table id=\"soqf\" class=\"synthesis soqf\">")
        line("<caption>Summary of Qualitative Findings (GRADE-CERQual, Lewin et al. 2018).</caption>")
        line("<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Summary of review finding</th><th scope=\"col\">Studies contributing</th>"
             + "<th scope=\"col\">CERQual assessment of confidence</th><th scope=\"col\">Explanation of CERQual assessment</th></tr></thead>")
        line("<tbody>")
        for row in soqf.rows.indices {
            func cell(_ key: String) -> String { h(soqf.value(row: row, key)?.description ?? "—") }
            let confidence = soqf.value(row: row, "confidence").map { if case .missing = $0 { "not yet judged" } else { $0.description + " confidence" } } ?? ""
            line("<tr><td class=\"number\">\(cell("number"))</td><td><span class=\"id\">\(cell("finding"))</span> \(cell("statement"))</td>"
                 + "<td>\(cell("studies_contributing"))</td><td class=\"confidence\">\(h(confidence))</td><td class=\"explanation\">\(cell("explanation"))</td></tr>")
        }
        line("</tbody></table>")

        let profile = tables.evidenceProfile()
        line("<h3>Evidence Profile</h3>")
        line("<table id=\"evidence-profile\" class=\"synthesis profile\">")
        line("<caption>CERQual Evidence Profile: each component's concerns with the reviewer's explanation.</caption>")
        var head = "<thead><tr><th scope=\"col\">Finding</th><th scope=\"col\">Studies contributing</th>"
        for component in CERQualComponent.allCases { head += "<th scope=\"col\">\(h(CERQualWording.capitalised(component.name)))</th>" }
        line(head + "<th scope=\"col\">CERQual assessment of confidence</th><th scope=\"col\">Explanation of CERQual assessment</th></tr></thead>")
        line("<tbody>")
        for row in profile.rows.indices {
            func cell(_ key: String) -> String { h(profile.value(row: row, key)?.description ?? "—") }
            var cells = "<tr><td><span class=\"id\">\(cell("finding"))</span> \(cell("statement"))</td><td>\(cell("studies_contributing"))</td>"
            for component in CERQualComponent.allCases {
                let sentence = profile.value(row: row, component.key + "_explanation")
                let text = sentence.map { if case .missing = $0 { "not yet judged" } else { $0.description } } ?? ""
                cells += "<td class=\"component \(component.slug)\">\(h(text))</td>"
            }
            line(cells + "<td class=\"confidence\">\(cell("confidence"))</td><td class=\"explanation\">\(cell("explanation"))</td></tr>")
        }
        line("</tbody></table>")
        let flags = CERQualCheck.run(workspace.synthesis, in: workspace).filter { workspace.synthesis.assessment(of: $0.finding) != nil }
        if !flags.isEmpty {
            line("<h3>Consistency checks</h3>")
            line("<ul class=\"checks\">")
            for flag in flags { line("<li class=\"problem\">\(h(flag.finding.description)): \(h(flag.message))</li>") }
            line("</ul>")
        }
        for note in soqf.notes { paragraph(note, className: "note") }
        close()
    }

    mutating func domains() {
        open(.domains)
        guard let importance = try? DomainImportance(workspace: workspace) else {
            paragraph("The domains cannot be ranked from this workspace.", className: "note")
            close()
            return
        }
        let table = importance.table
        line("<table id=\"domain-importance\" class=\"synthesis domains\">")
        line("<caption>TDF domains by importance (Atkins et al. 2017): studies with data, sub-themes (elaboration), and whether "
             + "barriers and facilitators are both present; equal values share a joint rank.</caption>")
        line("<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">TDF domain</th><th scope=\"col\">Studies</th><th scope=\"col\">% of studies</th>"
             + "<th scope=\"col\">Sub-themes</th><th scope=\"col\">Quotes</th><th scope=\"col\">Barriers and facilitators</th></tr></thead>")
        line("<tbody>")
        for row in table.rows.indices {
            func cell(_ key: String) -> String { h(table.value(row: row, key)?.description ?? "—") }
            let hasData = table.value(row: row, "has_data") == .boolean(true)
            let rank = hasData ? cell("rank") : "no data"
            line("<tr\(hasData ? "" : " class=\"none\"")><td>\(rank)</td><td>\(cell("domain"))</td><td class=\"count\">\(cell("studies"))</td>"
                 + "<td class=\"count\">\(cell("studies_percent"))</td><td class=\"count\">\(cell("subthemes"))</td><td class=\"count\">\(cell("quotes"))</td>"
                 + "<td>\(cell("conflicting"))</td></tr>")
        }
        line("</tbody></table>")
        for note in table.notes { paragraph(note, className: "note") }
        close()
    }
}
