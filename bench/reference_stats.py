#!/usr/bin/env python3
"""Reference for bench/stats.sh: the core of jb-stats in pandas.

    reference_stats.py compute TIDY.csv INDICATORS OUT.csv
        INDICATORS: name=numerator_key/denominator_key,... ; per = 100.
        Computes per indicator, period and municipality the value, Wilson
        95% interval, pooled national value, quartiles (linear, type 7) and
        z-score, as METHODS.md defines them, and writes them at full precision
        (pandas's own float text, the shortest that reads back exactly; a
        float_format such as "%.17g" formats value by value in Python and
        made this script 40% slower).
    reference_stats.py compare JB_STATS.csv REFERENCE.csv
        Asserts every number equal within 1e-9 relative (1e-12 absolute near 0).

Run with Debian's python3 (python3-pandas); used by `make bench` only.
"""
import sys

Z95 = 1.959963984540054  # NormalDist().inv_cdf(0.975)
COLUMNS = ["value", "ci_low", "ci_high", "national", "q1", "median", "q3", "z"]


def compute(tidy, indicators, out):
    import numpy as np
    import pandas as pd

    frame = pd.read_csv(tidy, usecols=["region_code", "region_type", "period", "measure_key",
                                       "value", "status"],
                        dtype={"region_code": "category", "region_type": "category",
                               "period": "category", "measure_key": "category",
                               "status": "category", "value": "float64"})
    frame = frame[(frame.region_type == "GM") & (frame.status == "ok")]
    wide = frame.pivot_table(index=["period", "region_code"], columns="measure_key",
                             values="value", aggfunc="first", observed=True)
    results = []
    for spec in indicators.split(","):
        name, measures = spec.split("=")
        numerator, denominator = measures.split("/")
        part = wide[[numerator, denominator]].dropna()
        part = part[part[denominator] > 0]
        x, n = part[numerator], part[denominator]
        p = x / n
        d = 1 + Z95 * Z95 / n
        centre = (p + Z95 * Z95 / (2 * n)) / d
        half = Z95 / d * np.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n))
        low = np.where(x == 0, 0.0, np.maximum(0, centre - half))
        high = np.where(x == n, 1.0, np.minimum(1, centre + half))
        period = part.index.get_level_values("period")
        sums = part.groupby(level="period", observed=True).sum()
        p0 = (sums[numerator] / sums[denominator]).reindex(period).to_numpy()
        value = 100 * p
        quartiles = value.groupby(level="period", observed=True).quantile([0.25, 0.5, 0.75])
        quartiles = quartiles.unstack().reindex(period)
        result = pd.DataFrame({
            "indicator": name,
            "value": value.to_numpy(),
            "ci_low": 100 * low,
            "ci_high": 100 * high,
            "national": 100 * p0,
            "q1": quartiles[0.25].to_numpy(),
            "median": quartiles[0.5].to_numpy(),
            "q3": quartiles[0.75].to_numpy(),
            "z": ((p.to_numpy() - p0) / np.sqrt(p0 * (1 - p0) / n.to_numpy())),
        }, index=part.index)
        results.append(result.reset_index())
    pd.concat(results).to_csv(out, index=False)


def compare(ours, reference):
    import csv

    want = {}
    with open(reference, newline="") as f:
        for row in csv.DictReader(f):
            want[(row["indicator"], row["period"], row["region_code"])] = row
    checked = worst = 0.0
    seen = 0
    with open(ours, newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] != "ok":
                continue
            key = (row["indicator"], row["period"], row["region_code"])
            other = want.pop(key, None)
            if other is None:
                sys.exit("compare: %s in jb-stats, not in the reference" % (key,))
            seen += 1
            for column in COLUMNS:
                a, b = float(row[column]), float(other[column])
                error = abs(a - b) / max(abs(b), 1e-3)
                worst = max(worst, error)
                checked += 1
                if error > 1e-9:
                    sys.exit("compare: %s %s: jb-stats %r, pandas %r" % (key, column, a, b))
    if want:
        sys.exit("compare: %d rows of the reference are not ok in jb-stats" % len(want))
    print("compare: %d rows, %d numbers equal within 1e-9 relative (largest %.2g)"
          % (seen, checked, worst))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "compute":
        compute(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
