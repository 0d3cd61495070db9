#!/usr/bin/env python3
"""Reference for bench/transform.sh: the tidy rows of jb-transform --no-harmonise,
written with the Python standard library only (xml.etree.ElementTree.iterparse, csv).

usage: reference_transform.py RAW_FOLDER OUT.csv

Handles what the benchmark table needs: Atom XML files, a region and a time
dimension, TypedDataSet pages in $skip order.  Not a replacement for jb-transform.
"""
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
D = "{http://schemas.microsoft.com/ado/2007/08/dataservices}"
M = "{http://schemas.microsoft.com/ado/2007/08/dataservices/metadata}"
SPECIALS = {".": "unknown", "x": "secret", "-": "nil"}


def entries(path):
    """Yields each entry's properties as a list of (name, text, is_null, type)."""
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == M + "properties":
            yield [(child.tag[len(D):], child.text or "",
                    child.get(M + "null") == "true", child.get(M + "type"))
                   for child in element]
            element.clear()


def small_table(path):
    return [dict((name, text) for name, text, _, _ in props) for props in entries(path)]


def region_type(code):
    for prefix in ("NL", "LD", "PV", "GM", "WK", "BU"):
        if code.startswith(prefix):
            return prefix
    return "other"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reference_transform.py RAW_FOLDER OUT.csv")
    folder, out_path = sys.argv[1], sys.argv[2]
    properties = sorted(small_table(os.path.join(folder, "DataProperties.xml")),
                        key=lambda p: int(p["Position"]))
    topics = [p for p in properties if p["Type"] == "Topic"]
    topic_index = {p["Key"]: i for i, p in enumerate(topics)}
    region_key = next(p["Key"] for p in properties if p["Type"] in ("GeoDimension", "GeoDetail"))
    time_key = next(p["Key"] for p in properties if p["Type"] == "TimeDimension")
    regions = {r["Key"].strip(): r["Title"]
               for r in small_table(os.path.join(folder, region_key + ".xml"))}
    periods = {p["Key"].strip(): p["Status"].lower()
               for p in small_table(os.path.join(folder, time_key + ".xml"))}
    pages = [f for f in os.listdir(folder) if re.fullmatch(r"TypedDataSet(\.skip\d+)?\.xml", f)]
    pages.sort(key=lambda f: int(f.split(".skip")[1][:-4]) if ".skip" in f else 0)

    with open(out_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["region_code", "region_name", "region_type", "period",
                         "period_status", "measure_key", "measure_title", "unit",
                         "value", "status", "harmonised", "category_dimension",
                         "category_key", "category_title"])
        for page in pages:
            for props in entries(os.path.join(folder, page)):
                values = [None] * len(topics)
                region = period = None
                for name, text, is_null, edm in props:
                    if name == region_key:
                        region = text.strip()
                    elif name == time_key:
                        period = text.strip()
                    elif name in topic_index:
                        values[topic_index[name]] = (text, is_null, edm)
                for topic, found in zip(topics, values):
                    value, status = "", "missing"
                    if found and not found[1]:
                        value = found[0].strip()
                        status = "ok" if value else "missing"
                        if value in SPECIALS and found[2] in (None, "Edm.String"):
                            value, status = "", SPECIALS[value]
                    writer.writerow([region, regions[region], region_type(region), period,
                                     periods[period], topic["Key"], topic["Title"],
                                     topic["Unit"], value, status, "no", "", "", ""])


main()
