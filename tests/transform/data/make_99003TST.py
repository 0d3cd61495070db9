#!/usr/bin/env python3
"""Writes the hand-made test table 99003TST (municipal reorganisations) in CBS Atom layout.

Run once from the repository root: python3 tests/transform/data/make_99003TST.py
The values are invented; tests/transform/data/expected/99003TST.b2023.csv holds the
rows harmonised to 2023, checked by hand against the ENTRIES below (Haaren's 250
youth-care clients x Tilburg's weight 0.1020 = 25.5 exercises the rounding of halves).
"""
import os

TABLE = "99003TST"
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

REGIONS = [("NL01", "Nederland"), ("GM0003", "Appingedam"), ("GM0010", "Delfzijl"),
           ("GM0024", "Loppersum"), ("GM1979", "Eemsdelta"), ("GM0788", "Haaren"),
           ("GM0824", "Oisterwijk"), ("GM0865", "Vught"), ("GM0855", "Tilburg"),
           ("GM0757", "Boxtel"), ("GM0457", "Weesp"), ("GM0363", "Amsterdam"),
           ("GM0014", "Groningen (gemeente)")]
PERIODS = [("2020JJ00", "Definitief"), ("2021JJ00", "Definitief"),
           ("2022JJ00", "Definitief"), ("2023JJ00", "Voorlopig")]
# (region, period, population 0-17, with youth care, percentage); None = m:null
ENTRIES = [
    ("NL01", "2020JJ00", 3369235, 372690, 11.1),
    ("GM0003", "2020JJ00", 2280, 270, 11.8),
    ("GM0010", "2020JJ00", 4835, 610, 12.6),
    ("GM0024", "2020JJ00", 1860, None, None),
    ("GM0788", "2020JJ00", 2915, 250, 8.6),
    ("GM0824", "2020JJ00", 5840, 610, 10.4),
    ("GM0865", "2020JJ00", 6210, 655, 10.5),
    ("GM0855", "2020JJ00", 42005, 5330, 12.7),
    ("GM0757", "2020JJ00", 6185, 700, 11.3),
    ("GM0457", "2020JJ00", 3615, 330, 9.1),
    ("GM0363", "2020JJ00", 156945, 18150, 11.6),
    ("GM0014", "2020JJ00", 37900, 4890, 12.9),
    ("GM1979", "2021JJ00", 8925, 1005, 11.3),
    ("GM0824", "2021JJ00", 7010, 745, 10.6),
    ("GM0865", "2021JJ00", 7205, 760, 10.5),
    ("GM0855", "2021JJ00", 42370, 5400, 12.7),
    ("GM0757", "2021JJ00", 6630, 735, 11.1),
    ("GM0457", "2021JJ00", 3640, 335, 9.2),
    ("GM0363", "2021JJ00", 157210, 18320, 11.7),
    ("GM1979", "2022JJ00", 8880, 990, 11.1),
    ("GM0457", "2022JJ00", 3655, 345, 9.4),
    ("GM0363", "2022JJ00", 157505, 18485, 11.7),
    ("GM0363", "2023JJ00", 161400, 19010, 11.8),
    ("GM1979", "2023JJ00", 8850, 985, 11.1),
]
# the variant 99003TST-both adds a successor published before it was formed and a
# former municipality published after it ended
BOTH = [
    ("GM1979", "2020JJ00", 9000, 1000, 11.1),
    ("GM0457", "2023JJ00", 3700, 350, 9.5),
]

# the variant 99003TST-2014: changes of 2015-2019 (a chain through a new name
# and code, a merger into an existing code, Winsum split over two new codes)
EARLY_REGIONS = [("GM0265", "Millingen aan de Rijn"), ("GM0282", "Ubbergen"),
                 ("GM0241", "Groesbeek"), ("GM0005", "Bedum"), ("GM1651", "Eemsmond"),
                 ("GM1663", "De Marne"), ("GM0053", "Winsum"), ("GM0015", "Grootegast"),
                 ("GM0022", "Leek"), ("GM0025", "Marum"), ("GM0056", "Zuidhorn"),
                 ("GM0014", "Groningen (gemeente)"), ("GM0009", "Ten Boer"),
                 ("GM0017", "Haren")]
EARLY_PERIODS = [("2014JJ00", "Definitief"), ("2018JJ00", "Definitief")]
EARLY = [
    ("GM0265", "2014JJ00", 1200, 100, 8.3),
    ("GM0282", "2014JJ00", 1900, 150, 7.9),
    ("GM0241", "2014JJ00", 3600, 300, 8.3),
    ("GM0005", "2018JJ00", 2000, 200, 10.0),
    ("GM1651", "2018JJ00", 3000, 300, 10.0),
    ("GM1663", "2018JJ00", 2000, 250, 12.5),
    ("GM0053", "2018JJ00", 2500, 400, 16.0),
    ("GM0015", "2018JJ00", 2400, 250, 10.4),
    ("GM0022", "2018JJ00", 4000, 500, 12.5),
    ("GM0025", "2018JJ00", 2100, 200, 9.5),
    ("GM0056", "2018JJ00", 3800, 350, 9.2),
    ("GM0014", "2018JJ00", 37000, 4800, 13.0),
    ("GM0009", "2018JJ00", 1500, 150, 10.0),
    ("GM0017", "2018JJ00", 3500, 300, 8.6),
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


def main(entries, regions=REGIONS, periods=PERIODS):
    os.makedirs(OUT, exist_ok=True)
    info = (prop("ID", 1, "Edm.Int32") + prop("Title", "Herindelingen (testtabel)") +
            prop("ShortTitle", "Herindelingen") + prop("Identifier", TABLE) +
            prop("Summary", "Testtabel") +
            prop("Modified", "2025-07-01T02:00:00", "Edm.DateTime") +
            prop("Period", "2020 - 2023") +
            prop("ShortDescription", "Testtabel met gemeentelijke herindelingen") +
            prop("Description", "Verzonnen waarden voor de tests van jb-transform."))
    write("TableInfos.xml", feed("TableInfos", "Cbs.OData.TableInfo", [(0, info)]))
    props = [
        (0, data_property(0, "GeoDimension", "RegioS", "Regio's", "", "")),
        (1, data_property(1, "TimeDimension", "Perioden", "Perioden", "", "")),
        (2, data_property(2, "Topic", "JongerenTot18Jaar_1", "Jongeren tot 18 jaar", "aantal", "Long")),
        (3, data_property(3, "Topic", "JongerenMetJeugdhulp_2", "Jongeren met jeugdhulp", "aantal", "Long")),
        (4, data_property(4, "Topic", "PercentageJeugdhulp_3", "Jongeren met jeugdhulp", "%", "Double")),
    ]
    write("DataProperties.xml", feed("DataProperties", "Cbs.OData.DataProperty", props))
    write("RegioS.xml", feed("RegioS", "Cbs.OData.Dimension", [
        ("'%s'" % code, prop("Key", code.ljust(10), space=True) + prop("Title", title) +
         prop("Description", "") + prop("CategoryGroupID", None, "Edm.Int32"))
        for code, title in regions]))
    write("Perioden.xml", feed("Perioden", "Cbs.OData.TimeDimension", [
        ("'%s'" % key, prop("Key", key, space=True) + prop("Title", key[:4]) +
         prop("Description", "") + prop("Status", status))
        for key, status in periods]))
    rows = []
    for i, (region, period, population, care, percentage) in enumerate(entries):
        rows.append((i, prop("ID", i, "Edm.Int32") + prop("RegioS", region.ljust(10), space=True) +
                     prop("Perioden", period) +
                     prop("JongerenTot18Jaar_1", population, "Edm.Int32") +
                     prop("JongerenMetJeugdhulp_2", care, "Edm.Int32") +
                     prop("PercentageJeugdhulp_3", percentage, "Edm.Double")))
    write("TypedDataSet.xml", feed("TypedDataSet", "Cbs.OData.TData", rows))


main(ENTRIES)
OUT = os.path.join(HERE, TABLE + "-both")
main(ENTRIES + BOTH)
OUT = os.path.join(HERE, TABLE + "-2014")
main(EARLY, EARLY_REGIONS, EARLY_PERIODS)
