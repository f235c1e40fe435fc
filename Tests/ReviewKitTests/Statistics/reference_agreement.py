#!/usr/bin/env python3
"""Independent reference values for the agreement coefficients of two or more raters.

Writes Fixtures/agreement-reference.json (next to this script). The Swift tests in
this folder load that file; they never run this script. Run it by hand after
changing the cases, and commit the regenerated JSON:

    pip install numpy scipy pandas statsmodels irrcac krippendorff
    python3 reference_agreement.py

Where each expected figure comes from (none of it shares code with the Swift side):

* Gwet's AC1, Fleiss' kappa (Gwet's generalisation to missing ratings), Conger's
  kappa and Brennan-Prediger: the `irrcac` package (irrCAC.raw.CAC), run with
  digits=15 on the ratings after this script's own clean-up (trim, lowercase).
* Krippendorff's alpha (nominal, ordinal, interval): the `krippendorff` package
  (Castro's fast implementation of Krippendorff 2011); asserted equal to irrCAC's
  alpha (with Krippendorff's squared distances as weights). Its standard error
  follows R irrCAC's krippen.alpha.raw (centred on alpha', pa_i corrected with
  pa', t interval with n0 - 1 df), which this script codes itself in numpy,
  because the Python port of irrCAC uses pa instead of pa' there (it prints SE
  0.14557 on Gwet's 4-rater example where R irrCAC, and Gwet's book, print 0.14548).
* Percent agreement: R irrCAC's pa.coeff.raw, coded here (irrcac has no pa).
* Two raters: statsmodels cohens_kappa (plain, linear and quadratic weights) and
  irrCAC.table.CAC (pa2, scott, gwet, bp, krippendorff) on cross tables.
* Classic Fleiss on complete subjects: statsmodels fleiss_kappa.
* Huge counts: exact rational arithmetic (fractions.Fraction).
* Student t quantiles and CDF: mpmath (40 digits, regularized incomplete beta).
  scipy 1.12's t.ppf is off by up to 2e-9 (relative), so the intervals of
  irrCAC (which uses it) are rebuilt from irrCAC's value and SE with these
  quantiles: value -/+ t(1 - alpha/2, df) * SE, upper bound capped at 1.

The random tables are what a reviewer's export looks like: an identifier column
(recognised by its header or by unique values), sometimes a Title column,
rater columns with missing cells, labels in mixed case with stray spaces, rows
without any rating, rater columns without any rating, skewed and degenerate
distributions. The generator knows which columns are raters, so the expected
columns are ground truth, not a second implementation of the detection rule.
"""

import json
import math
import pathlib
import random
from fractions import Fraction

import numpy as np
import pandas as pd
import scipy
import statsmodels
import krippendorff
import mpmath
import irrCAC
from irrCAC.raw import CAC
from irrCAC.table import CAC as TableCAC
from scipy import stats
from statsmodels.stats import inter_rater as smir

SEED = 20250612
HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = HERE / "Fixtures" / "agreement-reference.json"


def num(x):
    """A finite float for JSON, or None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# --------------------------------------------------------------------------- coefficients


mpmath.mp.dps = 40
_T_CACHE = {}


def t_cdf(t, df):
    """P(T <= t) to 40 digits."""
    t, df = mpmath.mpf(t), mpmath.mpf(df)
    tail = mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    return tail if t < 0 else 1 - tail


def t_ppf(p, df):
    """The t quantile to double precision (root of the 40-digit CDF, started from scipy)."""
    key = (p, df)
    if key not in _T_CACHE:
        if p == 0.5:
            _T_CACHE[key] = 0.0
        else:
            start = mpmath.mpf(stats.t.ppf(p, df))
            root = mpmath.findroot(lambda t: t_cdf(t, df) - p, (start * (1 - mpmath.mpf(10) ** -6), start))
            _T_CACHE[key] = float(root)
    return _T_CACHE[key]


def t_interval(value, se, df, level):
    t = t_ppf(1 - (1 - level) / 2, df)
    return value - t * se, min(1.0, value + t * se)


def irrcac_estimate(cac, method, level):
    est = getattr(cac, method)()["est"]
    value = float(est["coefficient_value"])
    se = float(est["se"])
    if se == 1e-15:  # irrCAC's stand-in for a zero standard error
        se = 0.0
    lower, upper = t_interval(value, se, cac.n - 1, level)
    assert abs(lower - float(est["confidence_interval"][0])) < 1e-6 * max(1, abs(se))
    return {"value": value, "pa": float(est["pa"]), "pe": float(est["pe"]), "se": se,
            "lower": lower, "upper": upper}


def percent_agreement(codes, q, level):
    """R irrCAC pa.coeff.raw on a units x raters array of codes (nan = missing)."""
    counts = np.array([[np.sum(row == k) for k in range(q)] for row in codes], dtype=float)
    ri = counts.sum(axis=1)
    n = len(ri)
    n2 = int((ri >= 2).sum())
    sum_q = (counts * (counts - 1)).sum(axis=1)
    pa = float(np.sum(sum_q[ri >= 2] / (ri * (ri - 1))[ri >= 2]) / n2)
    den = ri * (ri - 1)
    den = den - (den == 0)
    pa_i = (n / n2) * (sum_q / den)
    if n < 2:
        return {"value": pa, "pa": pa, "pe": 0.0, "se": None, "lower": None, "upper": None}
    se = math.sqrt(np.sum((pa_i - pa) ** 2) / (n * (n - 1)))
    lower, upper = t_interval(pa, se, n - 1, level)
    return {"value": pa, "pa": pa, "pe": 0.0, "se": se, "lower": lower, "upper": upper}


def krippendorff_delta(codes, q, metric, values):
    """Krippendorff's squared distances over the q categories (ordinal from pairable value totals)."""
    pairable = codes[(~np.isnan(codes)).sum(axis=1) >= 2]
    flat = pairable[~np.isnan(pairable)]
    ng = np.array([np.sum(flat == k) for k in range(q)], dtype=float)
    d = np.zeros((q, q))
    for c in range(q):
        for k in range(q):
            if c == k:
                continue
            if metric == "nominal":
                d[c, k] = 1.0
            elif metric == "ordinal":
                lo, hi = min(c, k), max(c, k)
                d[c, k] = (ng[lo:hi + 1].sum() - (ng[c] + ng[k]) / 2) ** 2
            else:
                d[c, k] = (values[c] - values[k]) ** 2
    return d


def krippendorff_estimate(codes, q, metric, values, level):
    rel = codes.T  # raters x units
    level_name = {"nominal": "nominal", "ordinal": "ordinal", "interval": "interval"}[metric]
    domain = list(range(q)) if metric != "interval" else list(values)
    data = rel if metric != "interval" else np.where(np.isnan(rel), np.nan,
                                                      np.take(values, np.nan_to_num(rel).astype(int)))
    alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level_name,
                                     value_domain=domain))
    # R irrCAC krippen.alpha.raw with w = 1 - delta/max(delta).
    d = krippendorff_delta(codes, q, metric, values)
    w = 1 - d / d.max()
    counts = np.array([[np.sum(row == k) for k in range(q)] for row in codes], dtype=float)
    n0 = len(counts)
    ri_all = counts.sum(axis=1)
    agree = counts[ri_all >= 2]
    ri = ri_all[ri_all >= 2]
    n = len(ri)
    rbar = ri.mean()
    eps = 1 / ri.sum()
    agree_w = agree @ w.T
    sum_q = (agree * (agree_w - 1)).sum(axis=1)
    pa_prime = np.sum(sum_q / (rbar * (ri - 1))) / n
    pa = (1 - eps) * pa_prime + eps
    pi = (agree / rbar).sum(axis=0) / n
    pe = float(pi @ w @ pi)
    alpha_irr = (pa - pe) / (1 - pe)
    assert abs(alpha_irr - alpha) < 1e-10, (alpha_irr, alpha)
    if metric == "nominal" and n >= 2:
        cross = CAC(pd.DataFrame(codes), categories=list(range(q)), digits=15).krippendorff()["est"]
        assert abs(float(cross["coefficient_value"]) - alpha) < 1e-12
    alpha_prime = (pa_prime - pe) / (1 - pe)
    pa_i = sum_q / (rbar * (ri - 1)) - pa_prime * (ri - rbar) / rbar
    k_i = (pa_i - pe) / (1 - pe)
    pi_w = (w @ pi + w.T @ pi) / 2
    pe_i = (agree @ pi_w) / rbar - pe * (ri - rbar) / rbar
    k_x = k_i - 2 * (1 - alpha_prime) * (pe_i - pe) / (1 - pe)
    result = {"value": alpha, "pa": float(pa), "pe": pe, "se": None, "lower": None, "upper": None,
              "units": int(n), "ratings": int(ri.sum())}
    if n >= 2:
        se = math.sqrt(np.sum((k_x - alpha_prime) ** 2) / (n * (n - 1)))
        lower, upper = t_interval(alpha, se, n0 - 1, level)
        result.update(se=se, lower=lower, upper=upper, df=n0 - 1)
    return result


def one_unit_value(codes, q, coefficient):
    """Gwet's (2014) point formulas for a single unit, where irrCAC divides by n(n - 1) = 0."""
    row = codes[0]
    rated = row[~np.isnan(row)]
    r = len(rated)
    counts = np.array([np.sum(rated == k) for k in range(q)], dtype=float)
    pa = float(np.sum(counts * (counts - 1)) / (r * (r - 1)))
    pi = counts / r
    if coefficient == "fleiss_kappa":
        pe = float(np.sum(pi ** 2))
    elif coefficient == "gwet_ac1":
        pe = float(np.sum(pi * (1 - pi)) / (q - 1))
    elif coefficient == "brennan_prediger":
        pe = 1 / q
    else:  # Conger: each rater's own proportions are 0 or 1 on one unit
        raters = [np.eye(q)[int(x)] for x in rated]
        pgk = np.array(raters)
        mean = pgk.mean(axis=0)
        s2 = (pgk.T @ pgk - len(raters) * np.outer(mean, mean)) / (len(raters) - 1)
        pe = float(np.trace(np.outer(mean, mean) - s2 / len(raters)))
        if codes.shape[1] != r:
            return None  # a rater without a rating: Conger's marginals are undefined (not generated)
    return {"value": (pa - pe) / (1 - pe), "pa": pa, "pe": pe, "se": None, "lower": None, "upper": None}


def family(codes, q, used, values, ordered, level):
    """Every coefficient on a units x raters array of category codes 0..q-1 (nan = missing)."""
    n_units = len(codes)
    ri = (~np.isnan(codes)).sum(axis=1)
    n2 = int((ri >= 2).sum())
    total = int(ri.sum())
    out = []

    def add(coefficient, metric, result, units=n_units, ratings=total, df=n_units - 1):
        entry = {"coefficient": coefficient, "metric": metric, "units": units, "ratings": ratings}
        if result is None:
            entry["value"] = None
        else:
            entry.update({k: num(v) for k, v in result.items() if k in ("value", "pa", "pe", "se", "lower", "upper")})
            entry["df"] = result.get("df", df) if entry.get("se") is not None else None
        out.append(entry)

    if n2 == 0:
        for c in ("percent_agreement", "fleiss_kappa", "conger_kappa", "gwet_ac1", "brennan_prediger"):
            add(c, "nominal", None)
        add("krippendorff_alpha", "nominal", None, units=0, ratings=0)
        return out
    add("percent_agreement", "nominal", percent_agreement(codes, q, level))
    frame = pd.DataFrame(codes)
    cac = CAC(frame, categories=list(range(q)), digits=15, confidence_level=level)
    single_n = n_units < 2
    for coefficient, method, needs_variety in (("fleiss_kappa", "fleiss", True), ("conger_kappa", "conger", True),
                                              ("gwet_ac1", "gwet", False), ("brennan_prediger", "bp", False)):
        if (used if needs_variety else q) < 2:
            add(coefficient, "nominal", None)
            continue
        if single_n:
            result = one_unit_value(codes, q, coefficient)
        else:
            result = irrcac_estimate(cac, method, level)
        add(coefficient, "nominal", result)
    metrics = ["nominal"] + (["ordinal"] if ordered else []) + (["interval"] if ordered and values is not None else [])
    pair_rows = codes[ri >= 2]
    pair_flat = pair_rows[~np.isnan(pair_rows)]
    for metric in metrics:
        if len(set(pair_flat.tolist())) < 2:
            add("krippendorff_alpha", metric, None, units=n2, ratings=int(ri[ri >= 2].sum()))
            continue
        result = krippendorff_estimate(codes, q, metric, values, level)
        add("krippendorff_alpha", metric, result, units=result["units"], ratings=result["ratings"])
    return out


def cohen_family(codes, q, ordered, level):
    """Cohen's kappa (plain and, on an ordered scale, weighted) on units rated by both raters."""
    both = codes[~np.isnan(codes).any(axis=1)].astype(int)
    out = []
    n = len(both)
    if n == 0:
        for metric in ["nominal"] + (["linear", "quadratic"] if ordered else []):
            out.append({"coefficient": "cohen_kappa", "metric": metric, "units": 0, "ratings": 0, "value": None})
        return out
    full = np.zeros((q, q), dtype=int)
    for a, b in both:
        full[a, b] += 1
    used = sorted(set(both.flatten().tolist()))
    table = full[np.ix_(used, used)]

    def entry(metric, res):
        value = float(res.kappa)
        z = stats.norm.ppf(1 - (1 - level) / 2)
        # var_kappa is exactly 0 when one rater used one category; rounding can make it -1e-18.
        se = math.sqrt(max(float(res.var_kappa), 0.0))
        return {"coefficient": "cohen_kappa", "metric": metric, "units": n, "ratings": 2 * n, "value": value,
                "pa": None, "pe": None, "se": se, "lower": value - z * se, "upper": value + z * se, "df": None}

    if len(used) < 2:
        out.append({"coefficient": "cohen_kappa", "metric": "nominal", "units": n, "ratings": 2 * n, "value": None})
    else:
        out.append(entry("nominal", smir.cohens_kappa(table)))
    if ordered:
        for metric in ("linear", "quadratic"):
            rows, cols = full.sum(axis=1) / n, full.sum(axis=0) / n
            idx = np.arange(q)
            dist = np.abs(idx[:, None] - idx[None, :]) / (q - 1)
            w = 1 - dist if metric == "linear" else 1 - dist ** 2
            if float(np.sum(w * np.outer(rows, cols))) >= 1:
                out.append({"coefficient": "cohen_kappa", "metric": metric, "units": n, "ratings": 2 * n, "value": None})
                continue
            res = smir.cohens_kappa(full, wt=metric)
            out.append(entry(metric, res))
    return out


# --------------------------------------------------------------------------- random tables

VOCABULARIES = [
    ["include", "maybe", "exclude"],
    ["yes", "can't tell", "no"],
    ["1", "2", "3", "4", "5"],
    ["barrier", "facilitator"],
    ["a", "b", "c", "d", "e", "f", "g", "h"],
    ["Capability", "Opportunity", "Motivation"],
]
ID_HEADERS = ["record_id", "Covidence #", "ID", "study", "item", "Study ID", "key"]


def spell(label, rng, messy):
    """A label as a person might type it: case changed, stray spaces."""
    if not messy:
        return label
    roll = rng.random()
    if roll < 0.2:
        label = label.upper()
    elif roll < 0.4:
        label = label.title()
    elif roll < 0.5:
        label = label.lower()
    if rng.random() < 0.15:
        label = " " + label
    if rng.random() < 0.15:
        label = label + "  "
    return label


def random_case(index, rng):
    vocabulary = list(rng.choice(VOCABULARIES))
    numeric = all(v.isdigit() for v in vocabulary)
    q = len(vocabulary)
    raters = rng.choice([2, 2, 3, 3, 4, 5, 7, 12])
    units = rng.choice([1, 2, 3, 5, 12, 25, 40, 80, 300])
    messy = rng.random() < 0.7
    missing = rng.choice([0.0, 0.0, 0.1, 0.3, 0.6])
    agree = rng.random()
    skew = rng.random() < 0.3
    declared = None
    if rng.random() < 0.3:
        declared = list(vocabulary)
        if rng.random() < 0.5:
            declared.append("unused " + str(index))  # a category nobody uses
    ordered = (declared is not None or numeric) and rng.random() < 0.6
    degenerate = rng.random()
    weights = [8.0] + [1.0] * (q - 1) if skew else [1.0] * q
    weights = np.array(weights) / sum(weights)

    grid = []
    for u in range(units):
        truth = int(np.random.default_rng(rng.randrange(1 << 30)).choice(q, p=weights))
        row = []
        for r in range(raters):
            if degenerate < 0.05:
                k = 0  # everyone uses one category
            elif degenerate < 0.08 and u == 0 and r == 0:
                k = 1  # one value differs from all the others
            elif degenerate < 0.08:
                k = 0
            else:
                k = truth if rng.random() < agree else rng.randrange(q)
            row.append(None if rng.random() < missing else k)
        grid.append(row)
    if units > 3 and rng.random() < 0.3:
        for r in range(raters):
            grid[rng.randrange(units)][r] = None  # a row may end up empty
        grid[rng.randrange(units)] = [None] * raters
    empty_rater = raters > 2 and rng.random() < 0.1
    if empty_rater:
        for row in grid:
            row[-1] = None

    # Columns: optional identifier (by header or by values), optional Title, raters, optional junk.
    header = []
    columns = []  # per column: ("id", values) / ("title", values) / ("rater", r) / ("junk", values)
    id_style = rng.choice(["header", "header", "values", "none"])
    if id_style == "header":
        header.append(rng.choice(ID_HEADERS))
        columns.append(("id", [str(1000 + u) for u in range(units)]))
    elif id_style == "values" and units >= 25:
        header.append("code")
        columns.append(("id", ["R%04d" % (u + 1) for u in range(units)]))
    if id_style != "none" and rng.random() < 0.3:
        header.append("Title")
        columns.append(("title", ["Paper %d on topic %s" % (u, rng.choice("xyz")) for u in range(units)]))
    rater_names = [rng.choice(["rater_", "Reviewer ", "coder"]) + chr(65 + r) for r in range(raters)]
    if len(set(rater_names)) < raters:
        rater_names = ["rater_%d" % (r + 1) for r in range(raters)]
    for r in range(raters):
        header.append(rater_names[r])
        columns.append(("rater", r))
    explicit = None
    if rng.random() < 0.15:
        header.append("notes")
        columns.append(("junk", ["n%d" % u for u in range(units)]))
        explicit = rater_names[:]  # choose the raters explicitly; 'notes' is ignored

    rows = []
    for u in range(units):
        row = []
        for kind, payload in columns:
            if kind == "rater":
                k = grid[u][payload]
                row.append("" if k is None else spell(vocabulary[k], rng, messy))
            elif kind == "junk" or kind == "title" or kind == "id":
                row.append(payload[u])
        if rng.random() < 0.05:
            row = row + [""]  # a trailing empty cell beyond the header is harmless
        rows.append(row)

    case = {"name": f"random table {index + 1} ({units} units, {raters} raters, {q} categories"
                    + (", messy labels" if messy else "") + (f", {int(missing * 100)}% missing" if missing else "")
                    + ")",
            "header": header, "rows": rows,
            "raters": explicit, "categories": declared, "ordered_scale": bool(ordered)}

    # Expected, from the generator's own knowledge of the columns.
    categories = declared if declared is not None else vocabulary
    keep = [r for r in range(raters) if any(grid[u][r] is not None for u in range(units))]
    rater_columns = [i + 1 for i, (kind, payload) in enumerate(columns) if kind == "rater" and payload in keep]
    nonempty_units = [u for u in range(units) if any(grid[u][r] is not None for r in keep)]
    if len(keep) < 2 or not nonempty_units:
        case["expected"] = {"refusal": "no ratings" if not keep or not nonempty_units else "at least two raters"}
        return case
    used_codes = sorted({grid[u][r] for u in nonempty_units for r in keep if grid[u][r] is not None})
    if declared is None:
        # Only used categories exist; re-code them 0..q'-1 in vocabulary order (numeric or case-folded text).
        labels = [vocabulary[k] for k in used_codes]
        order = sorted(range(len(labels)), key=lambda i: (float(labels[i]), labels[i]) if numeric else (labels[i].lower(), labels[i]))
        labels = [labels[i] for i in order]
        recode = {used_codes[i]: j for j, i in enumerate(order)}
    else:
        labels = declared
        recode = {k: k for k in range(q)}
    qq = len(labels)
    codes = np.array([[np.nan if grid[u][r] is None else recode[grid[u][r]] for r in keep] for u in nonempty_units],
                     dtype=float)
    values = [float(x) for x in labels] if all(_is_number(x) for x in labels) else None
    level = 0.95
    estimates = family(codes, qq, len(used_codes), values, ordered, level)
    if len(keep) == 2:
        estimates = estimates[:1] + cohen_family(codes, qq, ordered, level) + estimates[1:]
    # Classic Fleiss on the subjects with the most ratings.
    ri = (~np.isnan(codes)).sum(axis=1)
    most = int(ri.max())
    classic = None
    if most >= 2:
        complete = codes[ri == most]
        counts = np.array([[np.sum(row == k) for k in range(qq)] for row in complete])
        counts = counts[:, counts.sum(axis=0) > 0]
        value = None
        if counts.shape[1] >= 2:
            value = float(smir.fleiss_kappa(counts, method="fleiss"))
        classic = {"subjects": int(len(complete)), "dropped": int(len(codes) - len(complete)),
                   "ratings_per_subject": most, "kappa": num(value)}
    case["expected"] = {
        "rater_columns": rater_columns,
        "categories": [x.lower() for x in labels],
        "units": len(nonempty_units),
        "ratings": int(ri.sum()),
        "estimates": estimates,
        "classic_fleiss": classic,
    }
    return case


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


# --------------------------------------------------------------------------- two-rater tables


def scalar(x):
    """A float from a number or a one-element array (irrCAC returns both)."""
    return float(np.asarray(x).reshape(-1)[0])


def table_case(name, table, level=0.95):
    t = np.array(table)
    frame = pd.DataFrame(t)
    cac = TableCAC(frame, digits=15, confidence_level=level)
    out = []
    n = int(t.sum())
    for coefficient, method in (("percent_agreement", "pa2"), ("scott_pi", "scott"), ("gwet_ac1", "gwet"),
                                ("brennan_prediger", "bp"), ("krippendorff_alpha", "krippendorff")):
        est = getattr(cac, method)()["est"]
        value, se = scalar(est["coefficient_value"]), scalar(est["se"])
        lower, upper = t_interval(value, se, n - 1, level)
        assert abs(lower - scalar(est["confidence_interval"][0])) < 1e-6
        out.append({"coefficient": coefficient, "value": value, "se": se, "lower": lower, "upper": upper})
    cohen = smir.cohens_kappa(t)
    out.append({"coefficient": "cohen_kappa", "value": float(cohen.kappa), "se": float(cohen.std_kappa)})
    weighted = {}
    for wt in ("linear", "quadratic"):
        res = smir.cohens_kappa(t, wt=wt)
        weighted[wt] = {"value": float(res.kappa), "se": float(res.std_kappa), "se0": float(res.std_kappa0)}
    return {"name": name, "table": table, "estimates": out, "weighted": weighted}


def table_cases(rng):
    cases = [table_case("irrCAC cont3x3abstractors (Gwet 2014)", [[13, 0, 0], [0, 20, 7], [0, 4, 56]]),
             table_case("grant proposals (Wikipedia, Cohen's kappa)", [[20, 5], [10, 15]]),
             table_case("kappa paradox: skewed, 90% agreement", [[85, 5], [5, 5]]),
             table_case("kappa paradox: balanced, 90% agreement", [[45, 5], [5, 45]])]
    while len(cases) < 16:
        k = rng.choice([2, 3, 4, 5])
        t = [[rng.randrange(0, 30) if i != j else rng.randrange(5, 60) for j in range(k)] for i in range(k)]
        if sum(map(sum, t)) < 2:
            continue
        cases.append(table_case(f"random cross table {len(cases) - 3} ({k} categories)", t))
    return cases


# --------------------------------------------------------------------------- huge counts


def exact_fleiss(counts):
    N = len(counts)
    n = sum(counts[0])
    total = N * n
    p = [Fraction(sum(row[j] for row in counts), total) for j in range(len(counts[0]))]
    P = sum(Fraction(sum(x * (x - 1) for x in row), n * (n - 1)) for row in counts) / N
    Pe = sum(x * x for x in p)
    return (P - Pe) / (1 - Pe)


def exact_cohen(table):
    N = sum(map(sum, table))
    k = len(table)
    po = Fraction(sum(table[i][i] for i in range(k)), N)
    pe = sum(Fraction(sum(table[i]), N) * Fraction(sum(row[i] for row in table), N) for i in range(k))
    return (po - pe) / (1 - pe)


def huge_cases():
    fleiss = [[99999999999, 1], [1, 99999999999]]
    fleiss3 = [[3000000000000, 1000000000000, 0], [0, 2000000000000, 2000000000000], [4000000000000, 0, 0]]
    cohen = [[9254775807, 3], [2, 5]]
    cohen_big = [[2 ** 50, 2 ** 49], [2 ** 48, 2 ** 50]]
    return [
        {"name": "issue 9: Fleiss counts 99999999999,1; 1,99999999999", "kind": "fleiss", "counts": fleiss,
         "kappa": float(exact_fleiss(fleiss))},
        {"name": "Fleiss, 4e12 ratings per subject", "kind": "fleiss", "counts": fleiss3, "kappa": float(exact_fleiss(fleiss3))},
        {"name": "issue 9: Cohen counts 9254775807,3;2,5", "kind": "cohen", "counts": cohen, "kappa": float(exact_cohen(cohen))},
        {"name": "Cohen, about 2^51 subjects", "kind": "cohen", "counts": cohen_big, "kappa": float(exact_cohen(cohen_big))},
    ]


# --------------------------------------------------------------------------- the shipped example

SCREENING = HERE.parents[2] / "sessions" / "screening.csv"


def screening_rows():
    """The CONSTRUCTED screening example shipped as sessions/screening.csv (not the review's data):
    60 records, three reviewers, include / maybe / exclude, a few cells left blank (records a reviewer
    did not screen) and a few labels typed with capitals or a trailing space."""
    rng = random.Random(20250613)
    decisions = ["include", "maybe", "exclude"]
    rows = [["record_id", "reviewer_A", "reviewer_B", "reviewer_C"]]
    for record in range(1, 61):
        truth = rng.choices(decisions, weights=[25, 15, 60])[0]
        row = ["EX-%02d" % record]
        for reviewer in range(3):
            if rng.random() < 0.82:
                decision = truth
            else:
                decision = rng.choice([d for d in decisions if d != truth])
            row.append(decision)
        rows.append(row)
    for record, reviewer in ((7, 3), (19, 2), (33, 3), (52, 1)):
        rows[record][reviewer] = ""
    rows[4][1] = "Include"
    rows[11][2] = "Exclude "
    rows[27][3] = "MAYBE"
    return rows


def screening_case():
    rows = screening_rows()
    text = "".join(",".join(row) + "\n" for row in rows)
    if SCREENING.exists():
        assert SCREENING.read_text(encoding="utf-8") == text, "sessions/screening.csv differs from its generator"
    else:
        SCREENING.write_text(text, encoding="utf-8")
    header, body = rows[0], rows[1:]
    return cells_case("sessions/screening.csv (constructed example)", header, body, [2, 3, 4], None, False)


def cells_case(name, header, body, rater_columns, declared, ordered):
    """Expected figures for a table given as cells, the rater columns (1-based) known, labels folded here."""
    labels_seen = {}
    for row in body:
        for c in rater_columns:
            cell = row[c - 1].strip() if c - 1 < len(row) else ""
            if cell:
                labels_seen.setdefault(cell.lower(), []).append(cell)
    keys = [x.lower() for x in declared] if declared else sorted(labels_seen, key=lambda k: (k, k))
    index = {k: i for i, k in enumerate(keys)}
    grid = [[(row[c - 1].strip().lower() if c - 1 < len(row) else "") for c in rater_columns] for row in body]
    grid = [[index[x] if x else None for x in row] for row in grid]
    units = [row for row in grid if any(x is not None for x in row)]
    codes = np.array([[np.nan if x is None else x for x in row] for row in units], dtype=float)
    used = len({x for row in units for x in row if x is not None})
    estimates = family(codes, len(keys), used, None, ordered, 0.95)
    if len(rater_columns) == 2:
        estimates = estimates[:1] + cohen_family(codes, len(keys), ordered, 0.95) + estimates[1:]
    ri = (~np.isnan(codes)).sum(axis=1)
    most = int(ri.max())
    complete = codes[ri == most]
    counts = np.array([[np.sum(row == k) for k in range(len(keys))] for row in complete])
    counts = counts[:, counts.sum(axis=0) > 0]
    return {"name": name, "header": header, "rows": body, "raters": None, "categories": declared,
            "ordered_scale": ordered,
            "expected": {"rater_columns": rater_columns, "categories": keys, "units": len(units),
                         "ratings": int(ri.sum()), "estimates": estimates,
                         "classic_fleiss": {"subjects": int(len(complete)), "dropped": int(len(codes) - len(complete)),
                                            "ratings_per_subject": most,
                                            "kappa": float(smir.fleiss_kappa(counts, method="fleiss"))}}}


# --------------------------------------------------------------------------- t distribution


def t_values():
    out = []
    for df in (1, 2, 3, 4, 5, 7, 11, 14, 29, 39, 99, 299, 1000, 12345, 99999, 100000, 2000000):
        for p in (0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 1e-3, 1e-8, 0.025):
            out.append({"df": df, "p": p, "quantile": t_ppf(p, df)})
    cdf = []
    for df in (1, 2, 3, 5, 10, 29, 100, 5000):
        for t in (-40.0, -6.0, -2.5, -1.0, -0.01, 0.0, 0.3, 1.7, 3.0, 12.0):
            cdf.append({"df": df, "t": t, "cdf": float(t_cdf(t, df))})
    return {"quantile": out, "cdf": cdf}


def main():
    rng = random.Random(SEED)
    cases = [random_case(i, rng) for i in range(90)] + [screening_case()]
    data = {
        "generator": "Tests/ReviewKitTests/Statistics/reference_agreement.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
                     "statsmodels": statsmodels.__version__, "irrcac": getattr(irrCAC, "__version__", "0.4.4"),
                     "krippendorff": getattr(krippendorff, "__version__", "0.9.0"), "mpmath": mpmath.__version__},
        "seed": SEED,
        "tables": cases,
        "two_rater_tables": table_cases(rng),
        "huge_counts": huge_cases(),
        "t_distribution": t_values(),
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, allow_nan=False, ensure_ascii=False)
        fh.write("\n")
    refusals = sum(1 for c in cases if "refusal" in c["expected"])
    print(f"wrote {OUTPUT} ({len(cases)} tables, {refusals} refusals)")


if __name__ == "__main__":
    main()
