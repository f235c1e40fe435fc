"""Writes the CONSTRUCTED screening fixtures in sessions/ from sessions/screening.csv (itself made by
Tests/ReviewKitTests/Statistics/reference_agreement.py): the same 60 made-up records and decisions, as
Rayyan would export them (RIS with AN and N1 RAYYAN-INCLUSION notes; CSV with key,title,…,notes) and as a
Covidence-style table of votes (Covidence #, Title, Reviewer, Vote, Stage; an ASSUMED layout, not a published
format). None of this is the review's data. Run from the repository root: python3 Tests/ReviewKitTests/Screening/make_screening_fixtures.py

The Covidence file also carries a 'Consensus' vote on the first six conflicts and a full-text stage, so that
`agreement screening consensus=both` and `stage=` have something to show. Reviewers are renamed
reviewer_A → Ana, reviewer_B → Ben, reviewer_C → Cleo in the Rayyan and Covidence files.
"""
import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SESSIONS = ROOT / "sessions"
NAMES = {"reviewer_A": "Ana", "reviewer_B": "Ben", "reviewer_C": "Cleo"}
RAYYAN = {"include": "Included", "maybe": "Maybe", "exclude": "Excluded"}
COVIDENCE = {"include": "Yes", "maybe": "Maybe", "exclude": "No"}


def rows():
    with open(SESSIONS / "screening.csv", newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    out = []
    for row in body:
        decisions = {}
        for column, cell in zip(header[1:], row[1:]):
            cell = cell.strip().lower()
            if cell:
                decisions[NAMES[column]] = cell
        out.append((row[0], decisions))
    return out


def title(record):
    return f"Constructed example {record}"


def ruby(decisions, words):
    return "{" + ", ".join(f'"{name}"=>"{words[d]}"' for name, d in decisions.items()) + "}"


def main():
    records = rows()
    ris = []
    for number, (record, decisions) in enumerate(records, start=1):
        ris += ["TY  - JOUR", f"TI  - {title(record)}", "AU  - Example, Constructed", "PY  - 2024",
                f"AN  - rayyan-{900000 + number}", f"N1  - RAYYAN-INCLUSION: {ruby(decisions, RAYYAN)} | RAYYAN-LABELS: constructed",
                "ER  - ", ""]
    (SESSIONS / "screening-rayyan.ris").write_text("\n".join(ris), encoding="utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow("key,title,authors,journal,issn,volume,issue,pages,year,publisher,location,url,language,abstract,notes".split(","))
    for number, (record, decisions) in enumerate(records, start=1):
        writer.writerow([str(900000 + number), title(record), "Example, Constructed", "", "", "", "", "", "2024", "", "", "", "eng", "",
                         f"RAYYAN-INCLUSION: {ruby(decisions, RAYYAN)} | RAYYAN-LABELS: constructed"])
    (SESSIONS / "screening-rayyan.csv").write_text(buffer.getvalue(), encoding="utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Covidence #", "Title", "Reviewer", "Vote", "Stage"])
    conflicts = 0
    for number, (record, decisions) in enumerate(records, start=1):
        for name, decision in decisions.items():
            writer.writerow([f"#{number}", title(record), name, COVIDENCE[decision], "Title and abstract screening"])
        if len(set(decisions.values())) > 1 and conflicts < 6:
            conflicts += 1
            # The agreed decision: the majority when there is one, else maybe.
            values = list(decisions.values())
            agreed = max(set(values), key=values.count) if len(set(values)) < len(values) else "maybe"
            writer.writerow([f"#{number}", title(record), "Consensus", COVIDENCE[agreed], "Title and abstract screening"])
    for number, (record, decisions) in enumerate(records[:4], start=1):
        for name in decisions:
            writer.writerow([f"#{number}", title(record), name, "Yes", "Full text review"])
    (SESSIONS / "screening-covidence.csv").write_text(buffer.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
