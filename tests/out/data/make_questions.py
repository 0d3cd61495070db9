#!/usr/bin/env python3
"""Writes tests/out/data/stats/composition.csv and targets.csv, the fixtures of
jb-report's question sections, computed here from the counts with the formulas of
METHODS.md (independently of jb-stats and jb-report):

- share = count / total x 100, Wilson interval at 95%;
- reference share = the category's share in the pooled counts of the other
  municipalities that are ok; Pearson X^2 of the municipality's counts against it,
  df = categories - 1 = 2, so p = exp(-X^2 / 2) exactly;
- targets.csv: the benchmark's value with target_flag from its Wilson interval.

Run from the repository root: python3 tests/out/data/make_questions.py
"""
import csv
import math

Z = 1.959963984540054
OUT = "tests/out/data/stats/"
CATEGORIES = [("VW01", "Gemeentelijke toegang"), ("VW02", "Huisarts & <i>POH</i>"),
              ("VW07", "Geen verwijzer")]
NAMES = {"GM0014": "Groningen", "GM0034": "Almere", "GM0080": "Leeuwarden",
         "GM0344": "Utrecht", "GM0363": "Amsterdam", "GM0599": "Rotterdam"}
# per period: status of the period and counts per municipality (None: suppressed)
COUNTS = {
    ("2023JJ00", "definitief"): {
        "GM0014": [380, 310, 110], "GM0034": [240, 210, 50], "GM0080": [150, 120, 30],
        "GM0344": [650, 250, 100], "GM0363": [880, 720, 150], "GM0599": [800, 650, 150]},
    ("2024JJ00", "voorlopig"): {
        "GM0014": [400, 300, 100], "GM0034": [250, 200, 50], "GM0080": [160, 130, None],
        "GM0344": [700, 200, 100], "GM0363": [900, 700, 150], "GM0599": [820, 640, 140]},
}


def number(value):
    text = "%.6f" % value
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wilson(count, total):
    p = count / total
    centre = (p + Z * Z / (2 * total)) / (1 + Z * Z / total)
    half = Z / (1 + Z * Z / total) * math.sqrt(p * (1 - p) / total + Z * Z / (4 * total * total))
    return centre - half, centre + half


def composition():
    rows = []
    for (period, status), units in COUNTS.items():
        ok = {code: c for code, c in units.items() if None not in c}
        for code in sorted(units):
            counts = units[code]
            base = ["verwijzersmix", "Verwijzersmix van de jeugdhulptrajecten", period, status,
                    code, NAMES[code]]
            if None in counts:
                for key, title in CATEGORIES:
                    rows.append(base + [key, title] + [""] * 10 + ["suppressed", "synthetic"])
                continue
            total = sum(counts)
            others = [sum(c[k] for o, c in ok.items() if o != code) for k in range(3)]
            reference = [o / sum(others) for o in others]
            chi = sum((counts[k] - total * reference[k]) ** 2 / (total * reference[k])
                      for k in range(3))
            p = math.exp(-chi / 2)
            for k, (key, title) in enumerate(CATEGORIES):
                low, high = wilson(counts[k], total)
                rows.append(base + [key, title, number(counts[k]), number(total),
                                    number(100 * counts[k] / total), number(100 * low),
                                    number(100 * high), number(100 * reference[k]), number(chi),
                                    "2", "%.6g" % p, "differs" if p < 0.05 else "same", "ok",
                                    "synthetic"])
    with open(OUT + "composition.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "indicator_title", "period", "period_status", "region_code",
                    "region_name", "category_key", "category_title", "count", "total", "share",
                    "ci_low", "ci_high", "reference_share", "chi_square", "df", "p_value", "flag",
                    "status", "source"])
        w.writerows(rows)


def targets(target=12.5):
    with open(OUT + "benchmark.csv", newline="") as f:
        bench = [r for r in csv.DictReader(f) if r["indicator"] == "jeugdhulp"]
    with open(OUT + "targets.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "period", "region_code", "value", "target", "target_flag",
                    "status"])
        for r in bench:
            low, high = float(r["ci_low"]), float(r["ci_high"])
            flag = "above" if low > target else "below" if high < target else "within"
            w.writerow(["jeugdhulp", r["period"], r["region_code"], number(float(r["value"])),
                        number(target), flag, r["status"]])


composition()
targets()
