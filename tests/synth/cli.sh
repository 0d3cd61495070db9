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
for command in kerncijfers wijkbuurtkaart jeugdzorg verwijzers leeftijd lasten; do
	run jb-synth "$command" --sources fetch/snapshot/sources -o "$snap"
	expect "$command exits 0" status 0
	expect "$command is silent" stderr_empty -
done
for table in 84799NED WBK2022 85099SYN 85097SYN 84134SYN 45042SYN; do
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

# --- 85097SYN, 84134SYN, 45042SYN: the tables of issue 8 ----------------------------
# every value as one line "CATEGORY REGION PERIOD TOPIC VALUE" (VALUE "null" when null)
cube_rows() { # TABLE DIMENSION
	cat "$snap/$1"/TypedDataSet*.xml | awk -v dim="$2" '
		function text(line) { sub(/^[^>]*>/, "", line); sub(/ *<.*/, "", line); return line }
		index($0, "<d:" dim " ") { category = text($0) }
		index($0, "<d:RegioS ") { region = text($0) }
		index($0, "<d:Perioden>") { period = text($0) }
		/<d:[A-Za-z]+_[0-9]+ / {
			topic = $0; sub(/^ *<d:/, "", topic); sub(/ .*/, "", topic)
			print category, region, period, topic, (index($0, "m:null=\"true\"") ? "null" : text($0)) }'
}
cube_rows 85097SYN Verwijzer >"$T/referrals"
cube_rows 84134SYN Leeftijd >"$T/ages"
cube_rows 45042SYN Taakvelden >"$T/spending"
for spec in 85097SYN:referrals:8:1 84134SYN:ages:5:2 45042SYN:spending:5:2; do
	table=$(echo "$spec" | cut -d: -f1) rows=$(echo "$spec" | cut -d: -f2)
	categories=$(echo "$spec" | cut -d: -f3) topics=$(echo "$spec" | cut -d: -f4)
	want=$((categories * (5 + 355 + 352 + 345 + 342 + 342)))
	got=$(cat "$snap/$table"/TypedDataSet*.xml | grep -c '<entry>')
	[ "$got" = "$want" ] && _ok "$table: $want entries" || _not_ok "$table: $want entries" "got $got"
	[ "$(wc -l <"$T/$rows")" -eq $((want * topics)) ] && _ok "$table: $topics topics per entry" ||
		_not_ok "$table: $topics topics per entry"
	for year in 2020 2021 2022 2023 2024; do
		# per category, the municipalities of each year are those of 85099SYN
		awk -v y="${year}JJ00" '$3 == y && $2 ~ /^GM/ { print $1, $2 }' "$T/$rows" | sort -u >"$T/pairs"
		grep "^${year}JJ00 " "$T/codes" | cut -d' ' -f2 | sort >"$T/want"
		bad=$(cut -d' ' -f1 "$T/pairs" | sort -u | while read -r category; do
			grep "^$category " "$T/pairs" | cut -d' ' -f2 | sort | cmp -s - "$T/want" || echo "$category"
		done)
		[ -z "$bad" ] && _ok "$table: municipalities of $year as in 85099SYN" ||
			_not_ok "$table: municipalities of $year as in 85099SYN" "categories: $bad"
	done
	grep -q '<d:Title>SYNTHETISCH - ' "$snap/$table/TableInfos.xml" &&
		_ok "$table: title starts with SYNTHETISCH" || _not_ok "$table: title starts with SYNTHETISCH"
	grep -q '<d:Source>synthetisch' "$snap/$table/TableInfos.xml" &&
		grep -q '<d:ShortDescription>SYNTHETISCH: deze cijfers zijn synthetisch' "$snap/$table/TableInfos.xml" &&
		_ok "$table: source and description say synthetisch" ||
		_not_ok "$table: source and description say synthetisch"
done
[ "$(grep -c '<entry>' "$snap/85097SYN/TypedDataSet.xml")" = 10000 ] &&
	grep -q '<link rel="next" href="https://opendata.cbs.nl/ODataFeed/odata/85097SYN/TypedDataSet?$skip=10000" />' \
		"$snap/85097SYN/TypedDataSet.xml" && _ok "85097SYN: two pages, the first links to the second" ||
	_not_ok "85097SYN: two pages, the first links to the second"
grep -q 'xml:base="https://dataderden.cbs.nl/ODataFeed/odata/45042SYN/"' "$snap/45042SYN/TypedDataSet.xml" &&
	! grep -q 'opendata.cbs.nl' "$snap/45042SYN/TypedDataSet.xml" &&
	_ok "45042SYN: served by dataderden.cbs.nl" || _not_ok "45042SYN: served by dataderden.cbs.nl"
for title in "Totaal verwijzers" "Gemeentelijke toegang" "Huisarts" "Jeugdarts" "Gecertificeerde instelling" \
	"Medisch specialist" "Rechter, Officier van Justitie" "Geen verwijzer"; do
	grep -q "<d:Title>$title</d:Title>" "$snap/85097SYN/Verwijzer.xml" && _ok "85097SYN: verwijzer '$title'" ||
		_not_ok "85097SYN: verwijzer '$title'"
done
grep -q '<d:Key xml:space="preserve">VW02  </d:Key>' "$snap/85097SYN/Verwijzer.xml" &&
	_ok "85097SYN: verwijzer keys padded to 6" || _not_ok "85097SYN: verwijzer keys padded to 6"
for title in "Totaal 0 tot 23 jaar" "0 tot 4 jaar" "4 tot 12 jaar" "12 tot 18 jaar" "18 tot 23 jaar"; do
	grep -q "<d:Title>$title</d:Title>" "$snap/84134SYN/Leeftijd.xml" && _ok "84134SYN: leeftijd '$title'" ||
		_not_ok "84134SYN: leeftijd '$title'"
done
for title in "6.1 Samenkracht en burgerparticipatie" "6.2 Toegang en eerstelijnsvoorzieningen" \
	"6.72 Maatwerkdienstverlening 18-" "6.82 Geëscaleerde zorg 18-" "7.1 Volksgezondheid"; do
	grep -q "<d:Title>$title</d:Title>" "$snap/45042SYN/Taakvelden.xml" && _ok "45042SYN: taakveld '$title'" ||
		_not_ok "45042SYN: taakveld '$title'"
done
grep -q '<d:Unit>x 1 000 euro</d:Unit>' "$snap/45042SYN/DataProperties.xml" &&
	_ok "45042SYN: unit x 1 000 euro" || _not_ok "45042SYN: unit x 1 000 euro"

# publication: counts are multiples of 5 and at least 10, some null; amounts never null
bad=$(cat "$T/referrals" "$T/ages" | awk '$5 != "null" && ($5 % 5 != 0 || $5 < 10)' | head -n 3)
[ -z "$bad" ] && _ok "85097SYN, 84134SYN: counts are multiples of 5, at least 10" ||
	_not_ok "85097SYN, 84134SYN: counts are multiples of 5, at least 10" "$bad"
grep -q ' null$' "$T/referrals" && _ok "85097SYN: small cells are null" || _not_ok "85097SYN: small cells are null"
grep -q ' null$' "$T/ages" && _ok "84134SYN: small cells are null" || _not_ok "84134SYN: small cells are null"
bad=$(awk '$5 == "null" || $5 < 0 || ($4 == "Lasten_1" && $5 <= 0)' "$T/spending" | head -n 3)
[ -z "$bad" ] && _ok "45042SYN: every amount published, lasten positive" ||
	_not_ok "45042SYN: every amount published, lasten positive" "$bad"

# totals are sums of the categories before rounding: the published total is within
# 2.5 per rounded term of the published parts, where no part is null
check_totals() { # ROWS TOTAL_CATEGORY TOPIC SLACK
	awk -v total="$2" -v topic="$3" -v slack="$4" '
		$4 != topic { next }
		{ key = $2 " " $3 }
		$1 == total { t[key] = $5; next }
		$5 == "null" { hole[key] = 1; next }
		{ sum[key] += $5 }
		END { for (k in t) if (t[k] != "null" && !(k in hole) &&
			(t[k] - sum[k] > slack || sum[k] - t[k] > slack)) print k, t[k], sum[k] }' "$1"
}
checked() { # ROWS TOTAL_CATEGORY TOPIC: number of totals compared
	awk -v total="$2" -v topic="$3" '$4 == topic { k = $2 " " $3; if ($1 == total) t[k] = $5; else if ($5 == "null") h[k] = 1 }
		END { for (k in t) if (t[k] != "null" && !(k in h)) n++; print n + 0 }' "$1"
}
mismatch=$(check_totals "$T/referrals" T001 JeugdhulptrajectenInNatura_1 20)
[ -z "$mismatch" ] && [ "$(checked "$T/referrals" T001 JeugdhulptrajectenInNatura_1)" -gt 1000 ] &&
	_ok "85097SYN: total verwijzers = sum of the verwijzers" ||
	_not_ok "85097SYN: total verwijzers = sum of the verwijzers" "$(echo "$mismatch" | head -n 3)"
for topic in JongerenMetJeugdzorg_1 Inwoners_2; do
	mismatch=$(check_totals "$T/ages" LT0023 $topic 12.5)
	[ -z "$mismatch" ] && [ "$(checked "$T/ages" LT0023 $topic)" -gt 1000 ] &&
		_ok "84134SYN: $topic of 0-23 = sum of the bands" ||
		_not_ok "84134SYN: $topic of 0-23 = sum of the bands" "$(echo "$mismatch" | head -n 3)"
done
# the 0-17 bands add up to 85099SYN's population 0-17 (four numbers rounded to 5)
awk '/<d:RegioS /{ v = $0; sub(/^[^>]*>/, "", v); sub(/ *<.*/, "", v); r = v }
     /<d:Perioden>/{ v = $0; sub(/^[^>]*>/, "", v); sub(/<.*/, "", v); p = v }
     /<d:JongerenTot18Jaar_1 /{ v = $0; sub(/^[^>]*>/, "", v); sub(/<.*/, "", v); print r "_" p, v }' "$syn" |
	sort >"$T/youth"
awk '$4 == "Inwoners_2" && ($1 == "LT0004" || $1 == "LT0412" || $1 == "LT1218") { s[$2 "_" $3] += $5 }
	END { for (k in s) print k, s[k] }' "$T/ages" | sort >"$T/bands"
mismatch=$(join "$T/bands" "$T/youth" | awk '$2 - $3 > 7.5 || $3 - $2 > 7.5' | head -n 3)
[ -z "$mismatch" ] && [ "$(join "$T/bands" "$T/youth" | wc -l)" -eq 1741 ] &&
	_ok "84134SYN: 0-17 inhabitants equal 85099SYN's (up to rounding)" ||
	_not_ok "84134SYN: 0-17 inhabitants equal 85099SYN's (up to rounding)" "$mismatch"

# shares on average within the documented ranges (fetch/snapshot/README.md)
share() { # ROWS CATEGORY TOTAL TOPIC: pooled share over the municipalities, all years
	awk -v c="$2" -v t="$3" -v topic="$4" '$4 == topic && $2 ~ /^GM/ && $5 != "null" {
		if ($1 == c) n += $5; if ($1 == t) d += $5 } END { printf "%.4f\n", n / d }' "$1"
}
in_range() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x >= lo && x <= hi) }'; }
for spec in VW01:0.38:0.50 VW02:0.27:0.36 VW03:0.02:0.06 VW04:0.06:0.10 VW05:0.05:0.09 \
	VW06:0.01:0.03 VW07:0.02:0.06; do
	category=$(echo "$spec" | cut -d: -f1) lo=$(echo "$spec" | cut -d: -f2) hi=$(echo "$spec" | cut -d: -f3)
	x=$(share "$T/referrals" "$category" T001 JeugdhulptrajectenInNatura_1)
	in_range "$x" "$lo" "$hi" && _ok "85097SYN: share of $category in [$lo, $hi]" ||
		_not_ok "85097SYN: share of $category in [$lo, $hi]" "got $x"
done
x=$(share "$T/ages" LT1823 LT1218 JongerenMetJeugdzorg_1)
in_range "$x" 0.17 0.25 && _ok "84134SYN: care 18-22 is about a fifth of care 12-17" ||
	_not_ok "84134SYN: care 18-22 is about a fifth of care 12-17" "got $x"
# prevention share (6.1 + 6.2 + 0.6 x 7.1) / (that + 6.72 + 6.82) per municipality, mean by year
awk '$4 == "Lasten_1" && $2 ~ /^GM/ { k = $2 " " $3; y[k] = $3
	if ($1 == "6.1" || $1 == "6.2") p[k] += $5; else if ($1 == "7.1") p[k] += 0.6 * $5; else c[k] += $5 }
     END { for (k in p) { s[y[k]] += p[k] / (p[k] + c[k]); n[y[k]]++ }
	for (t in s) printf "%s %.4f\n", t, s[t] / n[t] }' "$T/spending" | sort >"$T/prevention"
first=$(awk 'NR == 1 { print $2 }' "$T/prevention") last=$(awk 'END { print $2 }' "$T/prevention")
in_range "$first" 0.13 0.17 && _ok "45042SYN: prevention share 2020 about 15%" ||
	_not_ok "45042SYN: prevention share 2020 about 15%" "got $first"
awk -v a="$first" -v b="$last" 'BEGIN { exit !(b > a + 0.01) }' && _ok "45042SYN: prevention share rises" ||
	_not_ok "45042SYN: prevention share rises" "2020 $first, 2024 $last"

# the new commands follow the seed and the options as jeugdzorg does
run jb-synth lasten --seed 7 -o "$T/seed7"
cmp -s "$T/seed7/45042SYN/TypedDataSet.xml" "$snap/45042SYN/TypedDataSet.xml" &&
	_not_ok "lasten: another seed gives other amounts" || _ok "lasten: another seed gives other amounts"
run jb-synth verwijzers --print Verwijzer
expect "verwijzers --print Verwijzer" stdout_is "fetch/snapshot/85097SYN/Verwijzer.xml"
run jb-synth leeftijd --years 2022-2024 -o "$T/short"
[ "$(grep -c '<entry>' "$T/short/84134SYN/TypedDataSet.xml")" = $((5 * (3 + 345 + 342 + 342))) ] &&
	_ok "leeftijd --years 2022-2024: entries of three years" ||
	_not_ok "leeftijd --years 2022-2024: entries of three years"

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
