# jb-fetch: parallel transfers (max_per_host) and resuming an interrupted download.
. tests/lib/cli.sh
. tests/fetch/server.sh

export JB_FETCH_BACKOFF_MS=10
unset CBS_BASE
GEN=$T/gen
sh tests/fetch/make_table.sh "$GEN" PAR01 9 50
sh tests/fetch/make_table.sh "$GEN" PAR02 5 50
sh tests/fetch/make_table.sh "$GEN" RES01 5 50

ini() { # ini MAX_PER_HOST > file
	printf '[fetch]\nattempts = 3\nretry_max_seconds = 20\nconnect_timeout = 5\nlow_speed_time = 10\nmax_per_host = %s\n' "$1"
	for id in PAR01 PAR02 RES01; do
		printf '[table %s]\nid = %s\ntitle = %s\norigin = cbs\n' "$id" "$id" "$id"
	done
}
ini 1 >"$T/one.ini"
ini 2 >"$T/two.ini"
ini 4 >"$T/four.ini"

# the largest busy=N the server logged: requests it answered at once
peak() { sed -n 's/.* busy=\([0-9]*\) .*/\1/p' "$CBS_LOG" | sort -n | tail -n 1; }
# the cache without the fetched_at and last_modified columns and the server's port in the manifests
strip_times() {
	for f in "$1"/*/manifest.csv; do
		cut -d, -f1-4,6 "$f" | sed 's|http://127.0.0.1:[0-9]*/|/|' >"$f.cut" && mv "$f.cut" "$f"
	done
}

# --- at most max_per_host at once, and the same files as one at a time ------------
cbs_server_start "$GEN" --delay-ms 100
run jb-fetch -c "$T/one.ini" -o "$T/seq" --base "$CBS_URL" PAR01 PAR02
expect "sequential fetch of two tables" status 0
[ "$(peak)" = 1 ] && echo "ok - max_per_host = 1: one request at a time" ||
	echo "not ok - max_per_host = 1: one request at a time (peak $(peak))"
[ "$(grep -c ' 200 ' "$CBS_LOG")" -eq 18 ] && [ "$(wc -l <"$CBS_LOG")" -eq 18 ] &&
	echo "ok - sequential: 18 requests for 18 pages" || echo "not ok - sequential: 18 requests for 18 pages"

cbs_server_start "$GEN" --delay-ms 100
run jb-fetch -c "$T/four.ini" -o "$T/par" --base "$CBS_URL" PAR01 PAR02
expect "parallel fetch of two tables" status 0
[ "$(wc -l <"$T/stderr")" -eq 2 ] && ! grep -q "$(printf '\r')" "$T/stderr" &&
	echo "ok - not a terminal: one log line per table, no live line" ||
	echo "not ok - not a terminal: one log line per table, no live line"
expect "the table line has pages, bytes and rows" stderr_has "PAR01: 11 pages, "
expect "rows: 1 TableInfos + 2 DataProperties + 9 x 50" stderr_has " bytes, 453 rows in "
[ "$(peak)" = 4 ] && echo "ok - max_per_host = 4: the server saw 4 requests at once, never more" ||
	echo "not ok - max_per_host = 4: the server saw 4 requests at once, never more (peak $(peak))"
[ "$(grep -c ' 200 ' "$CBS_LOG")" -eq 18 ] && echo "ok - parallel: every page once" ||
	echo "not ok - parallel: every page once ($(grep -c ' 200 ' "$CBS_LOG"))"
# pages asked ahead beyond the last one are 404 here: at most 2 x max_per_host - 1 per table
sleep 0.3
extra=$(grep -vc ' 200 ' "$CBS_LOG")
[ "$extra" -le 14 ] && echo "ok - at most 7 guesses beyond the end per table ($extra)" ||
	echo "not ok - at most 7 guesses beyond the end per table ($extra)"
strip_times "$T/seq"
strip_times "$T/par"
if diff -r "$T/seq" "$T/par" >/dev/null; then
	echo "ok - parallel cache equals sequential byte for byte (manifests without fetched_at)"
else
	echo "not ok - parallel cache equals sequential byte for byte"
	diff -r "$T/seq" "$T/par" | head -n 5
fi
no_temp_files "no temporary files after parallel fetch" "$T/par"
[ -z "$(find "$T/par" -name '*.partial')" ] && echo "ok - no staging folder after success" ||
	echo "not ok - no staging folder after success"

cbs_server_start "$GEN" --delay-ms 100
run jb-fetch -c "$T/two.ini" -o "$T/par2" --base "$CBS_URL" PAR01
expect "max_per_host = 2" status 0
[ "$(peak)" = 2 ] && echo "ok - max_per_host = 2 within one table: 2 at once" ||
	echo "not ok - max_per_host = 2 within one table: 2 at once (peak $(peak))"

# a retried page in the middle of parallel pages
cbs_server_start "$GEN" --fault 'PAR01/TypedDataSet.skip30000:503' --fault-times 1
run jb-fetch -c "$T/four.ini" -o "$T/retry" --base "$CBS_URL" PAR01
expect "a page retried among parallel ones" status 0
expect "its retry is logged" stderr_has "PAR01/TypedDataSet?\$skip=30000: HTTP 503; attempt 2 of 3"
[ "$(wc -l <"$T/stderr")" -eq 2 ] && echo "ok - one line for the retry, one for the table" ||
	echo "not ok - one line for the retry, one for the table"

# on a terminal: a live line with table, page, rows, bytes and rate
cbs_server_start "$GEN" --delay-ms 150
TERM=dumb script -qec "$BIN/jb-fetch -c $T/four.ini -o $T/tty --base $CBS_URL PAR01" /dev/null >"$T/tty.out" 2>&1
if grep -q "$(printf '\r')jb-fetch: PAR01: page [0-9]*, [0-9]* rows, [0-9.]* MB, [0-9.]* MB/s" "$T/tty.out"; then
	echo "ok - terminal: live line with page, rows, MB and MB/s"
else
	echo "not ok - terminal: live line with page, rows, MB and MB/s"
fi
strip_times "$T/retry"
expect "and the table is complete" same "$T/seq/PAR01/manifest.csv:$T/retry/PAR01/manifest.csv"

# next links that leave the $skip=k*10000 layout: the guesses are dropped, links followed
sh tests/fetch/make_table.sh "$T/odd" ODD01 6 20
sed -i 's/\$skip=20000/$skip=25000/' "$T/odd/ODD01/TypedDataSet.skip10000.xml"
mv "$T/odd/ODD01/TypedDataSet.skip20000.xml" "$T/odd/ODD01/TypedDataSet.skip25000.xml"
printf '[fetch]\nmax_per_host = %s\n[table odd]\nid = ODD01\ntitle = odd\norigin = cbs\n' 4 >"$T/odd4.ini"
printf '[fetch]\nmax_per_host = %s\n[table odd]\nid = ODD01\ntitle = odd\norigin = cbs\n' 1 >"$T/odd1.ini"
cbs_server_start "$T/odd"
run jb-fetch -q -c "$T/odd1.ini" -o "$T/odd-seq" --base "$CBS_URL" ODD01
run jb-fetch -q -c "$T/odd4.ini" -o "$T/odd-par" --base "$CBS_URL" ODD01
expect "a chain off the \$skip layout is fetched with 4 at once" status 0
[ "$(cbs_requests 'ODD01/TypedDataSet?$skip=25000 200')" -eq 2 ] && echo "ok - the page the link names is asked" ||
	echo "not ok - the page the link names is asked"
strip_times "$T/odd-seq"
strip_times "$T/odd-par"
expect "and the cache equals the sequential one" same "$T/odd-seq/ODD01/manifest.csv:$T/odd-par/ODD01/manifest.csv"
[ "$(wc -l <"$T/odd-par/ODD01/manifest.csv")" -eq 9 ] && echo "ok - six data pages, no guessed page stored" ||
	echo "not ok - six data pages, no guessed page stored"

# --- resume: killed after page 2 of 5, the next run asks from page 3 ----------------
cbs_server_start "$GEN"
run jb-fetch -q -c "$T/one.ini" -o "$T/clean" --base "$CBS_URL" RES01
cbs_server_start "$GEN" --slow 'RES01/TypedDataSet.skip20000:20000'
"$BIN/jb-fetch" -q -c "$T/one.ini" -o "$T/resume" --base "$CBS_URL" RES01 2>"$T/killed.err" &
fetch_pid=$!
tries=0
until grep -q '^TypedDataSet.skip10000.xml,' "$T/resume/RES01.partial/partial.csv" 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -gt 200 ] && break
	sleep 0.05
done
kill -KILL "$fetch_pid"
wait "$fetch_pid" 2>/dev/null
expect "the killed run exposed nothing" no_file "$T/resume/RES01"
expect "its pages wait in the staging folder" file_exists "$T/resume/RES01.partial/TypedDataSet.skip10000.xml"
cbs_server_start "$GEN"
run jb-fetch -c "$T/one.ini" -o "$T/resume" --base "$CBS_URL" RES01
expect "the next run completes" status 0
expect "it says how many pages it kept (DataProperties and data pages 1, 2)" stderr_has "(3 kept from the unfinished run)"
[ "$(cbs_requests 'RES01/TypedDataSet?$skip=10000')" -eq 0 ] && [ "$(cbs_requests 'RES01/TypedDataSet ')" -eq 0 ] &&
	echo "ok - pages 1 and 2 are not asked again" || echo "not ok - pages 1 and 2 are not asked again"
[ "$(cbs_requests 'RES01/TypedDataSet?$skip=20000')" -eq 1 ] && [ "$(cbs_requests 'RES01/TypedDataSet?$skip=40000')" -eq 1 ] &&
	echo "ok - pages 3 to 5 are asked once" || echo "not ok - pages 3 to 5 are asked once"
[ "$(cbs_requests 'RES01/TableInfos')" -eq 1 ] && echo "ok - TableInfos is asked again (is the table the same?)" ||
	echo "not ok - TableInfos is asked again"
strip_times "$T/clean"
strip_times "$T/resume"
if diff -r "$T/clean/RES01" "$T/resume/RES01" >/dev/null; then
	echo "ok - the resumed cache equals a clean download"
else
	echo "not ok - the resumed cache equals a clean download"
fi
expect "no staging folder after completion" no_file "$T/resume/RES01.partial"

# a damaged staged page is fetched again, not trusted
cbs_server_start "$GEN" --slow 'RES01/TypedDataSet.skip20000:20000'
"$BIN/jb-fetch" -q -c "$T/one.ini" -f -o "$T/damaged" --base "$CBS_URL" RES01 2>/dev/null &
fetch_pid=$!
tries=0
until grep -q '^TypedDataSet.skip10000.xml,' "$T/damaged/RES01.partial/partial.csv" 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -gt 200 ] && break
	sleep 0.05
done
kill -KILL "$fetch_pid"
wait "$fetch_pid" 2>/dev/null
sed -i 's/GM0001/GM0002/' "$T/damaged/RES01.partial/TypedDataSet.skip10000.xml"
cbs_server_start "$GEN"
run jb-fetch -q -c "$T/one.ini" -o "$T/damaged" --base "$CBS_URL" RES01
expect "a run after a damaged staged page completes" status 0
[ "$(cbs_requests 'RES01/TypedDataSet?$skip=10000')" -eq 1 ] && [ "$(cbs_requests 'RES01/TypedDataSet ')" -eq 0 ] &&
	echo "ok - the page whose CRC-32 changed is asked again, the good one is not" ||
	echo "not ok - the page whose CRC-32 changed is asked again, the good one is not"
expect "the result is the clean one" same "$T/clean/RES01/TypedDataSet.skip10000.xml:$T/damaged/RES01/TypedDataSet.skip10000.xml"

# a newer TableInfos makes the staged pages worthless
cbs_server_start "$GEN" --slow 'RES01/TypedDataSet.skip20000:20000'
"$BIN/jb-fetch" -q -c "$T/one.ini" -f -o "$T/newer" --base "$CBS_URL" RES01 2>/dev/null &
fetch_pid=$!
tries=0
until grep -q '^TypedDataSet.skip10000.xml,' "$T/newer/RES01.partial/partial.csv" 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -gt 200 ] && break
	sleep 0.05
done
kill -KILL "$fetch_pid"
wait "$fetch_pid" 2>/dev/null
cp -r "$GEN" "$T/gen2"
sed -i 's/2025-07-01T02:00:00</2025-08-01T02:00:00</' "$T/gen2/RES01/TableInfos.xml"
cbs_server_start "$T/gen2"
run jb-fetch -q -c "$T/one.ini" -o "$T/newer" --base "$CBS_URL" RES01
expect "a run after the table changed completes" status 0
[ "$(cbs_requests 'RES01/TypedDataSet ')" -eq 1 ] && echo "ok - a changed table is fetched from its first page" ||
	echo "not ok - a changed table is fetched from its first page"

# network gone after page 2: exit 75, the next run goes on from page 3
cbs_server_start "$GEN" --fault 'RES01/TypedDataSet.skip20000:503'
run jb-fetch -q -c "$T/one.ini" -o "$T/gone" --base "$CBS_URL" RES01
expect "a page that keeps failing exits 75" status 75
expect "the pages so far wait in the staging folder" file_exists "$T/gone/RES01.partial/TypedDataSet.skip10000.xml"
expect "nothing is exposed" no_file "$T/gone/RES01"
cbs_server_start "$GEN"
run jb-fetch -q -c "$T/one.ini" -o "$T/gone" --base "$CBS_URL" RES01
expect "the run after the outage completes" status 0
[ "$(cbs_requests 'RES01/TypedDataSet?$skip=10000')" -eq 0 ] && [ "$(cbs_requests 'RES01/TypedDataSet?$skip=20000')" -eq 1 ] &&
	echo "ok - after the outage only the missing pages are asked" ||
	echo "not ok - after the outage only the missing pages are asked"
expect "the result is the clean download" same "$T/clean/RES01/TypedDataSet.skip40000.xml:$T/gone/RES01/TypedDataSet.skip40000.xml"

# a second jb-fetch of the same table waits its turn: 75
cbs_server_start "$GEN" --slow 'RES01/TypedDataSet.skip20000:3000'
"$BIN/jb-fetch" -q -c "$T/one.ini" -f -o "$T/locked" --base "$CBS_URL" RES01 2>/dev/null &
fetch_pid=$!
tries=0
until [ -e "$T/locked/RES01.partial/.lock" ] || [ "$tries" -gt 100 ]; do
	tries=$((tries + 1))
	sleep 0.05
done
run jb-fetch -q -c "$T/one.ini" -f -o "$T/locked" --base "$CBS_URL" RES01
expect "a second run of the same table exits 75" status 75
expect "it says why" stderr_has "another jb-fetch is fetching RES01"
wait "$fetch_pid"
status=$?
expect "the first run is not disturbed" status 0
