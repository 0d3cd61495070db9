#!/usr/bin/env python3
"""One-off extraction of the real source files of the bundled snapshot.

Reads the shared copies of public data (see PROVENANCE.md) and writes small
CSV files that jb-synth turns into CBS Atom responses.  Values are copied
unchanged (CBS padding kept; null stays an empty field).  The project never
runs this at build or test time; it documents how the sources were made.

usage: extract.py [SHARED_DATA [PROJECT_ROOT]]
  SHARED_DATA   default /work/shared/data
  PROJECT_ROOT  default: three folders above this script
"""
import csv
import json
import os
import sys

KWB_DIR = "cbs-real/kwb-2020-84799NED-statline-bq"
WBK_FILE = "boundaries/gemeenten_2022_wgs84_wijkbuurtkaart.geojson"
BOUNDARY_FILES = {
    "2020": ("boundaries/gemeente_2020_wgs84.geojson", "statcode", "statnaam"),
    "2021": ("boundaries/gemeente_2021_wgs84.geojson", "statcode", "statnaam"),
    "2022": ("boundaries/gemeente_2022_wgs84.geojson", "statcode", "statnaam"),
    "2023": ("boundaries/gemeente_2023_wgs84_cartomap.geojson", "statcode", "statnaam"),
    "2025": ("boundaries/gemeente_2025_wgs84_cartomap.geojson", "statcode", "statnaam"),
}
WBK_COLUMNS = ["gemeentecode", "gemeentenaam", "pct_jeugdzorg", "aantal_inwoners",
               "0_15", "15_25", "pct_hh_laag_inkomen", "pct_rond_sociaal_min",
               "pct_eenpersoonshhd", "pct_hhd_met_kind", "stedelijkheid",
               "bevolkingsdichtheid"]


def csv_field(value):
    """Quotes a field as lib/csvio.c does, so that libcsv keeps CBS padding."""
    if any(c in value for c in ',"\r\n') or value[:1] == " " or value[-1:] == " ":
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        for row in [header] + rows:
            out.write(",".join(csv_field(v) for v in row) + "\n")
    print(f"{path}: {len(rows)} rows")


def json_value(value):
    """A GeoJSON property as text: null -> empty, numbers as Python prints them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError("unexpected boolean")
    return str(value)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as src:
        return list(csv.DictReader(src))


def extract_kwb(shared, out_dir):
    typed = read_csv(os.path.join(shared, KWB_DIR, "csv-converted",
                                  "cbs.v3.84799NED_TypedDataSet.csv"))
    rows = [r for r in typed if r["SoortRegio_2"].strip() in ("Land", "Gemeente")]
    assert len(rows) == 356, len(rows)
    columns = [c for c in typed[0].keys() if any(r[c] != "" for r in rows)]
    write_csv(os.path.join(out_dir, "kwb2020_gemeenten.csv"), columns,
              [[r[c] for c in columns] for r in rows])

    props = read_csv(os.path.join(shared, KWB_DIR, "csv-converted",
                                  "cbs.v3.84799NED_DataProperties.csv"))
    by_id = {p["ID"]: p for p in props}
    keep = set()
    for p in props:
        if p["Key"] in columns:
            node = p
            while node is not None:
                keep.add(node["ID"])
                node = by_id.get(node["ParentID"]) if node["ParentID"] else None
    header = list(props[0].keys())
    write_csv(os.path.join(out_dir, "kwb2020_dataproperties.csv"), header,
              [[p[h] for h in header] for p in props if p["ID"] in keep])

    dims = read_csv(os.path.join(shared, KWB_DIR, "csv-converted",
                                 "cbs.v3.84799NED_WijkenEnBuurten.csv"))
    wanted = {r["WijkenEnBuurten"] for r in rows}
    dim_rows = {d["Key"]: d for d in dims if d["Key"] in wanted}
    write_csv(os.path.join(out_dir, "kwb2020_wijkenenbuurten.csv"),
              ["Key", "Title", "Description"],
              [[dim_rows[r["WijkenEnBuurten"]][h] for h in ("Key", "Title", "Description")]
               for r in rows])

    with open(os.path.join(shared, KWB_DIR, "cbs.v3.84799NED_Metadata.json"),
              encoding="utf-8") as src:
        info = json.load(src)
    write_csv(os.path.join(out_dir, "kwb2020_tableinfos.csv"), ["key", "value"],
              [[k, json_value(v)] for k, v in info.items()])


def extract_wbk(shared, out_dir):
    with open(os.path.join(shared, WBK_FILE), encoding="utf-8") as src:
        features = json.load(src)["features"]
    rows = [[json_value(f["properties"].get(c)) for c in WBK_COLUMNS]
            for f in features if f["properties"]["gemeentecode"] != "GM0998"]
    assert len(rows) == 345, len(rows)
    write_csv(os.path.join(out_dir, "wbk2022_gemeenten.csv"), WBK_COLUMNS, rows)


def extract_boundary_codes(shared, test_dir):
    for year, (name, code, label) in BOUNDARY_FILES.items():
        with open(os.path.join(shared, name), encoding="utf-8") as src:
            features = json.load(src)["features"]
        rows = sorted([f["properties"][code], f["properties"][label]] for f in features)
        write_csv(os.path.join(test_dir, f"gemeenten_{year}.csv"), ["code", "name"], rows)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.normpath(os.path.join(here, "../../.."))
    out_dir = os.path.join(root, "fetch/snapshot/sources")
    test_dir = os.path.join(root, "tests/synth/data")
    os.makedirs(test_dir, exist_ok=True)
    extract_kwb(shared, out_dir)
    extract_wbk(shared, out_dir)
    extract_boundary_codes(shared, test_dir)


if __name__ == "__main__":
    main()
