#!/usr/bin/env python3
"""Writes the hand-made test table 99004TST (a Verwijzer dimension and a merger) in CBS Atom layout.

Run once from the repository root: python3 tests/transform/data/make_99004TST.py
The values are invented.  Appingedam, Delfzijl and Loppersum became Eemsdelta on
2021-01-01 (config/reorganisations.csv), so harmonised to 2023 Eemsdelta 2020 is the sum
of the three in each Verwijzer category; tests/transform/data/expected/99004TST.b2023.csv
holds the rows, checked by hand against ENTRIES below (Loppersum has no VW02 entry,
Appingedam's VW03 count is null: both sums are missing).
"""
import os

TABLE = "99004TST"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, TABLE)
BASE = "https://opendata.cbs.nl/ODataFeed/odata/%s/" % TABLE
HEAD = ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
        '<feed xml:base="%s" xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" '
        'xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">\n'
        '  <id>%s%%s</id>\n  <title type="text">%%s</title>\n'
        '  <updated>2025-07-01T02:00:00Z</updated>\n'
        '  <link rel="self" title="%%s" href="%%s" />\n') % (BASE, BASE)
ENTRY = ('  <entry>\n    <id>%s%%s(%%s)</id>\n'
         '    <category term="%%s" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />\n'
         '    <title /><updated>2025-07-01T02:00:00Z</updated><author><name /></author>\n'
         '    <content type="application/xml">\n      <m:properties>\n%%s'
         '      </m:properties>\n    </content>\n  </entry>\n') % BASE

CATEGORIES = [("T001", "Totaal verwijzers"), ("VW01", "Gemeentelijke toegang"),
              ("VW02", "Huisarts"), ("VW03", "Rechter, Officier van Justitie")]
REGIONS = [("GM0003", "Appingedam"), ("GM0010", "Delfzijl"), ("GM0024", "Loppersum"),
           ("GM1979", "Eemsdelta"), ("GM0014", "Groningen (gemeente)")]
PERIODS = [("2020JJ00", "Definitief"), ("2021JJ00", "Voorlopig")]
# (category, region, period, trajectories, percentage of the total); None = m:null;
# CBS's order: the code list slowest, then regions, then periods
ENTRIES = [
    ("T001", "GM0003", "2020JJ00", 300, 100.0),
    ("T001", "GM0010", "2020JJ00", 640, 100.0),
    ("T001", "GM0024", "2020JJ00", 215, 100.0),
    ("T001", "GM1979", "2021JJ00", 1180, 100.0),
    ("T001", "GM0014", "2020JJ00", 6050, 100.0),
    ("T001", "GM0014", "2021JJ00", 6120, 100.0),
    ("VW01", "GM0003", "2020JJ00", 120, 40.0),
    ("VW01", "GM0010", "2020JJ00", 250, 39.1),
    ("VW01", "GM0024", "2020JJ00", 90, 41.9),
    ("VW01", "GM1979", "2021JJ00", 470, 39.8),
    ("VW01", "GM0014", "2020JJ00", 2400, 39.7),
    ("VW01", "GM0014", "2021JJ00", 2450, 40.0),
    ("VW02", "GM0003", "2020JJ00", 180, 60.0),
    ("VW02", "GM0010", "2020JJ00", 390, 60.9),
    ("VW02", "GM1979", "2021JJ00", 710, 60.2),
    ("VW02", "GM0014", "2020JJ00", 3650, 60.3),
    ("VW02", "GM0014", "2021JJ00", 3670, 60.0),
    ("VW03", "GM0003", "2020JJ00", None, None),
    ("VW03", "GM0010", "2020JJ00", 15, 2.3),
    ("VW03", "GM0024", "2020JJ00", 10, 4.7),
    ("VW03", "GM1979", "2021JJ00", 25, 2.1),
    ("VW03", "GM0014", "2020JJ00", 40, 0.7),
    ("VW03", "GM0014", "2021JJ00", 35, 0.6),
]


def write(name, body):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(body)


def feed(entity, term, entries):
    body = HEAD % (entity, entity, entity, entity)
    for key, props in entries:
        body += ENTRY % (entity, key, term, props)
    return body + "</feed>\n"


def prop(name, value, edm=None, space=False):
    if value is None:
        return '        <d:%s m:type="%s" m:null="true" />\n' % (name, edm)
    attr = (' m:type="%s"' % edm if edm else "") + (' xml:space="preserve"' if space else "")
    return "        <d:%s%s>%s</d:%s>\n" % (name, attr, value, name)


def data_property(i, kind, key, title, unit, datatype):
    return (prop("ID", i, "Edm.Int32") + prop("Position", i, "Edm.Int32") +
            prop("ParentID", None, "Edm.Int32") + prop("Type", kind) + prop("Key", key) +
            prop("Title", title) + prop("Description", "") + prop("Unit", unit) +
            prop("Decimals", 0, "Edm.Int32") + prop("Datatype", datatype))


def code_list(entity, term, rows, width):
    return feed(entity, term, [
        ("'%s'" % key, prop("Key", key.ljust(width), space=True) + prop("Title", title) +
         prop("Description", "") + prop("CategoryGroupID", None, "Edm.Int32"))
        for key, title in rows])


def main():
    os.makedirs(OUT, exist_ok=True)
    info = (prop("ID", 1, "Edm.Int32") + prop("Title", "Verwijzers (testtabel)") +
            prop("ShortTitle", "Verwijzers") + prop("Identifier", TABLE) +
            prop("Summary", "Testtabel") +
            prop("Modified", "2025-07-01T02:00:00", "Edm.DateTime") +
            prop("Period", "2020 - 2021") +
            prop("ShortDescription", "Testtabel met een verwijzer-dimensie") +
            prop("Description", "Verzonnen waarden voor de tests van jb-transform.") +
            prop("OutputStatus", "Gestopt"))
    write("TableInfos.xml", feed("TableInfos", "Cbs.OData.TableInfo", [(0, info)]))
    props = [
        (0, data_property(0, "Dimension", "Verwijzer", "Verwijzer", "", "")),
        (1, data_property(1, "GeoDimension", "RegioS", "Regio's", "", "")),
        (2, data_property(2, "TimeDimension", "Perioden", "Perioden", "", "")),
        (3, data_property(3, "Topic", "JeugdhulptrajectenInNatura_1",
                          "Jeugdhulptrajecten in natura", "aantal", "Long")),
        (4, data_property(4, "Topic", "PercentageVanTotaal_2", "Percentage van het totaal",
                          "%", "Double")),
    ]
    write("DataProperties.xml", feed("DataProperties", "Cbs.OData.DataProperty", props))
    write("Verwijzer.xml", code_list("Verwijzer", "Cbs.OData.Dimension", CATEGORIES, 6))
    write("RegioS.xml", code_list("RegioS", "Cbs.OData.Dimension", REGIONS, 10))
    write("Perioden.xml", feed("Perioden", "Cbs.OData.TimeDimension", [
        ("'%s'" % key, prop("Key", key, space=True) + prop("Title", key[:4]) +
         prop("Description", "") + prop("Status", status))
        for key, status in PERIODS]))
    rows = []
    for i, (category, region, period, count, percentage) in enumerate(ENTRIES):
        rows.append((i, prop("ID", i, "Edm.Int32") +
                     prop("Verwijzer", category.ljust(6), space=True) +
                     prop("RegioS", region.ljust(10), space=True) +
                     prop("Perioden", period) +
                     prop("JeugdhulptrajectenInNatura_1", count, "Edm.Int32") +
                     prop("PercentageVanTotaal_2", percentage, "Edm.Double")))
    write("TypedDataSet.xml", feed("TypedDataSet", "Cbs.OData.TData", rows))


main()
