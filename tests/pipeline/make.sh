# The whole pipeline through make: offline from the bundled snapshot, again
# with nothing to do, and `make refresh` against the loopback CBS server.
. tests/lib/cli.sh
. tests/fetch/server.sh
unset MAKEFLAGS MAKELEVEL MFLAGS
case $BIN in "$TOP/bin") OBJ=build/obj ;; */bin) OBJ=${BIN%/bin}/obj ;; *) OBJ=build/obj ;; esac
cp config/jeugdbench.ini "$T/jeugdbench.ini"
pipeline_make() {
	run make --no-print-directory -C "$TOP" BIN="$BIN" OBJ="$OBJ" CONFIG="$T/jeugdbench.ini" "$@"
}

pipeline_make benchmark DATA="$T/data" REPORTS="$T/reports"
expect "offline make builds the benchmark" status 0
expect "it writes the report" file_exists "$T/reports/latest/index.html"
expect "and benchmark.csv beside it" file_exists "$T/reports/latest/benchmark.csv"
expect "the report's csv is the benchmark" same "$T/data/stats/benchmark.csv:$T/reports/latest/benchmark.csv"
no_temp_files "no temporary file is left" "$T/data"

index=$T/reports/latest/index.html
newest=$(awk -F, '$1 == "jeugdhulp" { print $3 }' "$T/data/stats/benchmark.csv" | sort | tail -n 1)
[ "$newest" = 2024JJ00 ] && _ok "the newest period is 2024" || _not_ok "the newest period is 2024" "got $newest"
count=$(awk -F, -v p="$newest" '$1 == "jeugdhulp" && $3 == p' "$T/data/stats/benchmark.csv" | wc -l)
[ "$count" -eq 342 ] && _ok "342 municipalities in 2024" || _not_ok "342 municipalities in 2024" "got $count"
awk -F, -v p="$newest" '$1 == "jeugdhulp" && $3 == p && $23 == "ok" { print $5, $9, $10, $11 }' \
	"$T/data/stats/benchmark.csv" >"$T/newest"
nbsp=$(printf '\302\240')
missing=0
while read -r code value low high; do
	shown=$(printf '%.1f' "$value" | tr . ,)
	sorted=$(printf '%.6f' "$value")
	ci=$(printf '%.1f &ndash; %.1f' "$low" "$high" | tr . ,)
	grep -q "gemeente/$code.html" "$index" &&
		grep -qF "data-sort=\"$sorted\">$shown$nbsp%</td><td class=\"num\" data-sort=\"$(printf '%.6f' "$low")\">$ci<" "$index" ||
		{ missing=$((missing + 1)); echo "# $code $shown ($ci) not in the report"; }
done <"$T/newest"
awk -F, -v p="$newest" '$1 == "jeugdhulp" && $3 == p && $23 != "ok" { print $5 }' \
	"$T/data/stats/benchmark.csv" >"$T/withheld"
while read -r code; do
	grep -q "gemeente/$code.html" "$index" || { missing=$((missing + 1)); echo "# $code (withheld) not listed"; }
done <"$T/withheld"
[ "$missing" -eq 0 ] && _ok "every municipality of 2024 is listed with value and interval" ||
	_not_ok "every municipality of 2024 is listed with value and interval" "$missing missing"
grep -q 'Let op: synthetische gegevens' "$index" && _ok "under the synthetic-data banner" ||
	_not_ok "under the synthetic-data banner"
if grep -Eq '(src|href)="(https?:)?//' "$index"; then
	_not_ok "the page requests nothing from elsewhere"
else
	_ok "the page requests nothing from elsewhere"
fi

pipeline_make -q benchmark DATA="$T/data" REPORTS="$T/reports"
expect "a second make has nothing to do" status 0
pipeline_make -q programs
expect "nor for the programs" status 0
pipeline_make DATA="$T/data" REPORTS="$T/reports"
expect "make (the default goal) ends by naming the report" stdout_has "report: $T/reports/latest/index.html"
# -W: as if the file had changed, without touching it
pipeline_make -q -W out/boundaries/gemeente_2023_wgs84_cartomap.geojson benchmark DATA="$T/data" \
	REPORTS="$T/reports"
expect "a changed boundary file makes work" status 1
touch "$T/jeugdbench.ini"
pipeline_make -q benchmark DATA="$T/data" REPORTS="$T/reports"
expect "a changed configuration makes work" status 1

pipeline_make -j2 benchmark DATA="$T/again" REPORTS="$T/reports-again"
expect "make -j2 works" status 0
for file in 84799NED.csv 85099SYN.csv WBK2022.csv 85099SYN.info.csv; do
	expect "tidy $file is deterministic" same "$T/data/tidy/$file:$T/again/tidy/$file"
done
expect "benchmark.csv is deterministic" same "$T/data/stats/benchmark.csv:$T/again/stats/benchmark.csv"

# make refresh against the loopback server serving the snapshot's own responses
if cbs_server_start fetch/snapshot; then
	pipeline_make refresh CBS_BASE="$CBS_URL" DATA="$T/live" REPORTS="$T/live-reports"
	expect "make refresh against CBS_BASE works" status 0
	expect "and gives the offline benchmark" same "$T/data/stats/benchmark.csv:$T/live/stats/benchmark.csv"
	requests=$(cbs_requests '/84799NED/')
	[ "$requests" -ge 4 ] && _ok "the cbs table came over HTTP ($requests requests)" ||
		_not_ok "the cbs table came over HTTP" "$requests requests"
	[ "$(cbs_requests '/85099SYN/')" -eq 0 ] && _ok "synthetic tables are never fetched live" ||
		_not_ok "synthetic tables are never fetched live"
	latest=$(readlink "$T/live-reports/latest")

	cbs_server_start fetch/snapshot --fault 'TypedDataSet:500' || { _not_ok "the loopback server restarts"; exit 1; }
	JB_FETCH_BACKOFF_MS=1 pipeline_make refresh CBS_BASE="$CBS_URL" DATA="$T/live" \
		REPORTS="$T/live-reports" FETCH_FLAGS=--force
	expect "an HTTP 500 that persists fails the refresh" status 2
	expect "fetch says why, naming the URL" stderr_has "$CBS_URL/ODataFeed/odata/84799NED/TypedDataSet"
	expect "with the temporary-failure status" stderr_has "Error 75"
	[ "$(readlink "$T/live-reports/latest")" = "$latest" ] && _ok "the last good report stays" ||
		_not_ok "the last good report stays"
	expect "the last good cache stays" file_exists "$T/live/raw/84799NED/TypedDataSet.xml"
	no_temp_files "no temporary file after the failure" "$T/live"

	# a table CBS did not change stays CBS's, also when the configuration is newer than it
	cp -R fetch/snapshot "$T/served"
	# CBS's copy is newer than the snapshot's (another Modified) and says so in its title
	sed -i -e 's|<d:Title>Kerncijfers wijken en buurten 2020</d:Title>|<d:Title>Kerncijfers wijken en buurten 2020 (served)</d:Title>|' \
		-e 's|2021-03-26T02:00:00</d:Modified>|2022-03-26T02:00:00</d:Modified>|' \
		"$T/served/84799NED/TableInfos.xml"
	cbs_server_start "$T/served" || { _not_ok "the loopback server restarts"; exit 1; }
	pipeline_make refresh CBS_BASE="$CBS_URL" DATA="$T/kept" REPORTS="$T/kept-reports"
	expect "a refresh from a server with its own 84799NED works" status 0
	touch "$T/jeugdbench.ini"
	pipeline_make refresh CBS_BASE="$CBS_URL" DATA="$T/kept" REPORTS="$T/kept-reports"
	expect "a refresh after the configuration changed works" status 0
	expect "the unchanged table is CBS's copy, not the snapshot's" \
		same "$T/served/84799NED/TableInfos.xml:$T/kept/raw/84799NED/TableInfos.xml"
	grep -q '(served)' "$T/kept/tidy/84799NED.info.csv" &&
		_ok "and the tidy table is made from it" || _not_ok "and the tidy table is made from it"
	cbs_server_stop
else
	_not_ok "the loopback server starts"
fi
