#!/usr/bin/env python3
"""Independent reference values for agreement computed from reviewers' codings and appraisals.

Writes Fixtures/reviewers-reference.json (next to this script); the Swift tests read it and never run
this script. Run by hand after changing the cases and commit the JSON:

    pip install numpy pandas krippendorff irrcac
    python3 reference_reviewers.py

Each case is a constructed (random, seeded) team of three reviewers: their TDF-domain codings of quotes
(some quotes coded by two, some by one, some by none) and their CASP answers (some missing). The Swift
side builds a workspace from the raw codings, asks it for the ratings matrix and computes the
coefficients; this script applies the same unit rule itself (every coded quote; each answered question
of the studies appraised twice or more) and gets the expected values from other implementations:

* Krippendorff's alpha, nominal and ordinal (CASP: no < can't tell < yes): the `krippendorff` package.
* Fleiss' kappa (Gwet's generalisation to missing ratings), Conger's kappa, Gwet's AC1 and
  Brennan-Prediger, with their standard errors: the `irrcac` package (irrCAC.raw.CAC).
* Percent agreement: R irrCAC's pa.coeff.raw, coded here.
"""

import json
import pathlib
import random

import numpy as np
import pandas as pd
import krippendorff
from irrCAC.raw import CAC

SEED = 20261201
HERE = pathlib.Path(__file__).resolve().parent
DOMAINS = ["knowledge", "skills", "emotion", "social-influences", "beliefs-about-consequences"]
ANSWERS = ["no", "cant-tell", "yes"]
REVIEWERS = ["GT", "KW", "SS"]


def percent(rows):
    """R irrCAC pa.coeff.raw: mean over units with 2+ ratings of agreeing pairs / all pairs."""
    shares = []
    for row in rows:
        values = [v for v in row if v is not None]
        n = len(values)
        if n < 2:
            continue
        agree = sum(values.count(c) * (values.count(c) - 1) for c in set(values))
        shares.append(agree / (n * (n - 1)))
    return sum(shares) / len(shares)


def coefficients(rows, categories, ordinal):
    frame = pd.DataFrame([[np.nan if v is None else categories.index(v) for v in row] for row in rows], columns=REVIEWERS)
    cac = CAC(frame, categories=list(range(len(categories))), digits=15)
    out = {"units": len(rows), "ratings": sum(v is not None for row in rows for v in row), "percent": percent(rows)}
    for name, result in [("fleiss", cac.fleiss()), ("conger", cac.conger()), ("gwet", cac.gwet()), ("bp", cac.bp())]:
        est = result["est"]
        out[name] = {"value": float(est["coefficient_value"]), "se": float(est["se"])}
    data = np.array([[np.nan if v is None else categories.index(v) for v in row] for row in rows], dtype=float).T
    out["alpha_nominal"] = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=list(range(len(categories)))))
    if ordinal:
        out["alpha_ordinal"] = float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=list(range(len(categories)))))
    return out


def case(rng, quotes, studies):
    codings = []  # [quote, reviewer, domain]
    for q in range(1, quotes + 1):
        truth = rng.choice(DOMAINS)
        for r in REVIEWERS:
            if rng.random() < 0.25:
                continue
            codings.append([q, r, truth if rng.random() < 0.7 else rng.choice(DOMAINS)])
    appraisals = []  # [study, reviewer, answers]
    for s in range(1, studies + 1):
        truth = [rng.choice(ANSWERS[1:] + ["yes", "yes"]) for _ in range(10)]
        for r in REVIEWERS:
            if rng.random() < 0.3:
                continue
            answers = [None if rng.random() < 0.1 else (t if rng.random() < 0.75 else rng.choice(ANSWERS)) for t in truth]
            appraisals.append([f"S{s:02d}", r, answers])
    # Units as the workspace makes them, in quote / study order: every quote a reviewer coded; every question
    # with an answer of the studies appraised by two reviewers or more (a unit rated once counts as irrCAC
    # defines: toward category shares only).
    by_quote = {}
    for q, r, d in codings:
        by_quote.setdefault(q, {})[r] = d
    domain_rows = [[by_quote[q].get(r) for r in REVIEWERS] for q in sorted(by_quote)]
    by_study = {}
    for s, r, a in appraisals:
        by_study.setdefault(s, {})[r] = a
    casp_rows = []
    q6_rows = []
    for s in sorted(by_study):
        if len(by_study[s]) < 2:
            continue
        for q in range(10):
            row = [by_study[s][r][q] if r in by_study[s] else None for r in REVIEWERS]
            if any(v is not None for v in row):
                casp_rows.append(row)
                if q == 5:
                    q6_rows.append(row)
    # Per code: present/absent of "knowledge" where the reviewer coded the quote.
    code_rows = [[None if v is None else ("present" if v == "knowledge" else "absent") for v in row] for row in domain_rows]
    return {
        "codings": codings,
        "appraisals": appraisals,
        "domain": coefficients(domain_rows, sorted(set(v for row in domain_rows for v in row if v is not None)), False),
        "knowledge": coefficients(code_rows, ["absent", "present"], False),
        "casp": coefficients(casp_rows, ANSWERS, True),
        "casp_q6": coefficients(q6_rows, ANSWERS, True),
    }


def main():
    rng = random.Random(SEED)
    cases = [case(rng, quotes, studies) for quotes, studies in [(46, 12), (30, 8), (60, 20)]]
    (HERE / "Fixtures").mkdir(exist_ok=True)
    (HERE / "Fixtures" / "reviewers-reference.json").write_text(json.dumps({"seed": SEED, "cases": cases}, indent=1) + "\n")


if __name__ == "__main__":
    main()
