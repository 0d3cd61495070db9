# pipeline/monthly, the cron entry point: faults never lose the last good report.
. tests/lib/cli.sh
. tests/fetch/server.sh
unset MAKEFLAGS MAKELEVEL MFLAGS
case $BIN in "$TOP/bin") OBJ=build/obj ;; */bin) OBJ=${BIN%/bin}/obj ;; *) OBJ=build/obj ;; esac
cp config/jeugdbench.ini "$T/jeugdbench.ini"
printf '\n[report]\nkeep_runs = 1\n' >>"$T/jeugdbench.ini"
export BIN OBJ DATA="$T/data" REPORTS="$T/reports" CONFIG="$T/jeugdbench.ini" JB_LOGS="$T/logs"
export JB_FETCH_BACKOFF_MS=1

run pipeline/monthly --help
expect "--help exits 0" status 0
expect "--help shows the crontab line" stdout_has "crontab:"
run pipeline/monthly --lock-wait soon
expect "a bad option value exits 64" status 64

cbs_server_start fetch/snapshot || { _not_ok "the loopback server starts"; exit 1; }
run pipeline/monthly --base "$CBS_URL"
expect "a monthly run succeeds" status 0
expect "and is quiet on success (cron mails stdout)" stdout_empty
expect "also on stderr" stderr_empty
expect "it produces the report" file_exists "$T/reports/latest/index.html"
good=$(readlink "$T/reports/latest")
log=$(ls "$T"/logs/monthly-*.log | tail -n 1)
grep -q 'stage tidy: status 0, [0-9]*s' "$log" && _ok "the log has each stage's duration" ||
	_not_ok "the log has each stage's duration"
# the synthetic table says Modified 2025-07-01, the real 84799NED 2021-03-26
grep -q 'warning: 84799NED last modified 2021-03-26' "$log" && _ok "the log warns of a table unchanged too long" ||
	_not_ok "the log warns of a table unchanged too long"
grep -q 'warning: 84799NED last modified' "$T/reports/latest/summary.md" &&
	_ok "and so does the summary for the monthly mail" ||
	_not_ok "and so does the summary for the monthly mail"

# network down: the server is gone
cbs_server_stop
run pipeline/monthly --base "$CBS_URL"
expect "network down exits 75 so cron retries" status 75
expect "it names the stage" stderr_has "stage fetch-live failed with status 75"
[ "$(readlink "$T/reports/latest")" = "$good" ] && _ok "the last good report stays (network down)" ||
	_not_ok "the last good report stays (network down)"

# a malformed page: a maintenance page served with 200
cbs_server_start fetch/snapshot --html-page 'TableInfos' || { _not_ok "the loopback server restarts"; exit 1; }
run pipeline/monthly --base "$CBS_URL"
expect "a maintenance page exits 65" status 65
expect "the error names the URL" stderr_has "$CBS_URL/ODataFeed/odata/84799NED/TableInfos"
[ "$(readlink "$T/reports/latest")" = "$good" ] && _ok "the last good report stays (bad page)" ||
	_not_ok "the last good report stays (bad page)"
expect "the last good cache stays" file_exists "$T/data/raw/84799NED/TypedDataSet.xml"
no_temp_files "no temporary file after a bad page" "$T/data"
cbs_server_stop

# two runs at once: the second waits a bounded time, then says why
flock -o "$T/data/.monthly.lock" sleep 20 &
holder=$!
sleep 0.3
run pipeline/monthly --lock-wait 1 --base "$CBS_URL"
expect "a second concurrent run exits 73" status 73
expect "and says another run holds the lock" stderr_has "another run holds"
# without --lock-wait, [pipeline] lock_wait says how long (the default is 600 s)
sed 's/^lock_wait = 600$/lock_wait = 1/' "$T/jeugdbench.ini" >"$T/wait.ini"
CONFIG="$T/wait.ini" run pipeline/monthly --base "$CBS_URL"
expect "[pipeline] lock_wait is the wait without --lock-wait" status 73
expect "and the message gives it" stderr_has "(waited 1s)"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# a configuration error: message with file and line
printf '[jeugdbench]\nboundary_year = 2024\n[table a]\nid = 84799NED\nfromat = atom\n' >"$T/bad.ini"
CONFIG="$T/bad.ini" run pipeline/monthly --base "$CBS_URL"
expect "a configuration error exits 78" status 78
expect "the log names file and line" stderr_has "bad.ini:5: unknown key 'fromat'"
[ "$(readlink "$T/reports/latest")" = "$good" ] && _ok "the last good report stays (config)" ||
	_not_ok "the last good report stays (config)"

# disk full while writing: a file-size limit makes writes fail with EFBIG
cbs_server_start fetch/snapshot || { _not_ok "the loopback server restarts"; exit 1; }
make --no-print-directory -s BIN="$BIN" OBJ="$OBJ" programs >/dev/null 2>&1
touch "$T/data/raw/85099SYN/manifest.csv"
(
	trap '' XFSZ
	ulimit -f 256
	exec pipeline/monthly --base "$CBS_URL"
) >"$out" 2>"$err"
status=$?
expect "a full disk during transform exits 74" status 74
expect "and names the file" stderr_has "85099SYN.csv"
[ "$(readlink "$T/reports/latest")" = "$good" ] && _ok "the last good report stays (disk full)" ||
	_not_ok "the last good report stays (disk full)"
no_temp_files "no half-written file after a full disk" "$T/data"
expect "the previous tidy file is intact" file_exists "$T/data/tidy/85099SYN.csv"

# disk full while the report is written: the previous report stays
run make --no-print-directory -s BIN="$BIN" OBJ="$OBJ" stats
touch "$T/data/stats/benchmark.csv"
before=$(readlink "$T/reports/latest")
(
	trap '' XFSZ
	ulimit -f 64
	exec make --no-print-directory BIN="$BIN" OBJ="$OBJ" report
) >"$out" 2>"$err"
status=$?
expect "a full disk while writing the report fails" status 2
expect "jb-report says it could not write" stderr_has "Error 74"
[ "$(readlink "$T/reports/latest")" = "$before" ] && _ok "the last good report stays (report disk full)" ||
	_not_ok "the last good report stays (report disk full)"
no_temp_files "no half-written report" "$T/reports"
[ "$(ls "$T/reports" | wc -l)" -eq "$(ls "$T/reports" | grep -vc tmp)" ] && _ok "no temporary run folder" ||
	_not_ok "no temporary run folder"

# killed during fetch: the next run resumes where it stopped
rm -rf "$T/data/raw/84799NED"
cbs_server_start fetch/snapshot --slow 'TypedDataSet:4000' || { _not_ok "the loopback server restarts"; exit 1; }
setsid pipeline/monthly --base "$CBS_URL" >/dev/null 2>&1 &
killer=$!
tries=0
until grep -q '84799NED/WijkenEnBuurten ' "$CBS_LOG" 2>/dev/null || [ "$tries" -gt 100 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
sleep 0.5
kill -9 "-$killer" 2>/dev/null
wait "$killer" 2>/dev/null
expect "the killed run left no table behind" no_file "$T/data/raw/84799NED/manifest.csv"
cbs_server_start fetch/snapshot || { _not_ok "the loopback server restarts"; exit 1; }
run pipeline/monthly --base "$CBS_URL"
expect "the next run completes" status 0
[ "$(cbs_requests '84799NED/WijkenEnBuurten ')" -eq 0 ] && _ok "and does not fetch again what the killed run had" ||
	_not_ok "and does not fetch again what the killed run had" "$(grep WijkenEnBuurten "$CBS_LOG")"
expect "the table is complete" file_exists "$T/data/raw/84799NED/manifest.csv"

# [pipeline] stale_days decides what is too long unchanged: 2021-03-26 is within 100000 days
sed 's/^stale_days = 400$/stale_days = 100000/' "$T/jeugdbench.ini" >"$T/patient.ini"
CONFIG="$T/patient.ini" run pipeline/monthly --base "$CBS_URL"
expect "a run with a long stale_days succeeds" status 0
log=$(ls "$T"/logs/monthly-*.log | tail -n 1)
grep -q 'warning: 84799NED last modified' "$log" &&
	_not_ok "and does not warn of 84799NED" || _ok "and does not warn of 84799NED"

# CBS stopped a table: the next run says so in its log and summary
mkdir -p "$T/stopped"
cp -r fetch/snapshot/84799NED "$T/stopped/"
# (a new Modified: jb-fetch keeps a table whose Modified did not change)
sed -i -e 's|<d:OutputStatus>Regulier</d:OutputStatus>|<d:OutputStatus>Gestopt</d:OutputStatus>|' \
	-e 's|<d:Modified m:type="Edm.DateTime">2021-03-26T02:00:00</d:Modified>|<d:Modified m:type="Edm.DateTime">2026-01-05T02:00:00</d:Modified>|' \
	"$T/stopped/84799NED/TableInfos.xml"
cbs_server_start "$T/stopped" || { _not_ok "the loopback server restarts"; exit 1; }
sleep 1
run pipeline/monthly --base "$CBS_URL"
expect "a run with a stopped table succeeds" status 0
log=$(ls "$T"/logs/monthly-*.log | tail -n 1)
grep -q "warning: 84799NED has status 'Gestopt'" "$log" && _ok "the log says CBS stopped the table" ||
	_not_ok "the log says CBS stopped the table"
grep -q "84799NED has status 'Gestopt'" "$T/reports/latest/summary.txt" &&
	_ok "and so does the summary" || _not_ok "and so does the summary"
runs=$(find "$T/reports" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$runs" -eq 2 ] && _ok "[report] keep_runs = 1 keeps latest and one run before it" ||
	_not_ok "[report] keep_runs = 1 keeps latest and one run before it" "$runs run folders"
