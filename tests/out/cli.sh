# jb-report command-line tests: run folders, latest, escaping, failures.
. tests/lib/cli.sh

D=tests/out/data
R=$T/reports
nb=$(printf '\302\240')
report() { run jb-report -c $D/config.ini --tidy $D/tidy -o "$R" "$@"; }

# has NAME FILE TEXT / lacks NAME FILE TEXT: fixed-string checks on an output file
has() { grep -qF -- "$3" "$2" && _ok "$1" || _not_ok "$1" "$2 lacks: $3"; }
lacks() { grep -qF -- "$3" "$2" && _not_ok "$1" "$2 has: $3" || _ok "$1"; }
latest_is() {
	[ "$(readlink "$R/latest")" = "$2" ] && _ok "$1" || _not_ok "$1" "latest -> $(readlink "$R/latest"), expected $2"
}

help_test jb-report
run jb-report --help
expect "help documents exit status 66" stdout_has "66 input missing"
expect "help documents exit status 73" stdout_has "73 output cannot be created"
run jb-report --benchmark $D/benchmark.csv
expect "missing --tidy and -o is a usage error" status 64

report --benchmark $D/benchmark.csv --run-id test1
expect "first run succeeds" status 0
expect "first run prints nothing" stdout_empty -
expect "first run is silent on stderr" stderr_empty -
I=$R/test1/index.html
expect "index.html written" file_exists "$I"
latest_is "latest points to test1" test1
expect "benchmark copied into the run" same "$D/benchmark.csv:$R/test1/benchmark.csv"
for name in Amsterdam Rotterdam Utrecht Groningen; do
	has "index names $name" "$I" ">$name</a>"
done
has "index names the quoted municipality escaped" "$I" "Test &amp; Co &quot;Quote&quot;"
has "Amsterdam's value and interval in its tooltip" "$I" "Amsterdam (GM0363): 10,0$nb% [9,9 - 10,1]"
has "Groningen's value in the table" "$I" "data-sort=\"11.500000\">11,5$nb%</td>"
has "Rotterdam's value in the table" "$I" "data-sort=\"12.000000\">12,0$nb%</td>"
has "Utrecht's count formatted" "$I" ">7.700</td>"
has "value-only indicator shows Rotterdam's published rate" "$I" "Rotterdam (GM0599): 8,7$nb%</title>"
has "value-only indicator has a quartile position" "$I" "laagste kwart"
has "quartiles shown although the last row (withheld) has none" "$I" "<span>Q1 (25%)</span><b>9,5$nb%</b>"
has "synthetic banner" "$I" "Let op: synthetische gegevens &mdash; geen CBS-cijfers"
has "synthetic source note" "$I" "Bron: synthetische gegevens"
has "reconstructed source note names the map" "$I" "echte waarden uit de wijk- en buurtkaart 2022"
has "period label from config" "$I" "Periode: wijk- en buurtkaart 2022"
has "provisional period marked" "$I" "Periode: 2024*"
has "provisional legend" "$I" "* voorlopige cijfers"
has "footer names CBS" "$I" "Bron: CBS"
has "footer names the table and its date" "$I" "85099SYN &mdash; SYNTHETISCH: Jongeren met jeugdzorg; gemeenten, 2020-2024 (gewijzigd 2025-07-01)"
has "footer escapes the info title" "$I" "Wijk- en buurtkaart 2022 &lt;b&gt;gemeenten&lt;/b&gt;"
has "footer names the boundary year" "$I" "Gemeentelijke indeling: 2024"
has "script name escaped" "$I" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "no script from data" "$I" "<script>alert"
lacks "only the page's own script" "$R/test1/gemeente/GM9999.html" "<script>alert"
if grep -rqiE 'https?://|src=|@import|url\(http' "$R/test1"; then
	_not_ok "no external reference in any page" "$(grep -rhoiE 'https?://[^ ]*|src=[^ ]*' "$R/test1" | head -n 3)"
else
	_ok "no external reference in any page"
fi
[ "$(grep -c '<script>' "$I")" -eq 1 ] && _ok "exactly one inline script" || _not_ok "exactly one inline script"
has "funnel point links to the municipality page" "$I" "<a href=\"gemeente/GM0363.html\"><circle"
has "map colours Amsterdam by its flag" "$I" "<use href=\"#gm-GM0363\" class=\"f-below998\"><title>Amsterdam (GM0363): 10,0$nb%</title>"
has "map of a published rate colours by quarter" "$I" "<use href=\"#gm-GM0599\" class=\"q-1\"><title>Rotterdam (GM0599): 8,7$nb%</title>"
has "map links to the municipality page" "$I" "<a href=\"gemeente/GM0363.html\"><use"
has "map outlines defined once" "$I" "<path id=\"gm-GM0363\" d=\"M"
# named groups ([group g4] in the config): ringed and named in the funnel plot and on the map
members=$(sed -n 's/^members = //p' $D/config.ini)
in_bench=$(awk -F, '$1 == "jeugdhulp" && $8 != ""' $D/benchmark.csv | cut -d, -f5 | sort -u)
want=$(for code in $members; do echo "$in_bench" | grep -x "$code"; done | sort | tr '\n' ' ')
# the first funnel plot (jeugdhulp): the codes of the points with the highlight class
got=$(awk '/aria-label="Trechterdiagram/,/<\/svg>/' "$I" | grep -o 'class="[^"]* grp"[^>]*><title>[^<]*' |
	sed 's/.*(\(GM[0-9]*\)).*/\1/' | sort | tr '\n' ' ')
[ -n "$want" ] && [ "$got" = "$want" ] && _ok "funnel: exactly the group's members highlighted ($want)" ||
	_not_ok "funnel: exactly the group's members highlighted" "got '$got', want '$want'"
got=$(awk '/aria-label="Kaart: Jongeren met jeugdhulp"/,/<\/svg>/' "$I" | grep -o '<use href="#gm-[A-Z0-9]*" class="grp"/>' |
	sed 's/.*#gm-\([A-Z0-9]*\)".*/\1/' | sort | tr '\n' ' ')
want=$(printf '%s\n' $members | sort | tr '\n' ' ')
[ "$got" = "$want" ] && _ok "map: exactly the group's members ringed ($want)" ||
	_not_ok "map: exactly the group's members ringed" "got '$got', want '$want'"
awk '/aria-label="Trechterdiagram/,/<\/svg>/' "$I" >"$T/funnel.svg"
for name in Amsterdam Rotterdam Utrecht; do
	grep -q "<text class=\"grp-label\"[^>]*>$name</text>" "$T/funnel.svg" && _ok "funnel: $name labelled" ||
		_not_ok "funnel: $name labelled"
done
lacks "funnel: a municipality outside the group not labelled" "$T/funnel.svg" ">Groningen</text>"
has "map: a member outside the benchmark named from the boundaries" "$I" "text-anchor=\"middle\">&#39;s-Gravenhage</text>"
has "legend names the group by its title" "$I" "<li class=\"grp\"><i></i>G4 (de vier grote steden) (omcirkeld, met naam)</li>"
lacks "the group's section name is not shown" "$I" ">g4"
expect "municipality page written" file_exists "$R/test1/gemeente/GM0363.html"
has "municipality page shows the value" "$R/test1/gemeente/GM0363.html" "10,0$nb%"
has "municipality page has a print style" "$R/test1/gemeente/GM0363.html" "@page{size:A4"

S=$R/test1/summary.txt
has "summary names the synthetic data" "$S" "Let op: synthetische gegevens"
has "summary counts the flags" "$S" "6 gemeenten: 2 hoger dan verwacht (99,8%), 1 hoger (95%), 1 binnen de grenzen, 0 lager (95%), 1 lager dan verwacht (99,8%), 1 zonder waarde"
has "summary gives the national value" "$S" "landelijk: 10,9$nb%"
has "markdown summary has headings" "$R/test1/summary.md" "## Jongeren met jeugdhulp (2024*)"

report --benchmark $D/benchmark.csv --run-id test2 -v
expect "second run succeeds" status 0
expect "-v prints the index path" stdout_has "$R/test2/index.html"
latest_is "latest switched to test2" test2
expect "first run kept" file_exists "$R/test1/index.html"

report --benchmark $D/benchmark.csv --run-id test2
expect "an existing run is not overwritten" status 73
latest_is "latest unchanged after a refused run" test2

report --benchmark $D/no-such.csv --run-id test3
expect "missing benchmark exits 66" status 66
expect "missing benchmark is named" stderr_has "no-such.csv"
latest_is "latest unchanged after a missing input" test2
expect "no folder for the failed run" no_file "$R/test3"
no_temp_files "no temporary left after a missing input" "$R"

report --benchmark $D/bad_quote.csv --run-id test4
expect "malformed CSV exits 65" status 65
expect "malformed CSV names file and line" stderr_has "bad_quote.csv:4:"
latest_is "latest unchanged after malformed CSV" test2
expect "no folder for the malformed run" no_file "$R/test4"
no_temp_files "no temporary left after malformed CSV" "$R"

report --benchmark $D/bad_number.csv --run-id test5
expect "a field that is no number exits 65" status 65
expect "bad number names file and line" stderr_has "bad_number.csv:4: numerator '7x350'"

printf '{"type":"FeatureCollection","features":[\n{"type":' >"$T/bad.geojson"
report --benchmark $D/benchmark.csv --run-id test9 --boundaries "$T/bad.geojson"
expect "malformed boundaries exit 65" status 65
expect "malformed boundaries name file and line" stderr_has "bad.geojson:2:"
report --benchmark $D/benchmark.csv --run-id test9 --boundaries "$T/none.geojson"
expect "missing boundaries exit 66" status 66
expect "no folder after a boundary error" no_file "$R/test9"

mkdir -p "$T/empty-tidy"
run jb-report -c $D/config.ini --benchmark $D/benchmark.csv --tidy "$T/empty-tidy" -o "$R" --run-id test6
expect "missing info file exits 66" status 66
expect "missing info file is named" stderr_has "85099SYN.info.csv"

run jb-report -c $D/no-such.ini --benchmark $D/benchmark.csv --tidy $D/tidy -o "$R" --run-id test7
expect "missing configuration exits 78" status 78

report --benchmark $D/benchmark.csv --run-id ../escape
expect "a run id with a slash is a usage error" status 64

run jb-report -c $D/config.ini --benchmark $D/benchmark.csv --tidy $D/tidy -o /dev/null/reports --run-id test8
expect "output folder not creatable exits 73" status 73
latest_is "latest unchanged after all failures" test2
no_temp_files "no temporary left at all" "$R"

# The optional inputs: added benchmark columns, peers.csv, models.csv, context.
lacks "without the added columns no shrunk value" "$I" ">Geschat</th>"
lacks "without the added columns no rank" "$I" ">Rang</th>"
lacks "without the added columns no observed/expected chart" "$I" "Waargenomen tegen verwacht"
lacks "without peers.csv no peer section" "$R/test1/gemeente/GM0344.html" "Vergelijkbare gemeenten en groepen"
lacks "without a context table no profile" "$R/test1/gemeente/GM0344.html" "Kenmerken van de gemeente"

S2=$D/stats
# field NAME INDICATOR PERIOD CODE: a value of the fixture, by header name
field() {
	awk -F, -v name="$1" -v ind="$2" -v per="$3" -v code="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["indicator"] == ind && $col["period"] == per && $col["region_code"] == code { print $col[name] }' "$S2/benchmark.csv"
}
dutch() { printf "%.${2:-1}f" "$1" | tr . ,; }
run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --run-id stats1
expect "report with the optional inputs" status 0
expect "and nothing on stderr" stderr_empty -
I2=$R/stats1/index.html
U=$R/stats1/gemeente/GM0344.html
eb=$(field eb_value jeugdhulp 2024JJ00 GM0344)
has "overview: shrunk value beside the raw one" "$I2" "data-sort=\"$(printf %.6f "$eb")\">$(dutch "$eb")$nb%</td>"
has "overview: rank with its interval" "$I2" "data-sort=\"$(field rank jeugdhulp 2024JJ00 GM0344)\">$(field rank jeugdhulp 2024JJ00 GM0344) <small>($(field rank_low jeugdhulp 2024JJ00 GM0344)&ndash;$(field rank_high jeugdhulp 2024JJ00 GM0344))</small>"
has "overview: observed/expected chart" "$I2" "<title>Utrecht: $(dutch "$(field oe_ratio jeugdhulp 2024JJ00 GM0344)" 2) (verwacht 7.700)</title>"
has "overview: distribution with the shrunk values" "$I2" "aria-label=\"Verdeling: Jongeren met jeugdhulp\""
has "overview: small multiples of the learning network" "$I2" "<strong>Lerend netwerk Midden</strong>"
has "overview: a member's trend" "$I2" "aria-label=\"Trend: Leeuwarden\""
has "overview: the lowest municipality's trend" "$I2" "aria-label=\"Trend: Amsterdam\""
has "overview: Utrecht's first and last value under its trend" "$I2" "<small>$(dutch "$(field value jeugdhulp 2022JJ00 GM0344)")$nb% &rarr; $(dutch "$(field value jeugdhulp 2024JJ00 GM0344)")$nb%</small>"
has "overview: a trend point of Utrecht" "$I2" "<title>2023: $(dutch "$(field value jeugdhulp 2023JJ00 GM0344)")$nb%</title>"
has "overview: the model of the indicator's newest period" "$I2" "<td class=\"num\">stedelijkheid</td><td class=\"num\">0,120</td>"
has "overview: its intercept" "$I2" "<td class=\"num\">intercept</td><td class=\"num\">-2,100</td>"
lacks "overview: not the model of an earlier period" "$I2" "-2,200"
has "municipality: rank among all" "$U" "2 [1 – 4] van 6 (1 = hoogste)"
slope=$(field trend_slope jeugdhulp 2024JJ00 GM0344)
has "municipality: trend per year with interval" "$U" "$(dutch "$slope" 2) [$(dutch "$(field trend_low jeugdhulp 2024JJ00 GM0344)" 2) – $(dutch "$(field trend_high jeugdhulp 2024JJ00 GM0344)" 2)] per jaar: stijgend"
has "municipality: trend chart over all periods" "$U" "aria-label=\"Trend: Utrecht\""
has "municipality: provisional period open" "$U" "<circle class=\"series provisional\""
has "municipality: observed/expected" "$U" "Waargenomen / verwacht"
has "municipality: similar municipality linked" "$U" "<a href=\"GM0599.html\">Rotterdam</a></td><td class=\"num\" data-sort=\"0.800000\">0,80</td>"
has "municipality: named group" "$U" "Groep: Lerend netwerk Midden"
lacks "municipality: the group by its title, not its section name" "$U" "Groep: midden"
has "municipality: size class" "$U" "Gemeenten van dezelfde grootte: 100k+"
has "municipality: population from the context table" "$U" "<td class=\"num\">357.179</td><td class=\"num\">17.407.585</td>"
share=$(awk 'BEGIN { printf "%.1f", 100 * 40000 / 170000 }' | tr . ,)
has "municipality: share of households with children" "$U" "40.000 <small>($share$nb%)</small>"
has "harmonised figures are said so" "$R/stats1/gemeente/GM0080.html" "omgerekend naar de huidige gemeentelijke indeling"
lacks "no harmonised note where not harmonised" "$U" "omgerekend naar"

# many size peers: the ten most alike in population first, all of them folded
mkdir -p "$T/manypeers" "$T/manytidy"
cp $D/tidy/* "$T/manytidy/"
cp "$S2/benchmark.csv" "$S2/models.csv" "$T/manypeers/"
head -n 1 "$S2/peers.csv" >"$T/manypeers/peers.csv"
i=0
for pop in 100000 150000 200000 250000 300000 340000 360000 380000 420000 500000 600000 700000 900000 1200000; do
	i=$((i + 1))
	code=$(printf 'GM9%03d' $i)
	echo "GM0344,size,100k+,$code,," >>"$T/manypeers/peers.csv"
	echo "$code,Peer $i,GM,2020JJ00,,AantalInwoners_5,Aantal inwoners,aantal,$pop,ok" >>"$T/manytidy/84799NED.csv"
done
echo "GM0344,size,100k+,GM9099,," >>"$T/manypeers/peers.csv"
# expected: the codes by |log(population / Utrecht's 357179)|, the one without a population last
top=$(awk -F, '$1 ~ /^GM9/ && $6 ~ /^AantalInwoners/ { d = log($9 / 357179); if (d < 0) d = -d; printf "%.9f %s\n", d, $1 }' \
	"$T/manytidy/84799NED.csv" | sort | head -n 10 | cut -d' ' -f2 | tr '\n' ' ')
run jb-report -c $D/config-stats.ini --tidy "$T/manytidy" -o "$R" --benchmark "$T/manypeers/benchmark.csv" --run-id many1
expect "report with many size peers" status 0
P=$R/many1/gemeente/GM0344.html
awk '/<h3>Gemeenten van dezelfde grootte/,/<\/details>/' "$P" >"$T/size.html"
got=$(sed -n '1,/<details/p' "$T/size.html" | grep -o 'href="GM9[0-9]*.html"' | sed 's/href="\(GM9[0-9]*\).html"/\1/' | tr '\n' ' ')
[ -n "$top" ] && [ "$got" = "$top" ] && _ok "size peers: the ten most alike in population, most alike first ($top)" ||
	_not_ok "size peers: the ten most alike in population" "got '$got', want '$top'"
has "size peers: all 15 folded" "$T/size.html" "<details class=\"model peers-all\"><summary>Toon alle 15</summary>"
[ "$(sed -n '/<details/,$p' "$T/size.html" | grep -c 'href="GM9[0-9]*.html"')" -eq 15 ] &&
	_ok "size peers: the folded table has every peer" || _not_ok "size peers: the folded table has every peer"
has "size peers: the population beside each" "$T/size.html" "<a href=\"GM9007.html\">GM9007</a></td><td class=\"num\" data-sort=\"360000.000000\">360.000</td>"
has "size peers: said how they are chosen" "$T/size.html" "De 10 van de 15 die het meest lijken in aantal inwoners."
lacks "few peers: no folding" "$U" "Toon alle"

mkdir -p "$T/nostats"
run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --stats-dir "$T/nostats" --run-id stats2
expect "--stats-dir without peers and models works" status 0
lacks "--stats-dir: no peers section without peers.csv" "$R/stats2/gemeente/GM0344.html" "Vergelijkbare gemeenten en groepen"
mkdir -p "$T/badstats"
printf 'region_code,peer_type,peer_group,peer_code,distance,rank\nGM0344,similar,,"GM0599\n' >"$T/badstats/peers.csv"
run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --stats-dir "$T/badstats" --run-id stats3
expect "malformed peers.csv exits 65" status 65
expect "malformed peers.csv names the file" stderr_has "badstats/peers.csv:"
expect "no folder for the failed run" no_file "$R/stats3"
printf 'region_code,kind\nGM0344,x\n' >"$T/badstats/peers.csv"
run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --stats-dir "$T/badstats" --run-id stats3
expect "peers.csv without its columns exits 65" status 65
expect "and names the missing column" stderr_has "no column 'peer_type'"

# The learning network's questions: the referral mix (composition.csv) and the
# distance to a target (targets.csv), both beside the benchmark of stats1.
C=$S2/composition.csv
TG=$S2/targets.csv
# mixfield NAME PERIOD CODE KEY: a field of composition.csv
mixfield() {
	awk -F, -v name="$1" -v per="$2" -v code="$3" -v key="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["period"] == per && $col["region_code"] == code && $col["category_key"] == key { print $col[name] }' "$C"
}
# pooled KEY PERIOD CODES...: the share of a category in the summed counts of ok municipalities (all: no codes)
pooled() {
	key=$1 per=$2
	shift 2
	awk -F, -v key="$key" -v per="$per" -v codes=" $* " '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["period"] == per && $col["status"] == "ok" && (codes == "  " || index(codes, " " $col["region_code"] " ")) {
			if ($col["category_key"] == key) { count += $col["count"]; total += $col["total"] } }
		END { printf "%.1f", 100 * count / total }' "$C" | tr . ,
}
# p_exact P: the p-value as the page writes it (3 significant digits, x 10 to the power)
p_exact() {
	awk -v p="$1" 'BEGIN { if (p >= 0.001) { printf "%.3g", p } else { s = sprintf("%.2e", p); split(s, a, "e"); printf "%s &times; 10<sup>%d</sup>", a[1], a[2] } }' | tr . ,
}
I2=$R/stats1/index.html
U=$R/stats1/gemeente/GM0344.html
A=$R/stats1/gemeente/GM0034.html
has "mix: in the table of contents" "$I2" "<a href=\"#i-verwijzersmix\">Verwijzersmix van de jeugdhulptrajecten</a> (2024*)"
order=$(grep -o 'id="i-[a-z_]*"' "$I2" | tr '\n' ' ')
[ "$order" = 'id="i-jeugdhulp" id="i-verwijzersmix" id="i-jeugdzorg_wbk" ' ] && _ok "mix: in its configuration place" ||
	_not_ok "mix: in its configuration place" "sections: $order"
lacks "mix: no empty benchmark section for a composition" "$I2" "Geen gegevens in de benchmark"
has "mix: the source is synthetic" "$I2" "Bron: synthetische gegevens &mdash; geen CBS-cijfers (tabel 85097SYN)"
differ=$(awk -F, '$3 == "2024JJ00" && $18 == "differs"' "$C" | cut -d, -f5 | sort -u | wc -l)
same=$(awk -F, '$3 == "2024JJ00" && $18 == "same"' "$C" | cut -d, -f5 | sort -u | wc -l)
has "mix: how many differ ($differ)" "$I2" "<span>Mix wijkt af</span><b>$differ</b>"
has "mix: how many do not ($same)" "$I2" "<span>Mix wijkt niet aantoonbaar af</span><b>$same</b>"
has "mix: the suppressed one is not tested" "$I2" "<span>Niet te toetsen</span><b>1</b>"
has "mix: the national share of the access team (all municipalities summed)" "$I2" "</td><td class=\"num\">$(pooled VW01 2024JJ00)$nb%</td></tr>"
awk '/<h3>Gemeenten waarvan de mix afwijkt/,/<\/table>/' "$I2" >"$T/differ.html"
first=$(grep -o 'href="gemeente/GM[0-9]*.html"' "$T/differ.html" | head -n 1)
want=$(awk -F, 'NR > 1 && $3 == "2024JJ00" && $18 == "differs" { print $17, $5 }' "$C" | sort -g | head -n 1 | cut -d' ' -f2)
[ "$first" = "href=\"gemeente/$want.html\"" ] && _ok "mix: the smallest p first ($want)" || _not_ok "mix: the smallest p first" "got $first, want $want"
has "mix: Utrecht's p-value in the table" "$T/differ.html" "$(p_exact "$(mixfield p_value 2024JJ00 GM0344 VW01)")</td></tr>"
has "mix: Utrecht's share in the table" "$T/differ.html" ">$(dutch "$(mixfield share 2024JJ00 GM0344 VW01)")$nb%</td>"
lacks "mix: Almere (same) not among those that differ" "$T/differ.html" "GM0034.html"
lacks "mix: the suppressed one not among them" "$T/differ.html" "GM0080.html"
has "mix: category titles escaped" "$I2" "Huisarts &amp; &lt;i&gt;POH&lt;/i&gt;"
if grep -rqF '<i>POH' "$R/stats1"; then _not_ok "mix: no markup from data in any page"; else _ok "mix: no markup from data in any page"; fi
# Utrecht's page: the test in words, shares with intervals, its similar peers (Rotterdam, Groningen) pooled
has "mix page: Utrecht differs" "$U" "<strong>De mix van Utrecht wijkt af van die van de andere gemeenten samen.</strong>"
has "mix page: X² and df" "$U" "X&sup2; = $(dutch "$(mixfield chi_square 2024JJ00 GM0344 VW01)") bij 2 vrijheidsgraden"
has "mix page: the exact p" "$U" "p = $(p_exact "$(mixfield p_value 2024JJ00 GM0344 VW01)")"
has "mix page: the chance in words" "$U" "minder dan eens op de 1.000 keer"
has "mix page: a share with its interval" "$U" "Gemeentelijke toegang: $(dutch "$(mixfield share 2024JJ00 GM0344 VW01)")$nb% [$(dutch "$(mixfield ci_low 2024JJ00 GM0344 VW01)") – $(dutch "$(mixfield ci_high 2024JJ00 GM0344 VW01)")]</title>"
has "mix page: the similar peers pooled (Rotterdam and Groningen)" "$U" "<td class=\"num\" data-sort=\"$(awk -F, '$3 == "2024JJ00" && $7 == "VW02" && ($5 == "GM0599" || $5 == "GM0014") { c += $9; t += $10 } END { printf "%.6g", 100 * c / t }' "$C")\">$(pooled VW02 2024JJ00 GM0599 GM0014)$nb%</td>"
has "mix page: the others' share from the test" "$U" "$(dutch "$(mixfield reference_share 2024JJ00 GM0344 VW02)")$nb%</td><td class=\"num\">−"
# the two categories adding most to X² = sum (O - n r)² / (n r), n = Utrecht's counts summed
top=$(awk -F, '$3 == "2024JJ00" && $5 == "GM0344" { n += $9; o[$7] = $9; r[$7] = $14 / 100; t[$7] = $8 }
	END { for (k in o) { e = n * r[k]; printf "%.9f %s\n", (o[k] - e) ^ 2 / e, k } }' "$C" | sort -gr | head -n 2 | cut -d' ' -f2 | tr '\n' ' ')
[ "$top" = "VW02 VW01 " ] && _ok "mix page: by hand the huisarts adds most, then the access team" || _not_ok "mix page: contributions by hand" "$top"
has "mix page: the largest differences named" "$U" "Het meest verschillen de aandelen via Huisarts &amp; &lt;i&gt;POH&lt;/i&gt; (20,0$nb% hier tegen $(dutch "$(mixfield reference_share 2024JJ00 GM0344 VW02)")$nb% bij de andere gemeenten) en via Gemeentelijke toegang"
has "mix page: the earlier period" "$U" "Eerdere perioden: 2023: wijkt af (p &lt; 0,001)"
has "mix page: synthetic said in the section" "$U" "<h2>Verwijzersmix van de jeugdhulptrajecten</h2>
<p class=\"meta\">Periode: 2024* &middot; <strong>synthetische gegevens, geen CBS-cijfers</strong>"
has "mix page: Almere does not differ" "$A" "<strong>De mix van Almere wijkt niet aantoonbaar af van die van de andere gemeenten samen.</strong>"
has "mix page: Almere's p" "$A" "p = $(p_exact "$(mixfield p_value 2024JJ00 GM0034 VW01)"))"
has "mix page: Almere 2023" "$A" "2023: wijkt niet aantoonbaar af (p = $(awk -v p="$(mixfield p_value 2023JJ00 GM0034 VW01)" 'BEGIN { printf "%.3f", p }' | tr . ,))"
has "mix page: Leeuwarden cannot be tested" "$R/stats1/gemeente/GM0080.html" "Niet te toetsen: van een of meer categorie&euml;n is het aantal niet gepubliceerd"
lacks "mix page: no mix on a page without composition rows" "$R/stats1/gemeente/GM0344.html" "Geen gegevens voor deze gemeente in deze periode"

# targets.csv: the target on the charts and the distance per municipality
above=$(awk -F, '$2 == "2024JJ00" && $6 == "above"' "$TG" | wc -l)
below=$(awk -F, '$2 == "2024JJ00" && $6 == "below"' "$TG" | wc -l)
has "target: in the table of contents" "$I2" "<a href=\"#doel-jeugdhulp\">afstand tot het doel</a>"
has "target: one in eight" "$I2" "<span>Doel</span><b>12,5$nb% (1 op de 8)</b>"
has "target: the country against it" "$I2" "<span>Landelijk tegen het doel</span><b>−$(awk "BEGIN { printf \"%.1f\", 12.5 - $(field national jeugdhulp 2024JJ00 GM0344) }" | tr . ,) procentpunt</b>"
has "target: municipalities above ($above)" "$I2" "<span>Gemeenten boven het doel</span><b>$above</b>"
has "target: municipalities below ($below)" "$I2" "<span>Gemeenten onder het doel</span><b>$below</b>"
has "target: a line in the funnel plot" "$I2" "<text class=\"target-label\" x=\"66\""
has "target: Utrecht's distance in the table" "$I2" "data-sort=\"0.500000\">+0,5 procentpunt</td><td class=\"flag\">boven het doel</td>"
has "target: the national chart" "$I2" "aria-label=\"Landelijk tegen het doel: Jongeren met jeugdhulp\""
has "target page: Utrecht in words" "$U" "Utrecht: 13,0$nb%, +0,5 procentpunt ten opzichte van het doel van 12,5$nb% (1 op de 8): boven het doel.</strong> Het 95%-interval (12,7 – 13,3) ligt helemaal boven het doel."
has "target page: the trend moves away" "$U" "stijgend: de afstand tot het doel wordt groter."
has "target page: 2023 on the target" "$U" "<tr><td>2023</td><td class=\"num\">12,5$nb%</td><td class=\"num\">0,0 procentpunt</td><td>niet duidelijk anders dan het doel</td></tr>"
years=$(awk "BEGIN { printf \"%.0f\", (12.5 - $(field value jeugdhulp 2024JJ00 GM0034)) / $(field trend_slope jeugdhulp 2024JJ00 GM0034) }")
has "target page: Almere reaches it in $years years at its trend" "$A" "bij deze trend is het doel over ongeveer $years jaar bereikt."
has "target page: the target among the facts" "$U" "<th scope=\"row\">Doel</th><td class=\"num\">12,5$nb% (deze gemeente +0,5 procentpunt)</td>"
has "target page: a line on the position bar" "$U" "<line class=\"target\""
has "target page: a line on the trend chart" "$U" "<text class=\"target-label\""

# without composition.csv and targets.csv (older stats outputs) the sections are left out
run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --stats-dir "$T/nostats" --run-id questions0
expect "no composition.csv or targets.csv: the report is made" status 0
expect "and says nothing about them" stderr_empty -
for page in index.html gemeente/GM0344.html; do
	lacks "no composition.csv: no mix section ($page)" "$R/questions0/$page" "Verwijzersmix"
	lacks "no targets.csv: no target section ($page)" "$R/questions0/$page" "Afstand tot het doel"
	lacks "no targets.csv: no target line ($page)" "$R/questions0/$page" "class=\"target"
	has "the synthetic banner stays ($page)" "$R/questions0/$page" "Let op: synthetische gegevens &mdash; geen CBS-cijfers"
done
lacks "no composition.csv: no empty section for the composition indicator" "$R/questions0/index.html" "Geen gegevens in de benchmark"

# a malformed composition.csv or targets.csv stops the run with 65 and file:line, nothing written
Q=$T/badquestions
mkdir -p "$Q"
before=$(readlink "$R/latest")
bad_question() { # NAME FILE WHERE: a run from $Q fails with 65 and names WHERE
	run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark "$S2/benchmark.csv" --stats-dir "$Q" --run-id badq
	expect "$1 exits 65" status 65
	expect "$1 names file and line" stderr_has "$2"
	expect "$1: no folder for the run" no_file "$R/badq"
	latest_is "$1: latest unchanged" "$before"
	no_temp_files "$1: no temporary left" "$R"
}
sed '3s/,38.75,/,38.75x,/' "$C" >"$Q/composition.csv"
bad_question "a share that is no number" "badquestions/composition.csv:3: share '38.75x' is not a number"
sed '1s/p_value/p/' "$C" >"$Q/composition.csv"
bad_question "composition.csv without p_value" "badquestions/composition.csv:1: no column 'p_value'"
sed '5s/,ok,synthetic$/,ok/' "$C" >"$Q/composition.csv"
bad_question "a row with a field short" "badquestions/composition.csv:5:"
sed '6d' "$C" >"$Q/composition.csv"
bad_question "a municipality without one of the categories" "badquestions/composition.csv:5: verwijzersmix 2023JJ00 GM0034: other categories than on line 2"
sed '2s/,2.3851e-05,/,2.5,/' "$C" >"$Q/composition.csv"
bad_question "a p-value above 1" "badquestions/composition.csv:2: p_value '2.5' is above 1"
rm "$Q/composition.csv"
sed '3s/,below,/,maybe,/' "$TG" >"$Q/targets.csv"
bad_question "a target flag that is none" "badquestions/targets.csv:3: target_flag 'maybe': expected above, below, within or empty"
sed '2s/,12.5,/,,/' "$TG" >"$Q/targets.csv"
bad_question "a row without target" "badquestions/targets.csv:2: target '' is not a number"

# benchmark.xlsx: one sheet per indicator, numbers as numbers, no formula ever
X=$T/xlsx
mkdir -p "$X/test1"
if (cd "$X/test1" && unzip -q "$R/test1/benchmark.xlsx"); then _ok "benchmark.xlsx is a zip"; else _not_ok "benchmark.xlsx is a zip"; fi
has "workbook: a notes sheet" "$X/test1/xl/workbook.xml" "<sheet name=\"Toelichting\""
has "workbook: a sheet per indicator" "$X/test1/xl/workbook.xml" "<sheet name=\"jeugdhulp_1\""
has "workbook: the published rate's sheet" "$X/test1/xl/workbook.xml" "<sheet name=\"jeugdzorg_wbk_2\""
# row 4 of jeugdhulp is Utrecht 2023 (after GM0001 and GM0014): denominator and value as numbers
has "workbook: Utrecht's denominator is a number" "$X/test1/xl/worksheets/sheet2.xml" "<c r=\"H4\"><v>70000</v></c><c r=\"I4\"><v>10.5</v></c>"
has "workbook: the synthetic warning" "$X/test1/xl/sharedStrings.xml" "Let op: synthetische gegevens"
awk -F, 'NR == 1 || $5 == "GM0344" || $5 == "GM0014" || $5 == "GM0363" || $5 == "GM0599"' $D/benchmark.csv |
	sed -e 's/,Utrecht,/,"=HYPERLINK(""#A1"",""klik"")",/' -e 's/,Groningen,/,@SUM(1),/' \
	    -e 's/,Amsterdam,/,+31 20,/' -e 's/,Rotterdam,/,-1+2,/' >"$T/inject.csv"
report --benchmark "$T/inject.csv" --run-id inject
expect "a report with formula-like names" status 0
expect "its benchmark.csv stays the data as given" same "$T/inject.csv:$R/inject/benchmark.csv"
mkdir -p "$X/inject"
(cd "$X/inject" && unzip -q "$R/inject/benchmark.xlsx")
if grep -l '<f>' "$X"/inject/xl/worksheets/*.xml >/dev/null 2>&1; then
	_not_ok "workbook: no cell is a formula" "$(grep -l '<f>' "$X"/inject/xl/worksheets/*.xml)"
else
	_ok "workbook: no cell is a formula"
fi
for name in "'=HYPERLINK(" "'@SUM(1)" "'+31 20" "'-1+2"; do
	has "workbook: $name stored as text with an apostrophe" "$X/inject/xl/sharedStrings.xml" "<t>$name"
done
lacks "workbook: no name starts with = unguarded" "$X/inject/xl/sharedStrings.xml" "<t>=HYPERLINK"
# row 3 of jeugdhulp is Utrecht 2023 here: its name cell is a shared string (t="s")
has "workbook: the name cell is a string cell" "$X/inject/xl/worksheets/sheet2.xml" "<c r=\"F3\" t=\"s\">"
has "workbook: negative-looking numbers stay numbers" "$X/inject/xl/worksheets/sheet2.xml" "<c r=\"P4\"><v>-11.962993</v></c>"

# summary: what changed since the run latest named before
C=$T/changes
report -o "$C" --benchmark $D/benchmark.csv --run-id c1
expect "first run of a new folder" status 0
has "first run: nothing to compare" "$C/c1/summary.txt" "Dit is de eerste run: er is niets om mee te vergelijken."
lacks "first run: no changes section on the overview" "$C/c1/index.html" "Wat is er veranderd"
# revise Utrecht 2023 (10.5 -> 10.7), make 2024 final, and let Utrecht 2024 cross the 99.8% limit
sed -e '/2023JJ00,definitief,GM0344/s/,7350,70000,10.5,/,7490,70000,10.7,/' -e 's/,voorlopig,/,definitief,/' \
	-e '/2024JJ00,definitief,GM0344/s/,within,within,ok,/,above,above,ok,/' $D/benchmark.csv >"$T/b2.csv"
report -o "$C" --benchmark "$T/b2.csv" --run-id c2
expect "second run" status 0
has "changes name the previous run" "$C/c2/summary.md" "## Wat is er veranderd sinds de vorige run (c1)"
has "a revised figure with old and new value" "$C/c2/summary.txt" "herzien: Utrecht (GM0344) 2023: 10,5$nb% -> 10,7$nb%"
has "the number of revised figures" "$C/c2/summary.txt" "1 cijfer herzien"
has "a period that became final" "$C/c2/summary.txt" "2024 is nu definitief"
has "a municipality that crossed a control limit" "$C/c2/summary.md" "  - Utrecht (GM0344): binnen de grenzen -> hoger dan verwacht (99,8%)"
lacks "only the municipality that crossed" "$C/c2/summary.txt" "Groningen (GM0014): "
# the same changes near the top of the overview, before the first indicator
H=$C/c2/index.html
has "overview: changes section" "$H" "<section class=\"changes\" id=\"veranderd\">"
has "overview: its heading" "$H" "<h2>Wat is er veranderd sinds de vorige run</h2>"
has "overview: it names the previous run" "$H" "Vergeleken met run c1"
[ "$(grep -n 'id="veranderd"' "$H" | cut -d: -f1)" -lt "$(grep -n 'id="i-jeugdhulp"' "$H" | cut -d: -f1)" ] &&
	_ok "overview: changes before the first indicator" || _not_ok "overview: changes before the first indicator"
has "overview: the revised figure, linked" "$H" "<li>herzien: <a href=\"gemeente/GM0344.html\">Utrecht</a> (GM0344) 2023: 10,5$nb% &rarr; 10,7$nb%</li>"
has "overview: the number of revised figures" "$H" "<li>1 cijfer herzien</li>"
has "overview: the period that became final" "$H" "<li>2024 is nu definitief</li>"
has "overview: the municipality across a control limit" "$H" "<li><a href=\"gemeente/GM0344.html\">Utrecht</a> (GM0344): binnen de grenzen &rarr; hoger dan verwacht (99,8%)</li>"
lacks "overview: only the municipality that crossed" "$H" "(GM0014): binnen"
has "nothing revised in the published rate" "$C/c2/summary.txt" "0 cijfers herzien"
# a new period: 2025 as a copy of 2024 (one value changed), compared with c2's newest period 2024
awk -F, '$3 == "2024JJ00"' "$T/b2.csv" | sed -e 's/2024JJ00/2025JJ00/' \
	-e '/GM0363/s/,below,below,ok,/,within,within,ok,/' >"$T/b3-new"
cat "$T/b2.csv" "$T/b3-new" >"$T/b3.csv"
report -o "$C" --benchmark "$T/b3.csv" --run-id c3
expect "third run" status 0
has "a new period" "$C/c3/summary.txt" "nieuwe periode: 2025"
has "limits compared between the newest periods" "$C/c3/summary.txt" "over een controlegrens gegaan (2024 in de vorige run, 2025 nu):"
has "Amsterdam back within the limits" "$C/c3/summary.txt" "Amsterdam (GM0363): lager dan verwacht (99,8%) -> binnen de grenzen"
has "no revision when only a period was added" "$C/c3/summary.txt" "0 cijfers herzien"
has "overview: the new period" "$C/c3/index.html" "<li>nieuwe periode: 2025</li>"
printf 'not,a,benchmark\n' >"$T/broken.csv"
cp "$T/broken.csv" "$C/c3/benchmark.csv"
report -o "$C" --benchmark "$T/b3.csv" --run-id c4
expect "a previous benchmark that cannot be read does not stop the run" status 0
expect "but is named in a warning" stderr_has "previous run not compared"
has "and the summary says there is no comparison" "$C/c4/summary.txt" "Geen vergelijking: de benchmark van de vorige run is niet te lezen."
lacks "overview: no changes section when the previous run cannot be read" "$C/c4/index.html" "id=\"veranderd\""
