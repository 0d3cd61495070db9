#!/bin/sh
# Command-line tests of jb-synth: the committed snapshot is exactly what
# jb-synth regenerates, the real values are those of the sources, the
# municipality sets follow the boundary files (tests/synth/data/), paging,
# determinism and exit statuses.
. tests/lib/cli.sh

help_test jb-synth
run jb-synth --help
expect "help documents exit status 74" stdout_has "74 write error"

# --- regenerating gives the committed snapshot byte for byte ---------------
snap=$T/snapshot
for command in kerncijfers wijkbuurtkaart jeugdzorg; do
	run jb-synth "$command" --sources fetch/snapshot/sources -o "$snap"
	expect "$command exits 0" status 0
	expect "$command is silent" stderr_empty -
done
for table in 84799NED WBK2022 85099SYN; do
	committed=$(cd fetch/snapshot/$table && ls)
	generated=$(cd "$snap/$table" && ls)
	[ "$committed" = "$generated" ] && _ok "$table: same files as committed" ||
		_not_ok "$table: same files as committed" "committed: $committed" "generated: $generated"
	for file in fetch/snapshot/$table/*.xml; do
		expect "$table/$(basename "$file") is byte-identical" same "$file:$snap/$table/$(basename "$file")"
	done
done
no_temp_files "no temporary files left" "$snap"
if command -v xmllint >/dev/null 2>&1; then
	bad=$(for f in "$snap"/*/*.xml; do xmllint --noout "$f" 2>&1 >/dev/null || echo "$f"; done)
	[ -z "$bad" ] && _ok "every file is well-formed XML" || _not_ok "every file is well-formed XML" "$bad"
fi

# the value of one topic for one region (first entry of the region)
value_of() { # FILE DIMENSION REGION TOPIC
	awk -v dim="$2" -v region="$3" -v topic="$4" '
		index($0, "<d:" dim " ") { v = $0; sub(/^[^>]*>/, "", v); sub(/ *<.*/, "", v); current = v }
		current == region && index($0, "<d:" topic " ") {
			v = $0; sub(/^[^>]*>/, "", v); sub(/<.*/, "", v); print v; exit }' "$1"
}

# --- 84799NED: real KWB 2020 values ------------------------------------------
kwb=$snap/84799NED/TypedDataSet.xml
[ "$(value_of "$kwb" WijkenEnBuurten GM1680 AantalInwoners_5)" = 25445 ] &&
	_ok "84799NED: Aa en Hunze has 25445 inhabitants" || _not_ok "84799NED: Aa en Hunze has 25445 inhabitants"
[ "$(value_of "$kwb" WijkenEnBuurten NL00 AantalInwoners_5)" = 17407585 ] &&
	_ok "84799NED: Nederland has 17407585 inhabitants" || _not_ok "84799NED: Nederland has 17407585 inhabitants"
[ "$(grep -c '<entry>' "$kwb")" = 356 ] && _ok "84799NED: 356 entries" || _not_ok "84799NED: 356 entries"
grep -q '<d:WijkenEnBuurten xml:space="preserve">GM1680    </d:WijkenEnBuurten>' "$kwb" &&
	_ok "84799NED: keys padded to 10" || _not_ok "84799NED: keys padded to 10"
grep -q '<d:Title>Kerncijfers wijken en buurten 2020</d:Title>' "$snap/84799NED/TableInfos.xml" &&
	_ok "84799NED: real title" || _not_ok "84799NED: real title"
grep -q '<d:Modified m:type="Edm.DateTime">2021-03-26T02:00:00</d:Modified>' "$snap/84799NED/TableInfos.xml" &&
	_ok "84799NED: real Modified" || _not_ok "84799NED: real Modified"

# --- WBK2022: real wijk- en buurtkaart values, reconstructed layout ---------------
wbk=$snap/WBK2022/TypedDataSet.xml
[ "$(grep -c '<entry>' "$snap/WBK2022/RegioS.xml")" = 345 ] && _ok "WBK2022: 345 regions" || _not_ok "WBK2022: 345 regions"
[ "$(grep -c '<entry>' "$wbk")" = 345 ] && _ok "WBK2022: 345 entries" || _not_ok "WBK2022: 345 entries"
[ "$(value_of "$wbk" RegioS GM0034 PercentageJongerenMetJeugdzorg_1)" = 10.7 ] &&
	_ok "WBK2022: Almere 10.7 %" || _not_ok "WBK2022: Almere 10.7 %"
grep -q 'gereconstrueerd door jeugdbench' "$snap/WBK2022/TableInfos.xml" &&
	_ok "WBK2022: says the layout is reconstructed" || _not_ok "WBK2022: says the layout is reconstructed"
grep -q 'referentiejaar niet geverifieerd' "$snap/WBK2022/TableInfos.xml" &&
	_ok "WBK2022: reference year not verified" || _not_ok "WBK2022: reference year not verified"
! grep -q 'GM0998' "$snap/WBK2022/RegioS.xml" && _ok "WBK2022: no Buitenland" || _not_ok "WBK2022: no Buitenland"

# --- 85099SYN: synthetic, municipality sets per year -------------------------------
syn=$snap/85099SYN/TypedDataSet.xml
# codes of municipalities per period, one "PERIOD CODE" a line
awk '/<d:RegioS / { v = $0; sub(/^[^>]*>/, "", v); sub(/ *<.*/, "", v); region = v }
     /<d:Perioden>/ { v = $0; sub(/^[^>]*>/, "", v); sub(/<.*/, "", v); if (region ~ /^GM/) print v, region }' \
	"$syn" >"$T/codes"
for pair in 2020:355 2021:352 2022:345 2023:342 2024:342; do
	year=${pair%:*} count=${pair#*:}
	got=$(grep -c "^${year}JJ00 " "$T/codes")
	[ "$got" = "$count" ] && _ok "85099SYN: $count municipalities in $year" ||
		_not_ok "85099SYN: $count municipalities in $year" "got $got"
done
for pair in 2020:2020 2021:2021 2022:2022 2023:2023 2024:2025; do
	year=${pair%:*} file=tests/synth/data/gemeenten_${pair#*:}.csv
	grep "^${year}JJ00 " "$T/codes" | cut -d' ' -f2 | sort >"$T/got"
	tail -n +2 "$file" | cut -d, -f1 | sort >"$T/want"
	cmp -s "$T/got" "$T/want" && _ok "85099SYN: $year codes equal $(basename "$file")" ||
		_not_ok "85099SYN: $year codes equal $(basename "$file")" "$(diff "$T/want" "$T/got" | head -n 4)"
done
grep -q "^2022JJ00 GM0457$" "$T/codes" && _ok "85099SYN: Weesp in 2022" || _not_ok "85099SYN: Weesp in 2022"
grep -q "^2023JJ00 GM0457$" "$T/codes" && _not_ok "85099SYN: no Weesp in 2023" || _ok "85099SYN: no Weesp in 2023"
grep -q '<d:Title>SYNTHETISCH - Jongeren met jeugdzorg; gemeenten' "$snap/85099SYN/TableInfos.xml" &&
	_ok "85099SYN: title says SYNTHETISCH" || _not_ok "85099SYN: title says SYNTHETISCH"
grep -q '<d:Source>synthetisch' "$snap/85099SYN/TableInfos.xml" &&
	_ok "85099SYN: source says synthetisch" || _not_ok "85099SYN: source says synthetisch"
grep -A1 '2024JJ00</d:Key>' "$snap/85099SYN/Perioden.xml" | grep -q . &&
	grep -q '<d:Status>Voorlopig</d:Status>' "$snap/85099SYN/Perioden.xml" &&
	[ "$(grep -c '<d:Status>Definitief</d:Status>' "$snap/85099SYN/Perioden.xml")" = 4 ] &&
	_ok "85099SYN: 2024 voorlopig, others definitief" || _not_ok "85099SYN: 2024 voorlopig, others definitief"
bad=$(grep -E '<d:Jongeren[A-Za-z0-9_]+ m:type="Edm.Int(32|64)">' "$syn" |
	sed 's/.*">\([0-9]*\)<.*/\1/' | awk '$1 % 5 != 0' | head -n 3)
[ -z "$bad" ] && _ok "85099SYN: counts are multiples of 5" || _not_ok "85099SYN: counts are multiples of 5" "$bad"
grep -q 'm:null="true" />' "$syn" && _ok "85099SYN: small cells are null" || _not_ok "85099SYN: small cells are null"

# --- the seed: configuration, option ---------------------------------------------
printf '[jeugdbench]\nseed = 7\n' >"$T/seed7.ini"
run jb-synth jeugdzorg -c "$T/seed7.ini" -o "$T/seed7"
expect "seed from the configuration: exits 0" status 0
cmp -s "$T/seed7/85099SYN/TypedDataSet.xml" "$syn" && _not_ok "another seed gives other counts" || _ok "another seed gives other counts"
run jb-synth jeugdzorg -c "$T/seed7.ini" --seed 20150101 -o "$T/seed7"
expect "--seed overrides the configuration" same "$T/seed7/85099SYN/TypedDataSet.xml:$syn"
printf '[jeugdbench]\nsede = 7\n' >"$T/bad.ini"
run jb-synth jeugdzorg -c "$T/bad.ini" -o "$T/bad"
expect "a bad configuration exits 78" status 78

# --- paging and determinism with --scale ---------------------------------------------
run jb-synth jeugdzorg --scale 10 --topics 2 -o "$T/big"
expect "--scale 10 exits 0" status 0
expect "--scale 10 writes a second page" file_exists "$T/big/85099SYN/TypedDataSet.skip10000.xml"
grep -q '<link rel="next" href="https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=10000" />' \
	"$T/big/85099SYN/TypedDataSet.xml" && _ok "first page links to the next" || _not_ok "first page links to the next"
[ "$(grep -c '<entry>' "$T/big/85099SYN/TypedDataSet.xml")" = 10000 ] &&
	_ok "a page holds 10000 entries" || _not_ok "a page holds 10000 entries"
grep -q 'rel="next"' "$T/big/85099SYN/TypedDataSet.skip10000.xml" &&
	_not_ok "last page has no next link" || _ok "last page has no next link"
grep -q 'GMS003195 ' "$T/big/85099SYN/RegioS.xml" && _ok "copies are named GMS......" || _not_ok "copies are named GMS......"
grep -q 'SynthetischeTelling2_8' "$T/big/85099SYN/DataProperties.xml" && _ok "--topics adds topics" || _not_ok "--topics adds topics"
run jb-synth jeugdzorg --scale 10 --topics 2 -o "$T/big2"
expect "the same arguments give the same bytes" same "$T/big/85099SYN/TypedDataSet.skip10000.xml:$T/big2/85099SYN/TypedDataSet.skip10000.xml"
run jb-synth jeugdzorg -o "$T/big"
expect "a shorter run removes stale pages" no_file "$T/big/85099SYN/TypedDataSet.skip10000.xml"
run jb-synth jeugdzorg --years 2015-2024 -o "$T/long"
[ "$(grep -c '<d:Key>20[0-9][0-9]JJ00</d:Key>' "$T/long/85099SYN/Perioden.xml")" = 10 ] &&
	_ok "--years 2015-2024 gives 10 periods" || _not_ok "--years 2015-2024 gives 10 periods"

# --- --print and write errors ------------------------------------------------------
run jb-synth wijkbuurtkaart --print TableInfos
expect "--print writes one response" stdout_is "fetch/snapshot/WBK2022/TableInfos.xml"
"$BIN/jb-synth" jeugdzorg --print TypedDataSet >/dev/full 2>"$err"
status=$?
expect "writing to /dev/full exits 74" status 74
expect "writing to /dev/full says so" stderr_has "jb-synth: write error on standard output"
run jb-synth jeugdzorg --print NoSuchSet
expect "--print of an unknown response exits 64" status 64

# --- usage and input errors ----------------------------------------------------------
run jb-synth frobnicate -o "$T/x"
expect "unknown command exits 64" status 64
run jb-synth jeugdzorg
expect "no output folder exits 64" status 64
run jb-synth jeugdzorg --years 2024-2020 -o "$T/x"
expect "backward years exit 64" status 64
run jb-synth jeugdzorg --scale 0 -o "$T/x"
expect "scale 0 exits 64" status 64
run jb-synth kerncijfers --sources "$T/none" -o "$T/x"
expect "missing sources exit 66" status 66
expect "missing sources are named" stderr_has "$T/none/kwb2020_gemeenten.csv"
mkdir -p "$T/badsrc"
cp fetch/snapshot/sources/*.csv "$T/badsrc/"
sed '3s/,25445,/,25x45,/' fetch/snapshot/sources/kwb2020_gemeenten.csv >"$T/badsrc/kwb2020_gemeenten.csv"
run jb-synth kerncijfers --sources "$T/badsrc" -o "$T/x"
expect "a malformed number exits 65" status 65
expect "a malformed number names file and line" stderr_has "kwb2020_gemeenten.csv:3:"
run jb-synth jeugdzorg -r "$T/none.csv" -o "$T/x"
expect "missing reorganisations exit 66" status 66
run jb-synth kerncijfers -o /dev/full
expect "an output that cannot be created exits 73" status 73
