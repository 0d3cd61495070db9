#!/usr/bin/env python3
"""Independent computation of expected-benchmark.csv from the fixture tables.

Written from the formulas in METHODS.md with the Python standard library only
(statistics.NormalDist for the normal quantiles), not from jb-stats's output.
Run from this folder: python3 expected.py > expected-benchmark.csv
"""
import csv
import sys
from math import exp, lgamma, log, sqrt
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)
Z998 = NormalDist().inv_cdf(0.999)


def fmt(x):
    if x is None:
        return ""
    text = "%.6f" % x
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wilson(x, n, z):
    p = x / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z / d * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (0.0 if x == 0 else max(0, c - h)), (1.0 if x == n else min(1, c + h))


def quantile7(values, f):
    s = sorted(values)
    h = (len(s) - 1) * f
    i = int(h)
    return s[i] if i == len(s) - 1 else s[i] + (h - i) * (s[i + 1] - s[i])


def poisson_cdf(x, lam):
    term = total = exp(-lam)
    for j in range(1, x + 1):
        term *= lam / j
        total += term
    return total


def solve(f, lo=0.0, hi=1e4):
    """The root of an increasing f by bisection."""
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if f(mid) > 0 else (mid, hi)
    return (lo + hi) / 2


def garwood(x):
    """Exact Poisson limits: P(X >= x | low) = P(X <= x | high) = 0.025."""
    low = 0.0 if x == 0 else solve(lambda lam: (1 - poisson_cdf(x - 1, lam)) - 0.025)
    high = solve(lambda lam: 0.025 - poisson_cdf(x, lam))
    return low, high


def betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return h


def beta_cdf(x, a, b):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * betacf(a, b, x) / a
    return 1 - front * betacf(b, a, 1 - x) / b


def beta_quantile(q, a, b):
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if beta_cdf(mid, a, b) < q else (lo, mid)
    return (lo + hi) / 2


def eb_prior(counts):
    """Kleinman (1973) moments: mu pooled, rho from the n-weighted spread."""
    N = sum(n for _, n in counts)
    mu = sum(x for x, _ in counts) / N
    spread = sum(n * (x / n - mu) ** 2 for x, n in counts)
    k = len(counts)
    rho = (spread / (mu * (1 - mu)) - (k - 1)) / (N - sum(n * n for _, n in counts) / N - (k - 1))
    rho = min(0.999, max(1e-6, rho))
    return mu * (1 / rho - 1), (1 - mu) * (1 / rho - 1)


def read(path, keys):
    cells = {}
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["measure_key"] in keys and row["region_type"] in ("GM", "NL"):
            number = float(row["value"]) if row["status"] == "ok" and row["value"] else None
            unit = cells.setdefault((row["period"], row["region_code"]), {
                "name": row["region_name"], "type": row["region_type"],
                "period_status": row["period_status"]})
            unit[row["measure_key"]] = number
    return cells


HEADER = ("indicator,indicator_title,period,period_status,region_code,region_name,"
          "numerator,denominator,value,ci_low,ci_high,national,q1,median,q3,z,"
          "limit95_low,limit95_high,limit998_low,limit998_high,flag95,flag998,"
          "status,source,poisson_low,poisson_high,phi,tau,z_adjusted,"
          "limit95_adj_low,limit95_adj_high,limit998_adj_low,limit998_adj_high,"
          "flag95_adj,flag998_adj,change,change_low,change_high,change_flag").split(",")
EXTRA = ("eb_value,eb_low,eb_high,rank,rank_low,rank_high,"
         "trend_slope,trend_low,trend_high,trend_flag,"
         # no covariates in this fixture: peers are tested with context.ini
         "peer_value,peer_flag,expected,oe_ratio,oe_low,oe_high,oe_flag,"
         "provisional,harmonised").split(",")


def trend(points):
    """Weighted least squares by the closed form; points (year, x, n); None below 2 years."""
    if len({t for t, _, _ in points}) < 2:
        return ["", "", "", ""]
    ys, ws, ts = [], [], []
    for t, x, n in points:
        p = x / n if 0 < x < n else (x + 0.5) / (n + 1)
        ts.append(t)
        ys.append(100 * x / n)
        ws.append(n / (100 * 100 * p * (1 - p)))
    tm = sum(w * t for w, t in zip(ws, ts)) / sum(ws)
    ym = sum(w * y for w, y in zip(ws, ys)) / sum(ws)
    sxx = sum(w * (t - tm) ** 2 for w, t in zip(ws, ts))
    slope = sum(w * (t - tm) * (y - ym) for w, t, y in zip(ws, ts, ys)) / sxx
    chisq = sum(w * (y - ym - slope * (t - tm)) ** 2 for w, t, y in zip(ws, ts, ys))
    k = len(ts)
    dispersion = max(1.0, chisq / (k - 2)) if k > 2 else 1.0
    se = sqrt(dispersion / sxx)
    low, high = slope - Z95 * se, slope + Z95 * se
    return [fmt(slope), fmt(low), fmt(high), "up" if low > 0 else "down" if high < 0 else "flat"]


def ranks(values):
    """Competition ranks, 1 = highest: 1 + the number of strictly higher values."""
    return {k: 1 + sum(1 for w in values.values() if w > v) for k, v in values.items()}
HEADER += EXTRA
class Padded:
    """A csv writer that fills the columns a row leaves out (not computed here) with empty fields."""

    def __init__(self, stream):
        self.writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row):
        if row is HEADER:
            self.writer.writerow(row)
            return
        # provisional from period_status; the fixture has no harmonised column
        status = row[3]
        provisional = "no" if status == "definitief" else "yes" if "voorlopig" in status else ""
        self.writer.writerow(list(row) + [""] * (len(HEADER) - 2 - len(row)) + [provisional, ""])


out = Padded(sys.stdout)
out.writerow(HEADER)

# indicator hulp: Care_2 / Pop_1 per 100, source synthetic
cells = read("TESTA01.csv", {"Care_2", "Pop_1"})
periods = sorted({p for p, _ in cells})


def ok_counts(period, code):
    u = cells.get((period, code))
    if u and u.get("Care_2") is not None and u.get("Pop_1") not in (None, 0.0):
        return u["Care_2"], u["Pop_1"]
    return None


trends = {}
for code in {c for _, c in cells}:
    points = [(int(p[:4]),) + ok_counts(p, code) for p in periods if ok_counts(p, code)]
    trends[code] = trend(points)

for period in periods:
    units = sorted((code, u) for (p, code), u in cells.items() if p == period and u["type"] == "GM")
    ok = [(code, u) for code, u in units
          if u.get("Care_2") is not None and u.get("Pop_1") not in (None, 0.0)]
    p0 = sum(u["Care_2"] for _, u in ok) / sum(u["Pop_1"] for _, u in ok)
    values = [100 * u["Care_2"] / u["Pop_1"] for _, u in ok]
    q = [quantile7(values, f) for f in (0.25, 0.5, 0.75)]
    # Spiegelhalter (2005): winsorised z at the 10% and 90% quantiles, phi, tau^2
    zs = [(u["Care_2"] / u["Pop_1"] - p0) / sqrt(p0 * (1 - p0) / u["Pop_1"]) for _, u in ok]
    low10, high90 = quantile7(zs, 0.1), quantile7(zs, 0.9)
    phi = sum(min(high90, max(low10, z)) ** 2 for z in zs) / len(zs)
    w = [u["Pop_1"] / (p0 * (1 - p0)) for _, u in ok]
    tau2 = max(0.0, (len(zs) * phi - (len(zs) - 1)) / (sum(w) - sum(v * v for v in w) / sum(w)))
    alpha, beta = eb_prior([(u["Care_2"], u["Pop_1"]) for _, u in ok])
    rank = ranks({code: u["Care_2"] / u["Pop_1"] for code, u in ok})
    for code, u in units:
        x, n = u.get("Care_2"), u.get("Pop_1")
        row = ["hulp", "Jongeren met jeugdhulp", period, u["period_status"], code, u["name"]]
        if x is None:
            status = "suppressed"
        elif n is None:
            status = "no_denominator"
        elif n == 0:
            status = "zero_denominator"
        else:
            status = "ok"
        if status != "ok":
            out.writerow(row + [""] * 16 + [status, "synthetic"] + [""] * 15 + [""] * 6
                         + trends[code])
            continue
        p = x / n
        se = sqrt(p0 * (1 - p0) / n)
        lo, hi = wilson(x, n, Z95)
        limits, flags = [], []
        for z in (Z95, Z998):
            low, high = max(0, p0 - z * se), min(1, p0 + z * se)
            limits += [100 * low, 100 * high]
            flags.append("above" if p > high else "below" if p < low else "within")
        numbers = [x, n, 100 * p, 100 * lo, 100 * hi, 100 * p0] + q + [(p - p0) / se] + limits
        plow, phigh = garwood(int(x))
        adjusted_se = sqrt(p0 * (1 - p0) / n + tau2)
        added = [100 * min(1, plow / n), 100 * min(1, phigh / n), phi, 100 * sqrt(tau2),
                 (p - p0) / adjusted_se]
        adjusted_flags = []
        for z in (Z95, Z998):
            low, high = max(0, p0 - z * adjusted_se), min(1, p0 + z * adjusted_se)
            added += [100 * low, 100 * high]
            adjusted_flags.append("above" if p > high else "below" if p < low else "within")
        # Newcombe (1998) method 10 against the period before
        change = ["", "", "", ""]
        before = periods.index(period) - 1
        if before >= 0 and ok_counts(periods[before], code):
            x0, n0 = ok_counts(periods[before], code)
            p0_, (l1, u1), (l0, u0) = x0 / n0, wilson(x, n, Z95), wilson(x0, n0, Z95)
            d = p - p0_
            dl = d - sqrt((p - l1) ** 2 + (u0 - p0_) ** 2)
            dh = d + sqrt((u1 - p) ** 2 + (p0_ - l0) ** 2)
            change = [fmt(100 * d), fmt(100 * dl), fmt(100 * dh),
                      "up" if dl > 0 else "down" if dh < 0 else "same"]
        out.writerow(row + [fmt(v) for v in numbers] + flags + ["ok", "synthetic"]
                     + [fmt(v) for v in added] + adjusted_flags + change
                     + [fmt(100 * (alpha + x) / (alpha + beta + n)),
                        fmt(100 * beta_quantile(0.025, alpha + x, beta + n - x)),
                        fmt(100 * beta_quantile(0.975, alpha + x, beta + n - x)),
                        fmt(rank[code]), "", ""] + trends[code])

# indicator kaart: published PercentageJeugdzorg_1, national from NL01, source reconstructed
cells = read("TESTB02.csv", {"PercentageJeugdzorg_1"})
national = cells[("2022JJ00", "NL01")]["PercentageJeugdzorg_1"]
units = sorted((code, u) for (p, code), u in cells.items() if u["type"] == "GM")
values = [u["PercentageJeugdzorg_1"] for _, u in units if u["PercentageJeugdzorg_1"] is not None]
q = [quantile7(values, f) for f in (0.25, 0.5, 0.75)]
for code, u in units:
    v = u["PercentageJeugdzorg_1"]
    row = ["kaart", "Jongeren met jeugdzorg (kaart)", "2022JJ00", "", code, u["name"]]
    rank = ranks({c: w["PercentageJeugdzorg_1"] for c, w in units
                  if w["PercentageJeugdzorg_1"] is not None})
    if v is None:
        out.writerow(row + [""] * 16 + ["suppressed", "reconstructed"] + [""] * 15 + [""] * 10)
    else:
        out.writerow(row + ["", "", fmt(v), "", "", fmt(national)] + [fmt(x) for x in q]
                     + [""] * 7 + ["ok", "reconstructed"] + [""] * 15 + [""] * 3
                     + [fmt(rank[code]), "", "", "", "", "", ""])
