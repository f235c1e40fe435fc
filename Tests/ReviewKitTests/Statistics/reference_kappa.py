#!/usr/bin/env python3
"""Independent reference implementation of Fleiss' and Cohen's kappa.

Writes Fixtures/kappa-reference.json (next to this script). The Swift tests in
this folder load that file and compare every figure to a relative tolerance of
1e-9. The Swift tests never run this script; run it by hand after changing the
cases, and commit the regenerated JSON:

    pip install numpy scipy statsmodels
    python3 reference_kappa.py

The computations here deliberately take routes that differ from the Swift code:

* Fleiss: P_i from pair counts (sum of C(n_ij, 2) over C(n, 2)), and the overall
  kappa is checked against the p_j q_j-weighted mean of the per-category kappas.
  The standard error under H0 follows Fleiss, Nee & Landis (1979).
* Cohen: the large-sample variances use the Fleiss, Cohen & Everitt (1969)
  forms (both the non-null variance and the variance under H0), whereas the
  Swift code uses the algebraically equivalent SAS forms that statsmodels uses.
* When statsmodels is installed, its fleiss_kappa, aggregate_raters and
  cohens_kappa are run as a further cross-check (assertions, to 1e-12).

NaN (a per-category kappa for a category nobody used) is written as null.
"""

import json
import math
import pathlib
import sys

import numpy as np
from scipy.stats import norm

try:
    from statsmodels.stats import inter_rater as sm_ir
except ImportError:  # the cross-check is optional
    sm_ir = None

SEED = 20250611
HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = HERE / "Fixtures" / "kappa-reference.json"


def close(a, b, rel=1e-12, abs_=1e-14):
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def num(x):
    """A float for JSON, or None for NaN."""
    x = float(x)
    if math.isnan(x):
        return None
    assert math.isfinite(x), x
    return x


def two_sided_p(z):
    if math.isnan(z):
        return math.nan
    return 2.0 * norm.sf(abs(z))


def critical_value(level):
    return norm.isf((1.0 - level) / 2.0)


# --------------------------------------------------------------------------- labels


def sort_labels(labels):
    """Numeric order if every label is a finite number, else code-point order."""
    def as_number(s):
        try:
            v = float(s)
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    values = [as_number(s) for s in labels]
    if all(v is not None for v in values):
        return [s for _, s in sorted(zip(values, labels))]
    return sorted(labels)


def aggregate(ratings):
    """Raw ratings (subjects x raters, '' = missing) -> (labels, count table)."""
    cleaned = [[r.strip() for r in row if r.strip() != ""] for row in ratings]
    labels = sort_labels(sorted({r for row in cleaned for r in row}))
    index = {lab: j for j, lab in enumerate(labels)}
    counts = np.zeros((len(cleaned), len(labels)), dtype=int)
    for i, row in enumerate(cleaned):
        for r in row:
            counts[i, index[r]] += 1
    if sm_ir is not None and all(len(row) == len(cleaned[0]) for row in cleaned):
        numeric = np.array([[float(r) for r in row] for row in cleaned])
        sm_counts, sm_cats = sm_ir.aggregate_raters(numeric)
        assert [float(s) for s in labels] == list(sm_cats), (labels, sm_cats)
        assert (sm_counts == counts).all()
    return labels, counts


def cross_table(first, second):
    pairs = [(a.strip(), b.strip()) for a, b in zip(first, second)
             if a.strip() != "" and b.strip() != ""]
    labels = sort_labels(sorted({x for p in pairs for x in p}))
    index = {lab: j for j, lab in enumerate(labels)}
    t = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in pairs:
        t[index[a], index[b]] += 1
    return labels, t


# --------------------------------------------------------------------------- Fleiss


def fleiss(counts, level=0.95):
    t = np.asarray(counts, dtype=np.int64)
    N, k = t.shape
    n = int(t[0].sum())
    assert (t.sum(axis=1) == n).all() and n >= 2 and k >= 2
    total = N * n

    p = t.sum(axis=0) / total
    q = 1.0 - p
    # P_i as the share of agreeing rater pairs
    pairs = n * (n - 1) / 2
    P_i = np.array([sum(math.comb(int(x), 2) for x in row) / pairs for row in t])
    P_bar = float(P_i.mean())
    P_e = float((p ** 2).sum())
    kappa = (P_bar - P_e) / (1.0 - P_e)

    pq = p * q
    disagree = (t * (n - t)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa_j = np.where(pq > 0, 1.0 - disagree / (total * (n - 1) * pq), np.nan)
    used = pq > 0
    weighted = float((pq[used] * kappa_j[used]).sum() / pq.sum())
    assert close(weighted, kappa), (weighted, kappa)

    s = float(pq.sum())
    var0 = 2.0 / (total * (n - 1) * s ** 2) * (s ** 2 - float((pq * (q - p)).sum()))
    se0 = math.sqrt(var0)
    z = kappa / se0
    c = critical_value(level)
    se_j = math.sqrt(2.0 / (total * (n - 1)))

    if sm_ir is not None:
        assert close(sm_ir.fleiss_kappa(t, method="fleiss"), kappa)

    categories = []
    for j in range(k):
        zj = kappa_j[j] / se_j
        categories.append({
            "proportion": num(p[j]),
            "kappa": num(kappa_j[j]),
            "standardError": num(se_j),
            "z": num(zj),
            "pValue": num(two_sided_p(zj)),
        })
    return {
        "subjects": N,
        "raters": n,
        "observedAgreement": num(P_bar),
        "expectedAgreement": num(P_e),
        "kappa": num(kappa),
        "standardError": num(se0),
        "z": num(z),
        "pValue": num(two_sided_p(z)),
        "lowerBound": num(kappa - c * se0),
        "upperBound": num(kappa + c * se0),
        "categories": categories,
    }


# --------------------------------------------------------------------------- Cohen


def cohen(table, level=0.95):
    t = np.asarray(table, dtype=float)
    k = t.shape[0]
    assert t.shape == (k, k) and k >= 2
    N = t.sum()
    p = t / N
    r = p.sum(axis=1)  # first rater (rows)
    c = p.sum(axis=0)  # second rater (columns)
    po = float(np.trace(p))
    pe = float((r * c).sum())
    kappa = (po - pe) / (1.0 - pe)

    # Fleiss, Cohen & Everitt (1969), non-null variance
    diag = sum(p[i, i] * ((1 - pe) - (r[i] + c[i]) * (1 - po)) ** 2 for i in range(k))
    off = sum(p[i, j] * (c[i] + r[j]) ** 2 for i in range(k) for j in range(k) if i != j)
    var = (diag + (1 - po) ** 2 * off - (po * pe - 2 * pe + po) ** 2) / (N * (1 - pe) ** 4)
    # Fleiss, Cohen & Everitt (1969), variance under H0
    diag0 = sum(r[i] * c[i] * (1 - (c[i] + r[i])) ** 2 for i in range(k))
    off0 = sum(r[i] * c[j] * (c[i] + r[j]) ** 2 for i in range(k) for j in range(k) if i != j)
    var0 = (diag0 + off0 - pe ** 2) / (N * (1 - pe) ** 2)

    ase = math.sqrt(max(var, 0.0))
    ase0 = math.sqrt(max(var0, 0.0))
    z = kappa / ase0
    crit = critical_value(level)

    if sm_ir is not None:
        res = sm_ir.cohens_kappa(t)  # its interval is always the 95% one
        assert close(res.kappa, kappa)
        assert close(res.std_kappa, ase), (res.std_kappa, ase)
        assert close(res.std_kappa0, ase0), (res.std_kappa0, ase0)
        if level == 0.95:
            assert close(res.kappa_low, kappa - crit * ase)
            assert close(res.kappa_upp, kappa + crit * ase)
        assert close(res.pvalue_two_sided, two_sided_p(z), rel=1e-10, abs_=0)

    return {
        "subjects": int(N),
        "observedAgreement": num(po),
        "expectedAgreement": num(pe),
        "kappa": num(kappa),
        "standardError": num(ase),
        "lowerBound": num(kappa - crit * ase),
        "upperBound": num(kappa + crit * ase),
        "nullStandardError": num(ase0),
        "z": num(z),
        "pValue": num(two_sided_p(z)),
    }


# --------------------------------------------------------------------------- data

DIAGNOSES = """
4 4 4 4 4 4
2 2 2 5 5 5
2 3 3 3 3 5
5 5 5 5 5 5
2 2 2 4 4 4
1 1 3 3 3 3
3 3 3 3 5 5
1 1 3 3 3 4
1 1 4 4 4 4
5 5 5 5 5 5
1 4 4 4 4 4
1 2 4 4 4 4
2 2 2 3 3 3
1 4 4 4 4 4
2 2 4 4 4 5
3 3 3 3 3 5
1 1 1 4 5 5
1 1 1 1 1 2
2 2 4 4 4 4
1 3 3 5 5 5
5 5 5 5 5 5
2 4 4 4 4 4
2 2 4 5 5 5
1 1 4 4 4 4
1 4 4 4 4 5
2 2 2 2 2 4
1 1 1 1 5 5
2 2 4 4 4 4
1 3 3 3 3 3
5 5 5 5 5 5
"""

# Count table printed in the reference notes (Dep, PD, Sch, Neu, Oth).
DIAGNOSES_COUNTS = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]
DIAGNOSIS_NAMES = ["Depression", "Personality Disorder", "Schizophrenia", "Neurosis", "Other"]

WIKIPEDIA = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


def fleiss_cases(rng):
    cases = []
    ratings = [line.split() for line in DIAGNOSES.strip().splitlines()]
    labels, counts = aggregate(ratings)
    assert labels == ["1", "2", "3", "4", "5"]
    assert counts.tolist() == DIAGNOSES_COUNTS

    cases.append({
        "name": "Fleiss 1971 diagnoses, raw ratings (30 patients x 6 raters)",
        "source": "Fleiss (1971) Psychol Bull 76:378; R irr dataset `diagnoses`; published kappa .430",
        "ratings": ratings,
        "categoryLabels": labels,
        "counts": counts.tolist(),
        "confidenceLevel": 0.95,
        "expected": fleiss(counts),
    })
    cases.append({
        "name": "Fleiss 1971 diagnoses, count table with diagnosis names",
        "source": "Fleiss (1971) Psychol Bull 76:378",
        "categoryLabels": DIAGNOSIS_NAMES,
        "counts": DIAGNOSES_COUNTS,
        "confidenceLevel": 0.95,
        "expected": fleiss(DIAGNOSES_COUNTS),
    })
    first15 = ratings[:15]
    l15, c15 = aggregate(first15)
    cases.append({
        "name": "Fleiss 1971 diagnoses, first 15 patients (irrCAC distrib.6raters)",
        "source": "irrCAC distrib.6raters; notes: kappa 0.41393, P 0.551111, Pe 0.234074",
        "ratings": first15,
        "categoryLabels": l15,
        "counts": c15.tolist(),
        "confidenceLevel": 0.95,
        "expected": fleiss(c15),
    })
    r13 = [row[:3] for row in ratings]
    l13, c13 = aggregate(r13)
    cases.append({
        "name": "Fleiss 1971 diagnoses, raters 1-3 only",
        "source": "irr::kappam.fleiss(diagnoses[, 1:3]): Kappa = 0.534, z = 9.89",
        "ratings": r13,
        "categoryLabels": l13,
        "counts": c13.tolist(),
        "confidenceLevel": 0.95,
        "expected": fleiss(c13),
    })
    cases.append({
        "name": "Wikipedia Fleiss' kappa example (10 subjects x 14 raters)",
        "source": "Wikipedia 'Fleiss' kappa'; MATLAB fleiss.m example; published kappa 0.210",
        "categoryLabels": None,
        "counts": WIKIPEDIA,
        "confidenceLevel": 0.95,
        "expected": fleiss(WIKIPEDIA),
    })

    levels = [0.95, 0.90, 0.99, 0.80]
    generated = 0
    attempt = 0
    while generated < 12:
        attempt += 1
        N = int(rng.integers(3, 41))
        n = int(rng.integers(2, 10))
        k = int(rng.integers(2, 7))
        if generated == 0:
            n = 2  # two raters: Fleiss' kappa is Scott's pi
        if generated == 1:
            N = 250  # many subjects: a tiny p-value
        base = rng.dirichlet(np.ones(k))
        concentration = float(rng.choice([0.3, 1.0, 5.0]))
        table = np.array([rng.multinomial(n, rng.dirichlet(concentration * base * k + 1e-3))
                          for _ in range(N)])
        if generated == 2:
            # a category nobody used: its per-category kappa is undefined (NaN -> null)
            table = np.insert(table, int(rng.integers(0, k + 1)), 0, axis=1)
        sums = table.sum(axis=0)
        if (sums == N * n).any():
            continue  # kappa undefined
        if generated != 2 and (sums == 0).any():
            continue
        level = levels[generated % len(levels)]
        cases.append({
            "name": f"random Fleiss table {generated + 1} ({N} subjects, {n} raters, {table.shape[1]} categories)",
            "source": f"numpy default_rng({SEED})",
            "categoryLabels": None,
            "counts": table.tolist(),
            "confidenceLevel": level,
            "expected": fleiss(table, level),
        })
        generated += 1
    return cases


def cohen_cases(rng):
    cases = []
    grant = [[20, 5], [10, 15]]
    cases.append({
        "name": "Wikipedia grant proposals (50 proposals, readers A x B)",
        "source": "Wikipedia 'Cohen's kappa'; kappa 0.40; statsmodels ASE 0.1270, CI 0.1511-0.6489",
        "categoryLabels": ["Yes", "No"],
        "table": grant,
        "confidenceLevel": 0.95,
        "expected": cohen(grant),
    })
    # the same table as raw labels, to exercise the cross-table builder
    first = ["Yes"] * 25 + ["No"] * 25
    second = ["Yes"] * 20 + ["No"] * 5 + ["Yes"] * 10 + ["No"] * 15
    labels, t = cross_table(first, second)
    assert labels == ["No", "Yes"] and t.tolist() == [[15, 10], [5, 20]]
    cases.append({
        "name": "Wikipedia grant proposals as raw labels",
        "source": "as above; labels sort to No, Yes",
        "first": first,
        "second": second,
        "categoryLabels": labels,
        "table": t.tolist(),
        "confidenceLevel": 0.95,
        "expected": cohen(t),
    })
    for table, published in (([[45, 15], [25, 15]], "0.1304"), ([[25, 35], [5, 35]], "0.2593")):
        cases.append({
            "name": f"same p_o = 0.60, different marginals {table}",
            "source": f"Wikipedia 'Cohen's kappa' marginals example; kappa {published}",
            "categoryLabels": None,
            "table": table,
            "confidenceLevel": 0.95,
            "expected": cohen(table),
        })

    levels = [0.95, 0.90, 0.99]
    generated = 0
    while generated < 10:
        k = int(rng.integers(2, 6))
        N = int(rng.integers(10, 201))
        agreement = float(rng.uniform(0.2, 0.9))
        probs = np.full((k, k), (1 - agreement) / (k * k - k))
        probs[np.diag_indices(k)] = agreement / k
        probs *= rng.uniform(0.3, 1.7, size=(k, k))
        probs /= probs.sum()
        table = rng.multinomial(N, probs.ravel()).reshape(k, k)
        rows, cols = table.sum(axis=1), table.sum(axis=0)
        if ((rows == N) & (cols == N)).any():
            continue
        if (rows == N).any() or (cols == N).any():
            continue  # null SE would be zero
        level = levels[generated % len(levels)]
        cases.append({
            "name": f"random Cohen table {generated + 1} ({N} subjects, {k} categories)",
            "source": f"numpy default_rng({SEED})",
            "categoryLabels": None,
            "table": table.tolist(),
            "confidenceLevel": level,
            "expected": cohen(table, level),
        })
        generated += 1
    return cases


def normal_values():
    xs = [-37.0, -20.0, -8.0, -5.0, -3.0, -1.959963984540054, -1.0, -0.25, 0.0,
          0.5, 1.0, 1.6448536269514722, 1.96, 2.5758293035489004, 4.0, 6.0]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1,
          0.3, 0.5, 0.7, 0.9, 0.95, 0.97575, 0.975, 0.99, 0.995, 0.999, 1 - 1e-10]
    return {
        "source": "scipy.stats.norm.cdf / norm.sf / norm.ppf",
        "cdf": [{"x": x, "cdf": float(norm.cdf(x)), "survival": float(norm.sf(x))} for x in xs],
        "quantile": [{"p": p, "quantile": float(norm.ppf(p))} for p in ps],
    }


def main():
    rng = np.random.default_rng(SEED)
    data = {
        "generator": "Tests/ReviewKitTests/Statistics/reference_kappa.py",
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": __import__("scipy").__version__,
            "statsmodels": None if sm_ir is None else __import__("statsmodels").__version__,
        },
        "seed": SEED,
        "fleiss": fleiss_cases(rng),
        "cohen": cohen_cases(rng),
        "normal": normal_values(),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"wrote {OUTPUT}: {len(data['fleiss'])} Fleiss cases, {len(data['cohen'])} Cohen cases")


if __name__ == "__main__":
    main()
