#!/bin/bash
# bench/fetch.sh: jb-fetch against the loopback server with added latency:
# a 100-page table fetched one transfer at a time ([fetch] max_per_host = 1)
# versus 4 at once, and a refresh with nothing changed: against the server
# as started (ETag and Last-Modified: one conditional request answered 304)
# and against a second server on the same files started with
# --no-validators (one request answered 200, TableInfos Modified compared).
# Writes bench/results/fetch.md.
#   bench/fetch.sh            (PAGES=100 SIZES="200 1000 10000" DELAY_MS=50 RUNS=3 to change)
# The table is made by tests/fetch/make_table.sh (CBS Atom layout, next links
# at $skip=k*10000) with each of SIZES entries per page: 200 (8 MB: the
# latency is what counts), 1000 (40 MB) and 10000, the page size CBS serves
# (410 MB for 100 pages: parsing, gzip and disk on this machine count too).
# Targets, judged on every size: 4 at once >= 3x faster than 1; the
# unchanged refresh < 5% of a full download (4 at once / 1 at once).
# Each time is one jb-fetch process's wall time, from its exec to its end:
# the shell's own clock ($EPOCHREALTIME) read in the forked subshell just
# before it execs jb-fetch, and in this shell as soon as that has ended, so
# no other process (nor the shell's fork) falls in between.  bash has that
# clock; `sh bench/fetch.sh` (as make bench runs it) starts bash on this
# script.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
PAGES=${PAGES:-100}
SIZES=${SIZES:-200 1000 10000}
DELAY_MS=${DELAY_MS:-50}
RUNS=${RUNS:-3}
RESULTS=${RESULTS:-bench/results/fetch.md}
FAST=/dev/shm
[ -d "$FAST" ] && [ -w "$FAST" ] || FAST=${TMPDIR:-/tmp}
T=$(mktemp -d "$FAST/jb-bench-fetch.XXXXXX")
SERVER=
PLAIN_SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; [ -n "$PLAIN_SERVER" ] && kill "$PLAIN_SERVER" 2>/dev/null; rm -rf "$T"' EXIT

mkdir -p "$T/root"
# start_server NAME [options]: its port into $T/NAME.port, its log $T/NAME.log, its pid in $!
start_server() {
	name=$1
	shift
	"$BIN/jb-cbs-server" --root "$T/root" --port 0 --port-file "$T/$name.port" \
		--log "$T/$name.log" --delay-ms "$DELAY_MS" "$@" >/dev/null 2>"$T/$name.err" &
}
wait_port() {
	tries=0
	until [ -s "$T/$1.port" ]; do
		tries=$((tries + 1))
		[ "$tries" -gt 200 ] && { echo "fetch.sh: jb-cbs-server did not start" >&2; exit 69; }
		sleep 0.05
	done
}
start_server requests
SERVER=$!
start_server plain --no-validators
PLAIN_SERVER=$!
wait_port requests
wait_port plain
URL=http://127.0.0.1:$(cat "$T/requests.port")
PLAIN_URL=http://127.0.0.1:$(cat "$T/plain.port")

# timed ARGS...: runs ARGS, its wall time (us) from exec to end in $took
timed() {
	local t0 t1 status
	rm -f "$T/exec.time"
	(
		printf '%s\n' "$EPOCHREALTIME" >"$T/exec.time" || exit 125
		exec "$@"
	) && status=0 || status=$?
	t1=$EPOCHREALTIME
	read -r t0 <"$T/exec.time" || return 125
	took=$((10#${t1/[.,]/} - 10#${t0/[.,]/}))
	return "$status"
}
# ms US: microseconds as milliseconds with one decimal
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
# run NAME ARGS...: the fastest of $RUNS wall times (ms) into $T/NAME.ms
run() {
	local name=$1 best='' i=0
	shift
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		timed "$BIN/jb-fetch" -q "$@" || { echo "fetch.sh: $name failed" >&2; exit 1; }
		if [ -z "$best" ] || [ "$took" -lt "$best" ]; then best=$took; fi
	done
	ms "$best" >"$T/$name.ms"
}
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v < t; print ok ? "met" : "MISSED" }'; }

rows_md=
for rows in $SIZES; do
	id=BENCH$rows
	sh tests/fetch/make_table.sh "$T/root" "$id" "$PAGES" "$rows"
	bytes=$(cat "$T/root/$id"/TypedDataSet*.xml | wc -c | tr -d ' ')
	for n in 1 4; do
		printf '[fetch]\nmax_per_host = %s\nattempts = 3\n[table bench]\nid = %s\ntitle = bench\norigin = cbs\n' \
			"$n" "$id" >"$T/max$n.ini"
	done
	run sequential -c "$T/max1.ini" -f -o "$T/raw1" --base "$URL" "$id"
	run parallel -c "$T/max4.ini" -f -o "$T/raw4" --base "$URL" "$id"
	sleep 0.5 # guesses beyond the last page, dropped by jb-fetch, are still logged by the server
	: >"$T/requests.log"
	run unchanged -c "$T/max4.ini" -o "$T/raw4" --base "$URL" "$id"
	requests=$(($(wc -l <"$T/requests.log") / RUNS))
	answers=$(grep -c ' 304 busy=.* if=etag$' "$T/requests.log" || true)
	[ "$answers" -eq "$RUNS" ] && answer=304 || answer="NOT 304 ($answers of $RUNS)"
	: >"$T/plain.log"
	run modified -c "$T/max4.ini" -o "$T/raw4" --base "$PLAIN_URL" "$id"
	plain_requests=$(($(wc -l <"$T/plain.log") / RUNS))
	plain_answers=$(grep -c ' 200 busy=' "$T/plain.log" || true)
	[ "$plain_answers" -eq "$RUNS" ] && plain_answer=200 || plain_answer="NOT 200 ($plain_answers of $RUNS)"
	cut -d, -f1-4,6 "$T/raw1/$id/manifest.csv" | sed 's|^\([^,]*\),http://[^/]*|\1,|' >"$T/m1"
	cut -d, -f1-4,6 "$T/raw4/$id/manifest.csv" | sed 's|^\([^,]*\),http://[^/]*|\1,|' >"$T/m4"
	cmp -s "$T/m1" "$T/m4" && same=yes || same=NO
	seq_ms=$(cat "$T/sequential.ms")
	par_ms=$(cat "$T/parallel.ms")
	unch_ms=$(cat "$T/unchanged.ms")
	mod_ms=$(cat "$T/modified.ms")
	speedup=$(awk -v a="$seq_ms" -v b="$par_ms" 'BEGIN { printf "%.2f", a / b }')
	# shares with two decimals, so that the verdict can be read off them
	share=$(awk -v a="$unch_ms" -v b="$par_ms" 'BEGIN { printf "%.2f", 100 * a / b }')
	share1=$(awk -v a="$unch_ms" -v b="$seq_ms" 'BEGIN { printf "%.2f", 100 * a / b }')
	mod_share=$(awk -v a="$mod_ms" -v b="$par_ms" 'BEGIN { printf "%.2f", 100 * a / b }')
	mod_share1=$(awk -v a="$mod_ms" -v b="$seq_ms" 'BEGIN { printf "%.2f", 100 * a / b }')
	targets="(>= 3x: $(verdict "$speedup" 3 ">="))"
	target_share="(< 5%: $(verdict "$share" 5 "<") / $(verdict "$share1" 5 "<"))"
	target_mod_share="(< 5%: $(verdict "$mod_share" 5 "<") / $(verdict "$mod_share1" 5 "<"))"
	rows_md="$rows_md
| $rows | $bytes | $seq_ms ms | $par_ms ms | ${speedup}x $targets | $unch_ms ms ($requests request, $answer) | ${share}% / ${share1}% $target_share | $mod_ms ms ($plain_requests request, $plain_answer): ${mod_share}% / ${mod_share1}% $target_mod_share | $same |"
	rm -rf "$T/raw1" "$T/raw4"
done
# --help the same way, the fastest of $RUNS
best=
for i in $(seq "$RUNS"); do
	timed "$BIN/jb-fetch" --help >/dev/null
	if [ -z "$best" ] || [ "$took" -lt "$best" ]; then best=$took; fi
done
startup_ms=$(ms "$best")

mkdir -p "$(dirname "$RESULTS")"
{
	echo "## jb-fetch: parallel transfers and unchanged refresh"
	echo
	echo "Command: \`bench/fetch.sh\` (PAGES=$PAGES SIZES=\"$SIZES\" DELAY_MS=$DELAY_MS RUNS=$RUNS; fastest of $RUNS runs)."
	echo "Each time is the wall time of one jb-fetch process from its exec to its end: bash's"
	echo "clock (\$EPOCHREALTIME) read by the script in the forked subshell just before it execs"
	echo "jb-fetch and again as soon as jb-fetch has ended, so no other process (such as"
	echo "\`date\`) and not the shell's fork falls inside the measured interval."
	echo "A $PAGES-page table (made by \`tests/fetch/make_table.sh\`) from"
	echo "\`jb-cbs-server --delay-ms $DELAY_MS\` on 127.0.0.1 (gzip on; the server compresses each file"
	echo "once and keeps it, as a server with precompressed content does, so the first of the runs"
	echo "pays for that): \`--force\` downloads with"
	echo "\`[fetch] max_per_host\` = 1 and = 4, then refreshes with nothing changed (4 at once, no"
	echo "\`--force\`): against the same server, which sends ETag and Last-Modified (TableInfos asked"
	echo "with If-None-Match, answered 304), and against a second server on the same files with"
	echo "\`--no-validators\` (TableInfos answered 200, its Modified compared with the cached one)."
	echo "The share is the refresh's time over the download's with 4 / with 1 at once."
	echo "Latency alone ($DELAY_MS ms a request, requests that wait for an earlier answer in turn:"
	echo "TableInfos, DataProperties, the first page, then the other $((PAGES - 1)) pages) comes to"
	echo "$(((PAGES + 2) * DELAY_MS)) ms with 1 at once and $(((3 + (PAGES + 2) / 4) * DELAY_MS)) ms with 4 at once."
	echo
	echo "| entries a page | bytes of data pages | 1 at once | 4 at once | speed-up | unchanged refresh, validators | share | unchanged refresh, no validators: share | same files |"
	echo "|---:|---:|---:|---:|---|---|---|---|---|$rows_md"
	echo
	echo "For scale: \`jb-fetch --help\` (process start, shared libraries) took $startup_ms ms (fastest of $RUNS); the"
	echo "load average was $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at the end of the run."
} >"$RESULTS"
cat "$RESULTS"
