#!/usr/bin/env python3
"""Writes the test table 99005TST twice: as OData v3 Atom (99005TST/) and as OData v4 JSON
(99005TST-v4/), so that tests/transform/cli.sh can check both give the same tidy CSV.

Run once from the repository root: python3 tests/transform/data/make_99005TST.py
Codes, titles, units and data types are real, from CBS table 83765NED (Kerncijfers wijken
en buurten 2017, OData v4 metadata; see tests/transform/data/PROVENANCE.md); the
Perioden dimension and every value are invented.
The v4 observations are deliberately out of order (measures of the first entry reversed,
two entries interleaved, an entry split across the two pages, one measure without an
observation) to exercise the regrouping; entries keep the order of their first
observation, which is the Atom order.
"""
import json
import os

TABLE = "99005TST"
HERE = os.path.dirname(os.path.abspath(__file__))
ATOM = os.path.join(HERE, TABLE)
V4 = os.path.join(HERE, TABLE + "-v4")
BASE = "https://opendata.cbs.nl/ODataFeed/odata/%s/" % TABLE
V4BASE = "https://odata4.cbs.nl/CBS/%s/" % TABLE

TITLE = "Kerncijfers wijken en buurten 2017 (test table: invented values)"
MODIFIED = "2020-11-06T00:00:00"
SHORT = "Overzicht van statistische gegevens van gemeenten, wijken en buurten in Nederland."
# (Identifier, Title, Unit, DataType, Decimals): rows of 83765NED MeasureCodes
# (those that are XML names: an Atom element cannot be called "3000")
MEASURES = [("T001036", "Aantal inwoners", "aantal", "Long", 0),
            ("M000173_1", "Geboorte totaal", "aantal", "Long", 0),
            ("M000173_2", "Geboorte relatief", "per 1 000 inwoners", "Long", 0),
            ("M000297", "Woningvoorraad", "aantal", "Long", 0),
            ("M000114", "Gemiddelde huishoudensgrootte", "aantal", "Double", 1)]
# rows of 83765NED WijkenEnBuurtenCodes (Identifier, Title)
REGIONS = [("NL00", "Nederland"), ("GM0003", "Appingedam"), ("GM0010", "Delfzijl"),
           ("GM0024", "Loppersum"), ("GM0014", "Groningen"), ("GM0363", "Amsterdam"),
           ("WK036300", "Burgwallen-Oude Zijde")]
PERIODS = [("2017JJ00", "2017", "Definitief"), ("2018JJ00", "2018", "Voorlopig")]
# One value: a number, or (ValueAttribute, Atom text): Atom null is None
NULL = ("None", None)
UNKNOWN = ("Unknown", ".")
SECRET = ("Confidential", "x")
IMPOSSIBLE = ("Impossible", None)
ABSENT = "absent"  # no observation in v4, no property in Atom
CELLS = [
    ("NL00", "2017JJ00", [17081507, 169836, 10, 7686178, 2.2]),
    ("GM0003", "2017JJ00", [11801, 95, 8, 5810, 2.1]),
    ("GM0010", "2017JJ00", [25040, 205, 8, UNKNOWN, 2.0]),
    ("GM0024", "2017JJ00", [10060, 85, 8, 4390, NULL]),
    ("GM0014", "2017JJ00", [202810, 1950, 10, 106740, 1.6]),
    ("GM0363", "2017JJ00", [844947, SECRET, 12, 429500, 1.8]),
    ("WK036300", "2017JJ00", [4340, 30, 7, 3110, IMPOSSIBLE]),
    ("GM0003", "2018JJ00", [11715, 90, ABSENT, 5805, 2.1]),
    ("GM0010", "2018JJ00", [24865, 210, 8, 12180, 2.0]),
    ("GM0024", "2018JJ00", [9985, 80, 8, 4385, 2.3]),
]


def write(folder, name, body):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(body)


def xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed(entity, term, entries):
    body = ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
            '<feed xml:base="%s" xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" '
            'xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">\n'
            '  <id>%s%s</id>\n  <title type="text">%s</title>\n'
            '  <updated>2025-07-01T02:00:00Z</updated>\n'
            '  <link rel="self" title="%s" href="%s" />\n') % (BASE, BASE, entity, entity,
                                                              entity, entity)
    for key, props in entries:
        body += ('  <entry>\n    <id>%s%s(%s)</id>\n'
                 '    <category term="%s" scheme="http://schemas.microsoft.com/ado/2007/08/'
                 'dataservices/scheme" />\n'
                 '    <title /><updated>2025-07-01T02:00:00Z</updated><author><name /></author>\n'
                 '    <content type="application/xml">\n      <m:properties>\n%s'
                 '      </m:properties>\n    </content>\n  </entry>\n') % (BASE, entity, key,
                                                                          term, props)
    return body + "</feed>\n"


def prop(name, value, edm=None):
    if value is None:
        return '        <d:%s m:type="%s" m:null="true" />\n' % (name, edm or "Edm.String")
    attr = ' m:type="%s"' % edm if edm else ""
    return "        <d:%s%s>%s</d:%s>\n" % (name, attr, xml_text(str(value)), name)


def atom_value(value):
    """The UntypedDataSet text of a value (None: null); 2.0 as "2", the shortest form."""
    if isinstance(value, tuple):
        return value[1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_atom():
    info = (prop("ID", 1, "Edm.Int32") + prop("Title", TITLE) + prop("Identifier", TABLE) +
            prop("Modified", MODIFIED, "Edm.DateTime") + prop("Period", "2017-2018") +
            prop("ShortDescription", SHORT) + prop("Description", "") +
            prop("OutputStatus", "Regulier") + prop("Source", "CBS."))
    write(ATOM, "TableInfos.xml", feed("TableInfos", "Cbs.OData.TableInfo", [(1, info)]))
    props = [("WijkenEnBuurten", "GeoDetail", "Wijken en buurten", "", "", ""),
             ("Perioden", "TimeDimension", "Perioden", "", "", "")]
    props += [(key, "Topic", title, unit, datatype, decimals)
              for key, title, unit, datatype, decimals in MEASURES]
    entries = []
    for position, (key, kind, title, unit, datatype, decimals) in enumerate(props):
        body = (prop("ID", position, "Edm.Int32") + prop("Position", position, "Edm.Int32") +
                prop("Type", kind) + prop("Key", key) + prop("Title", title))
        if kind == "Topic":
            body += (prop("Unit", unit) + prop("Decimals", decimals, "Edm.Int32") +
                     prop("Datatype", datatype))
        entries.append((position, body))
    write(ATOM, "DataProperties.xml", feed("DataProperties", "Cbs.OData.DataProperty", entries))
    write(ATOM, "WijkenEnBuurten.xml", feed("WijkenEnBuurten", "Cbs.OData.Dimension", [
        ("'%s'" % key, prop("Key", key.ljust(10)) + prop("Title", title))
        for key, title in REGIONS]))
    write(ATOM, "Perioden.xml", feed("Perioden", "Cbs.OData.TimeDimension", [
        ("'%s'" % key, prop("Key", key) + prop("Title", title) + prop("Status", status))
        for key, title, status in PERIODS]))
    entries = []
    for number, (region, period, values) in enumerate(CELLS):
        body = (prop("ID", number, "Edm.Int32") + prop("WijkenEnBuurten", region.ljust(10)) +
                prop("Perioden", period))
        for (key, *_), value in zip(MEASURES, values):
            if value != ABSENT:
                body += prop(key, atom_value(value))
        entries.append((number, body))
    write(ATOM, "UntypedDataSet.xml", feed("UntypedDataSet", "Cbs.OData.UData", entries))


def page(entity, rows, next_skip=None):
    document = {"@odata.context": V4BASE + "$metadata#" + entity, "value": rows}
    if next_skip:
        document["@odata.nextLink"] = V4BASE + "%s?$skip=%d" % (entity, next_skip)
    return json.dumps(document, ensure_ascii=False) + "\n"


def observations():
    """The observations of CELLS in the deliberate order described at the top."""
    per_cell = []
    for region, period, values in CELLS:
        rows = []
        for (key, *_), value in zip(MEASURES, values):
            if value == ABSENT:
                continue
            attribute, number = (value[0], None) if isinstance(value, tuple) else ("None",
                                                                                  float(value))
            rows.append({"Measure": key, "ValueAttribute": attribute, "Value": number,
                         "WijkenEnBuurten": region, "Perioden": period})
        per_cell.append(rows)
    per_cell[0].reverse()
    ordered = per_cell[0]
    a, b = per_cell[1], per_cell[2]
    for i in range(max(len(a), len(b))):
        ordered += a[i:i + 1] + b[i:i + 1]
    for rows in per_cell[3:]:
        ordered += rows
    for number, row in enumerate(ordered):
        row["Id"] = number
    return [{"Id": row["Id"], **{k: v for k, v in row.items() if k != "Id"}} for row in ordered]


def write_v4():
    write(V4, "Properties.json", json.dumps({
        "@odata.context": V4BASE + "$metadata#Properties", "Identifier": TABLE,
        "Title": TITLE, "Description": SHORT, "Language": "nl", "Modified": MODIFIED,
        "TemporalCoverage": "2017-2018", "Catalog": "CBS", "Status": "Regulier",
        "ObservationCount": 48, "DatasetType": "Numeric", "Source": "CBS.",
        "Summary": "Kerncijfers over demografische en sociaal-economische kenmerken"},
        ensure_ascii=False) + "\n")
    write(V4, "Dimensions.json", page("Dimensions", [
        {"Identifier": "WijkenEnBuurten", "Title": "Wijken en buurten", "Description": "",
         "Kind": "GeoDetail", "MapYear": "2017", "ReleasePolicy": False},
        {"Identifier": "Perioden", "Title": "Perioden", "Description": "",
         "Kind": "TimeDimension", "MapYear": None, "ReleasePolicy": False}]))
    write(V4, "MeasureCodes.json", page("MeasureCodes", [
        {"Identifier": key, "Index": index, "Title": title, "Description": "",
         "MeasureGroupId": None, "DataType": datatype, "Unit": unit, "Format": "",
         "Decimals": decimals, "PresentationType": "Absolute"}
        for index, (key, title, unit, datatype, decimals) in enumerate(MEASURES)]))
    codes = [{"Identifier": key, "Index": index + 1, "Title": title, "Description": "",
              "DimensionGroupId": key[:2], "DetailRegionCode": key}
             for index, (key, title) in enumerate(REGIONS)]
    write(V4, "WijkenEnBuurtenCodes.json", page("WijkenEnBuurtenCodes", codes[:4], 4))
    write(V4, "WijkenEnBuurtenCodes.skip4.json", page("WijkenEnBuurtenCodes", codes[4:]))
    write(V4, "PeriodenCodes.json", page("PeriodenCodes", [
        {"Identifier": key, "Index": index + 1, "Title": title, "Description": "",
         "DimensionGroupId": None, "Status": status}
        for index, (key, title, status) in enumerate(PERIODS)]))
    rows = observations()
    write(V4, "Observations.json", page("Observations", rows[:7], 7))
    write(V4, "Observations.skip7.json", page("Observations", rows[7:]))


write_atom()
write_v4()
