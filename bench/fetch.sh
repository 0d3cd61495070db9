#!/bin/sh
# bench/fetch.sh: jb-fetch against the loopback server with added latency:
# a 100-page table fetched one transfer at a time ([fetch] max_per_host = 1)
# versus 4 at once, and a refresh with nothing changed (TableInfos Modified
# as cached: one request).  Writes bench/results/fetch.md.
#   bench/fetch.sh            (PAGES=100 SIZES="200 1000" DELAY_MS=50 RUNS=3 to change)
# The table is made by tests/fetch/make_table.sh (CBS Atom layout, next links
# at $skip=k*10000) with each of SIZES entries per page: 200 (8 MB: the
# latency is what counts, as with real CBS, whose pages take seconds) and
# 1000 (40 MB: parsing and gzip on this machine count too); real pages of
# 10,000 rows would be 400 MB.  Targets, judged on the first size: 4 at once
# >= 3x faster than 1; the unchanged refresh < 5% of a full download.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
PAGES=${PAGES:-100}
SIZES=${SIZES:-200 1000}
DELAY_MS=${DELAY_MS:-50}
RUNS=${RUNS:-3}
RESULTS=${RESULTS:-bench/results/fetch.md}
FAST=/dev/shm
[ -d "$FAST" ] && [ -w "$FAST" ] || FAST=${TMPDIR:-/tmp}
T=$(mktemp -d "$FAST/jb-bench-fetch.XXXXXX")
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT

mkdir -p "$T/root"
"$BIN/jb-cbs-server" --root "$T/root" --port 0 --port-file "$T/port" --log "$T/requests.log" \
	--delay-ms "$DELAY_MS" >/dev/null 2>"$T/server.err" &
SERVER=$!
tries=0
until [ -s "$T/port" ]; do
	tries=$((tries + 1))
	[ "$tries" -gt 200 ] && { echo "fetch.sh: jb-cbs-server did not start" >&2; exit 69; }
	sleep 0.05
done
URL=http://127.0.0.1:$(cat "$T/port")

# run NAME ARGS...: the fastest of $RUNS wall times (ms) into $T/NAME.ms
run() {
	name=$1
	shift
	best=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		start=$(date +%s%N)
		"$BIN/jb-fetch" -q "$@" || { echo "fetch.sh: $name failed" >&2; exit 1; }
		ms=$((($(date +%s%N) - start) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best" >"$T/$name.ms"
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
	sed 's/,[^,]*$//' "$T/raw1/$id/manifest.csv" >"$T/m1"
	sed 's/,[^,]*$//' "$T/raw4/$id/manifest.csv" >"$T/m4"
	cmp -s "$T/m1" "$T/m4" && same=yes || same=NO
	seq_ms=$(cat "$T/sequential.ms")
	par_ms=$(cat "$T/parallel.ms")
	unch_ms=$(cat "$T/unchanged.ms")
	speedup=$(awk -v a="$seq_ms" -v b="$par_ms" 'BEGIN { printf "%.2f", a / b }')
	share=$(awk -v a="$unch_ms" -v b="$par_ms" 'BEGIN { printf "%.1f", 100 * a / b }')
	share1=$(awk -v a="$unch_ms" -v b="$seq_ms" 'BEGIN { printf "%.1f", 100 * a / b }')
	if [ -z "$rows_md" ]; then
		targets="(>= 3x: $(verdict "$speedup" 3 ">="))"
		target_share="(< 5%: $(verdict "$share" 5 "<") / $(verdict "$share1" 5 "<"))"
	else
		targets=
		target_share=
	fi
	rows_md="$rows_md
| $rows | $bytes | $seq_ms ms | $par_ms ms | ${speedup}x $targets | $unch_ms ms ($requests request) | ${share}% / ${share1}% $target_share | $same |"
	rm -rf "$T/raw1" "$T/raw4"
done
start=$(date +%s%N)
"$BIN/jb-fetch" --help >/dev/null
startup_ms=$((($(date +%s%N) - start) / 1000000))

mkdir -p "$(dirname "$RESULTS")"
{
	echo "## jb-fetch: parallel transfers and unchanged refresh"
	echo
	echo "Command: \`bench/fetch.sh\` (PAGES=$PAGES SIZES=\"$SIZES\" DELAY_MS=$DELAY_MS RUNS=$RUNS; fastest of $RUNS runs)."
	echo "A $PAGES-page table (made by \`tests/fetch/make_table.sh\`) from"
	echo "\`jb-cbs-server --delay-ms $DELAY_MS\` on 127.0.0.1 (gzip on): \`--force\` downloads with"
	echo "\`[fetch] max_per_host\` = 1 and = 4, then a refresh with nothing changed (4 at once, no"
	echo "\`--force\`: TableInfos Modified as cached).  The share is the refresh's time over the download's with 4 / with 1 at once."
	echo
	echo "| entries a page | bytes of data pages | 1 at once | 4 at once | speed-up | unchanged refresh | share | same files |"
	echo "|---:|---:|---:|---:|---|---|---|---|$rows_md"
	echo
	echo "For scale: \`jb-fetch --help\` (process start, shared libraries) took $startup_ms ms; the"
	echo "load average was $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at the end of the run."
} >"$RESULTS"
cat "$RESULTS"
