#!/bin/sh
# bench/fetch.sh: jb-fetch against the loopback server with added latency:
# a 100-page table fetched one transfer at a time ([fetch] max_per_host = 1)
# versus 4 at once, and a refresh with nothing changed (TableInfos Modified
# as cached: one request).  Writes bench/results/fetch.md.
#   bench/fetch.sh            (PAGES=100 ROWS=1000 DELAY_MS=50 RUNS=3 to change)
# The table is made by tests/fetch/make_table.sh (CBS Atom layout, next links
# at $skip=k*10000); ROWS entries per page keep it at ~40 MB instead of the
# ~400 MB of real 10,000-row pages.  Targets: 4 at once >= 3x faster than 1;
# the unchanged refresh < 5% of a full download.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
PAGES=${PAGES:-100}
ROWS=${ROWS:-1000}
DELAY_MS=${DELAY_MS:-50}
RUNS=${RUNS:-3}
RESULTS=${RESULTS:-bench/results/fetch.md}
FAST=/dev/shm
[ -d "$FAST" ] && [ -w "$FAST" ] || FAST=${TMPDIR:-/tmp}
T=$(mktemp -d "$FAST/jb-bench-fetch.XXXXXX")
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT

sh tests/fetch/make_table.sh "$T/root" BENCH01 "$PAGES" "$ROWS"
bytes=$(cat "$T"/root/BENCH01/TypedDataSet*.xml | wc -c | tr -d ' ')
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
for n in 1 4; do
	printf '[fetch]\nmax_per_host = %s\nattempts = 3\n[table bench]\nid = BENCH01\ntitle = bench\norigin = cbs\n' \
		"$n" >"$T/max$n.ini"
done

# run NAME ARGS...: the fastest of $RUNS wall times (seconds) into $T/NAME.secs
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
run sequential -c "$T/max1.ini" -f -o "$T/raw1" --base "$URL" BENCH01
run parallel -c "$T/max4.ini" -f -o "$T/raw4" --base "$URL" BENCH01
sleep 0.5 # guesses beyond the last page, dropped by jb-fetch, are still logged by the server
: >"$T/requests.log"
run unchanged -c "$T/max4.ini" -o "$T/raw4" --base "$URL" BENCH01
unchanged_requests=$(($(wc -l <"$T/requests.log") / RUNS))
start=$(date +%s%N)
"$BIN/jb-fetch" --help >/dev/null
startup_ms=$((($(date +%s%N) - start) / 1000000))
for f in "$T"/raw1/BENCH01/manifest.csv "$T"/raw4/BENCH01/manifest.csv; do
	sed 's/,[^,]*$//' "$f" >"$f.cut"
done
cmp -s "$T/raw1/BENCH01/manifest.csv.cut" "$T/raw4/BENCH01/manifest.csv.cut" && same=yes || same=NO
seq_ms=$(cat "$T/sequential.ms")
par_ms=$(cat "$T/parallel.ms")
unch_ms=$(cat "$T/unchanged.ms")
speedup=$(awk -v a="$seq_ms" -v b="$par_ms" 'BEGIN { printf "%.2f", a / b }')
share=$(awk -v a="$unch_ms" -v b="$par_ms" 'BEGIN { printf "%.1f", 100 * a / b }')
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v < t; print ok ? "met" : "MISSED" }'; }
mkdir -p "$(dirname "$RESULTS")"
{
	echo "## jb-fetch: parallel transfers and unchanged refresh"
	echo
	echo "Command: \`bench/fetch.sh\` (PAGES=$PAGES ROWS=$ROWS DELAY_MS=$DELAY_MS RUNS=$RUNS; fastest of $RUNS runs)."
	echo "A $PAGES-page table ($ROWS entries a page, $bytes bytes of TypedDataSet pages, made by"
	echo "\`tests/fetch/make_table.sh\`) from \`jb-cbs-server --delay-ms $DELAY_MS\` on 127.0.0.1, gzip on."
	echo
	echo "| run | wall time | |"
	echo "|---|---:|---|"
	echo "| \`max_per_host = 1\` (one transfer at a time), \`--force\` | $seq_ms ms | |"
	echo "| \`max_per_host = 4\`, \`--force\` | $par_ms ms | ${speedup}x faster (target >= 3x: $(verdict "$speedup" 3 ">=")) |"
	echo "| refresh, nothing changed (TableInfos only: $unchanged_requests request), \`max_per_host = 4\` | $unch_ms ms | ${share}% of the full download with 4 at once (target < 5%: $(verdict "$share" 5 "<")) |"
	echo
	echo "Same files and checksums with 1 and 4 at once: $same.  For scale: \`jb-fetch --help\`"
	echo "(process start, shared libraries) took $startup_ms ms; the machine's load average was"
	echo "$(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores while this ran."
} >"$RESULTS"
cat "$RESULTS"
