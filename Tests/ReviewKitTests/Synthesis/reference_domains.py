#!/usr/bin/env python3
"""Second implementation for the synthesis tests: pandas over CSV exports.

Writes Fixtures/domains-reference.json (next to this script). The Swift tests in
this folder load that file; they never run Python. Run this by hand after
changing the cases or the embedded review, and commit the regenerated JSON:

    pip install pandas
    python3 reference_domains.py

Inputs:

* Fixtures/shaw-2025-{studies,subthemes,quotes}.csv: the embedded review as
  `export csv` writes it (a Swift test checks that they still equal the export).
* Random domain-count tables generated here (seeded), with many ties.

What it computes, by routes that differ from the Swift code:

* Per TDF domain, from the quotes table: the distinct sources of the domain's
  quotes (a study id; else the study carrying the quote's reference number;
  else the bare reference number "ref N"; quotes with neither are dropped),
  the quotes, and from the sub-themes table the sub-themes by direction.
* Ranks with pandas' own tie handling: a combined key ranked with
  method="min" (first position of a tie) and method="max" (last position).
* Per sub-theme (each sub-theme is a default finding): quotes, words and
  distinct sources. A word is a whitespace-separated token (str.split()) that
  holds at least one alphanumeric character (str.isalnum() on some character).
* For the random tables: ranks under several orders of criteria.
"""

import io
import json
import pathlib
import random

import pandas as pd

SEED = 20250611
HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE / "Fixtures"
OUTPUT = FIXTURES / "domains-reference.json"

# TDF v2 (Cane et al. 2012), in Table 3 order: display name -> slug.
DOMAINS = [
    ("Knowledge", "knowledge"),
    ("Skills", "skills"),
    ("Social/Professional Role and Identity", "social-professional-role-identity"),
    ("Beliefs about Capabilities", "beliefs-about-capabilities"),
    ("Optimism", "optimism"),
    ("Beliefs about Consequences", "beliefs-about-consequences"),
    ("Reinforcement", "reinforcement"),
    ("Intentions", "intentions"),
    ("Goals", "goals"),
    ("Memory, Attention and Decision Processes", "memory-attention-decision-processes"),
    ("Environmental Context and Resources", "environmental-context-resources"),
    ("Social Influences", "social-influences"),
    ("Emotion", "emotion"),
    ("Behavioural Regulation", "behavioural-regulation"),
]
# The CSV export writes slugs (docs/formats.md, "Machine output"); earlier exports wrote display names.
SLUG = dict(DOMAINS) | {slug: slug for _, slug in DOMAINS}
ORDER = {slug: index for index, (_, slug) in enumerate(DOMAINS)}


def words(text):
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def read(name):
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False, encoding="utf-8")


def ranks(frame, criteria):
    """First and last rank positions of each row under the criteria (all descending), ties shared."""
    key = pd.Series(0, index=frame.index, dtype="int64")
    for criterion in criteria:
        column = frame[criterion].astype("int64")
        key = key * 1_000_000 + column
    first = key.rank(method="min", ascending=False).astype(int)
    last = key.rank(method="max", ascending=False).astype(int)
    return first, last


def ordinal(n):
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(first, last):
    return ordinal(first) if first == last else f"joint {ordinal(first)}\u2013{ordinal(last)}"


def source_of(row, study_by_reference):
    if row["study"]:
        return row["study"]
    if row["reference"]:
        reference = int(row["reference"])
        return study_by_reference.get(reference, f"ref {reference}")
    return None


def embedded():
    studies = read("shaw-2025-studies.csv")
    subthemes = read("shaw-2025-subthemes.csv")
    quotes = read("shaw-2025-quotes.csv")
    study_by_reference = {}
    for _, study in studies.iterrows():
        if study["reference"] and int(study["reference"]) not in study_by_reference:
            study_by_reference[int(study["reference"])] = study["id"]
    quotes["source"] = quotes.apply(lambda row: source_of(row, study_by_reference), axis=1)
    quotes["slug"] = quotes["domain"].map(SLUG)
    quotes["words"] = quotes["text"].map(words)
    subthemes["slug"] = subthemes["domain"].map(SLUG)

    per_domain = pd.DataFrame({"slug": [slug for _, slug in DOMAINS]}).set_index("slug")
    per_domain["studies"] = quotes.dropna(subset=["source"]).groupby("slug")["source"].nunique()
    per_domain["quotes"] = quotes.groupby("slug").size()
    themes = subthemes.groupby(["slug", "direction"]).size().unstack(fill_value=0)
    per_domain["barriers"] = themes.get("barrier")
    per_domain["facilitators"] = themes.get("facilitator")
    per_domain = per_domain.fillna(0).astype(int)
    per_domain["subthemes"] = per_domain["barriers"] + per_domain["facilitators"]
    per_domain["conflicting"] = (per_domain["barriers"] > 0) & (per_domain["facilitators"] > 0)
    with_data = per_domain[(per_domain["studies"] > 0) | (per_domain["subthemes"] > 0) | (per_domain["quotes"] > 0)].copy()
    result = {"criteria": {}}
    for criteria in (["studies", "subthemes"], ["subthemes"], ["quotes", "studies"]):
        first, last = ranks(with_data, criteria)
        result["criteria"][",".join(criteria)] = {
            slug: {"first": int(first[slug]), "last": int(last[slug]), "text": rank_text(int(first[slug]), int(last[slug]))}
            for slug in with_data.index
        }
    result["domains"] = [
        {
            "domain": slug,
            "studies": int(row["studies"]),
            "studies_percent": round(100.0 * row["studies"] / len(studies), 1),
            "subthemes": int(row["subthemes"]),
            "quotes": int(row["quotes"]),
            "barriers": int(row["barriers"]),
            "facilitators": int(row["facilitators"]),
            "conflicting": bool(row["conflicting"]),
        }
        for slug, row in per_domain.iterrows()
    ]
    result["without_data"] = [slug for slug in per_domain.index if slug not in with_data.index]
    result["unattributed_quotes"] = int(quotes["source"].isna().sum())
    result["included_studies"] = len(studies)

    findings = []
    for _, theme in subthemes.iterrows():
        names = {theme["id"], theme["label"], subtheme_code(theme)}
        mine = quotes[quotes["subtheme"].isin(names)]
        findings.append({
            "subtheme_id": int(theme["id"]),
            "quotes": int(len(mine)),
            "words": int(mine["words"].sum()),
            "sources": sorted({s for s in mine["source"] if s is not None}),
        })
    result["findings"] = findings
    return result


ABBREVIATION = {
    "knowledge": "Know", "skills": "Skil", "social-professional-role-identity": "SPRI", "beliefs-about-capabilities": "BCap",
    "optimism": "Opti", "beliefs-about-consequences": "BCon", "reinforcement": "Rein", "intentions": "Inte", "goals": "Goal",
    "memory-attention-decision-processes": "MADP", "environmental-context-resources": "ECR", "social-influences": "SocI",
    "emotion": "Emot", "behavioural-regulation": "BReg",
}


def subtheme_code(theme):
    """A sub-theme's code (B/ECR/2), built from its own columns: quotes.csv written before it named sub-themes by id used it."""
    return f"{'B' if theme['direction'] == 'barrier' else 'F'}/{ABBREVIATION[theme['slug']]}/{theme['number']}"


def random_cases(rng, count):
    cases = []
    names = [name for name, _ in DOMAINS]
    for case in range(count):
        chosen = rng.sample(range(14), rng.randint(1, 14))
        rows = []
        for index in sorted(chosen):
            barriers = rng.randint(0, 3)
            facilitators = rng.randint(0, 3)
            rows.append({
                "domain": names[index] if rng.random() < 0.7 else DOMAINS[index][1],
                "slug": DOMAINS[index][1],
                "studies": rng.randint(0, 6),
                "subthemes": barriers + facilitators,
                "quotes": rng.randint(0, 9),
                "barriers": barriers,
                "facilitators": facilitators,
            })
        frame = pd.DataFrame(rows)
        buffer = io.StringIO()
        frame[["domain", "studies", "subthemes", "quotes", "barriers", "facilitators"]].to_csv(buffer, index=False, lineterminator="\r\n")
        frame = frame.set_index("slug")
        frame["conflicting"] = ((frame["barriers"] > 0) & (frame["facilitators"] > 0)).astype(int)
        with_data = frame[(frame["studies"] > 0) | (frame["subthemes"] > 0) | (frame["quotes"] > 0)]
        orders = [["studies", "subthemes"], ["subthemes", "studies"], ["studies", "conflicting", "subthemes"], ["quotes"]]
        expected = {}
        for criteria in orders:
            if with_data.empty:
                expected[",".join(criteria)] = {}
                continue
            first, last = ranks(with_data, criteria)
            expected[",".join(criteria)] = {slug: {"first": int(first[slug]), "last": int(last[slug])} for slug in with_data.index}
        cases.append({
            "name": f"random-{case}",
            "csv": buffer.getvalue(),
            "without_data": [slug for _, slug in DOMAINS if slug not in with_data.index],
            "ranks": expected,
        })
    return cases


def main():
    rng = random.Random(SEED)
    output = {
        "generator": "reference_domains.py (pandas " + pd.__version__ + ")",
        "criteria_names": {"studies": "studies", "subthemes": "elaboration", "quotes": "quotes", "conflicting": "conflicting"},
        "embedded": embedded(),
        "random": random_cases(rng, 60),
    }
    OUTPUT.write_text(json.dumps(output, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
