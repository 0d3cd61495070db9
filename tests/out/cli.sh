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
