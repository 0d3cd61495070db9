#!/usr/bin/env python3
"""Independent computation of the peers of context.ini (TESTC03 covariates).

Writes expected-peers.csv (the peers file) and expected-context-peers.csv
(period, region_code, peer_value, peer_flag of the benchmark), from the
definitions in METHODS.md with the Python standard library only.
Run from this folder: python3 expected_context.py
"""
import csv
from math import sqrt
from statistics import NormalDist, mean, stdev

Z95 = NormalDist().inv_cdf(0.975)


def fmt(x):
    text = ("%.6f" % x).rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wilson(x, n, z=Z95):
    p = x / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z / d * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (0.0 if x == 0 else max(0, c - h)), (1.0 if x == n else min(1, c + h))


cells = {}
for row in csv.DictReader(open("TESTC03.csv", encoding="utf-8")):
    if row["region_type"] == "GM":
        value = float(row["value"]) if row["status"] == "ok" and row["value"] else None
        cells.setdefault(row["region_code"], {})[row["measure_key"]] = value
codes = sorted(cells)
bijstand = {c: 100 * v["Bijstand_1"] / v["Inwoners_2"] for c, v in cells.items()}
inwoners = {c: v["Inwoners_2"] for c, v in cells.items()}
sted = {c: v["Stedelijkheid_3"] for c, v in cells.items() if v["Stedelijkheid_3"] is not None}

# standardised covariates (sample sd), Euclidean distance, 2 nearest, ties to the lower code
z = {}
for cov in (bijstand, inwoners):
    m, s = mean(cov.values()), stdev(cov.values())
    for c in codes:
        z.setdefault(c, []).append((cov[c] - m) / s)
K = 2
similar = {}
for c in codes:
    others = sorted((sqrt(sum((a - b) ** 2 for a, b in zip(z[c], z[o]))), o)
                    for o in codes if o != c)
    similar[c] = others[:K]


def size(v):
    return "0-20k" if v < 20000 else "20k-50k" if v < 50000 else "50k-100k" if v < 100000 else "100k+"


with open("expected-peers.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["region_code", "peer_type", "peer_group", "peer_code", "distance", "rank"])
    for c in codes:
        for rank, (d, o) in enumerate(similar[c], 1):
            out.writerow([c, "similar", "similar", o, fmt(d), rank])
        for o in codes:
            if o != c and size(inwoners[o]) == size(inwoners[c]):
                out.writerow([c, "size", size(inwoners[c]), o, "", ""])
        if c in sted:
            for o in codes:
                if o != c and o in sted and sted[o] == sted[c]:
                    out.writerow([c, "urbanity", "stedelijkheid %d" % sted[c], o, "", ""])
        if c in ("GM0001", "GM0003"):
            out.writerow([c, "group", "paar", "GM0003" if c == "GM0001" else "GM0001", "", ""])

counts = {}
for row in csv.DictReader(open("TESTA01.csv", encoding="utf-8")):
    if row["region_type"] == "GM" and row["measure_key"] in ("Care_2", "Pop_1"):
        value = float(row["value"]) if row["status"] == "ok" and row["value"] else None
        counts.setdefault((row["period"], row["region_code"]), {})[row["measure_key"]] = value


def ok(period, code):
    u = counts.get((period, code), {})
    if u.get("Care_2") is not None and u.get("Pop_1"):
        return u["Care_2"], u["Pop_1"]
    return None


with open("expected-context-peers.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["period", "region_code", "peer_value", "peer_flag"])
    for period, code in sorted(counts):
        pv, flag = "", ""
        if ok(period, code) and code in similar:
            pooled = [ok(period, o) for _, o in similar[code] if ok(period, o)]
            if pooled:
                peer = 100 * sum(x for x, _ in pooled) / sum(n for _, n in pooled)
                low, high = (100 * v for v in wilson(*ok(period, code)))
                pv = fmt(peer)
                flag = "above" if low > peer else "below" if high < peer else "within"
        out.writerow([period, code, pv, flag])

# The expected-value model: 3 municipalities with counts and covariates per
# period are not more than the 3 terms (intercept, bijstand, inwoners), so the
# model falls back to the intercept: expected = n x pooled proportion.
from math import exp, lgamma, log


def poisson_cdf(x, lam):
    term = total = exp(-lam)
    for j in range(1, x + 1):
        term *= lam / j
        total += term
    return total


def solve(f, lo=0.0, hi=1e4):
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if f(mid) > 0 else (mid, hi)
    return (lo + hi) / 2


def garwood(x):
    low = 0.0 if x == 0 else solve(lambda lam: (1 - poisson_cdf(x - 1, lam)) - 0.025)
    return low, solve(lambda lam: 0.025 - poisson_cdf(x, lam))


with open("expected-context-oe.csv", "w", newline="") as f, \
        open("expected-models.csv", "w", newline="") as g:
    out = csv.writer(f, lineterminator="\n")
    models = csv.writer(g, lineterminator="\n")
    out.writerow(["period", "region_code", "expected", "oe_ratio", "oe_low", "oe_high", "oe_flag"])
    models.writerow(["indicator", "period", "term", "coefficient", "se", "z", "n", "deviance",
                     "dispersion", "aic"])
    for period in sorted({p for p, _ in counts}):
        used = [(c, ok(period, c)) for p, c in sorted(counts) if p == period
                and ok(period, c) and c in similar]
        X, N = sum(x for _, (x, _) in used), sum(n for _, (_, n) in used)
        p = X / N
        dev = 2 * sum((x * log(x / (n * p)) if x else 0)
                      + ((n - x) * log((n - x) / (n * (1 - p))) if n > x else 0)
                      for _, (x, n) in used)
        pearson = sum((x - n * p) ** 2 / (n * p * (1 - p)) for _, (x, n) in used)
        loglik = sum(lgamma(n + 1) - lgamma(x + 1) - lgamma(n - x + 1)
                     + x * log(p) + (n - x) * log(1 - p) for _, (x, n) in used)
        b, se = log(p / (1 - p)), sqrt(1 / X + 1 / (N - X))
        models.writerow(["hulp", period, "intercept", fmt(b), fmt(se), fmt(b / se), len(used),
                         fmt(dev), fmt(pearson / (len(used) - 1)), fmt(-2 * loglik + 2)])
        fitted = dict(used)
        for q, c in sorted(counts):
            if q != period:
                continue
            if c not in fitted:
                out.writerow([period, c, "", "", "", "", ""])
                continue
            x, n = fitted[c]
            e = n * p
            lo, hi = garwood(int(x))
            out.writerow([period, c, fmt(e), fmt(x / e), fmt(lo / e), fmt(hi / e),
                          "above" if lo / e > 1 else "below" if hi / e < 1 else "within"])
