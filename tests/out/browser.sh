# jb-report pages in a real browser: headless Debian chromium opens the
# overview and a municipality page from file://, the script must have run,
# no console error, values rendered; screenshots are kept for a human look in
# ${JB_TEST_TMP:-build/test-tmp}/screenshots/.
. tests/lib/cli.sh

D=tests/out/data
R=$T/reports
SHOTS=${JB_TEST_TMP:-build/test-tmp}/screenshots
case $SHOTS in /*) ;; *) SHOTS=$TOP/$SHOTS ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
mkdir -p "$SHOTS"

has() { grep -qF -- "$3" "$2" && _ok "$1" || _not_ok "$1" "$2 lacks: $3"; }
lacks() { grep -qF -- "$3" "$2" && _not_ok "$1" "$2 has: $3" || _ok "$1"; }

# browse NAME URL ARGS...: one headless chromium run with a fresh profile;
# $T/NAME.out and $T/NAME.log hold its stdout and stderr (with console lines)
browse() {
	name=$1 url=$2
	shift 2
	profile=$(mktemp -d "$T/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
		"$@" "$url" >"$T/$name.out" 2>"$T/$name.log"
	status=$?
	rm -rf "$profile"
}

# no_console_errors NAME LOG: chromium logs every console message and
# uncaught exception as INFO:CONSOLE; the pages themselves log nothing
no_console_errors() {
	if grep -E 'CONSOLE|Uncaught|console error' "$2" >"$T/console"; then
		_not_ok "$1" "$(head -n 3 "$T/console")"
	else
		_ok "$1"
	fi
}

# check_page NAME FILE: DOM, console and screenshot of one page
check_page() {
	page=$1 file=$2
	browse "$page" "file://$file" --dump-dom
	expect "chromium renders $page (exit 0)" status 0
	if [ "$status" -ne 0 ]; then
		_not_ok "chromium runs here" "$CHROMIUM exited $status:" \
			"$(grep -v dbus "$T/$page.log" | tail -n 3)"
		return
	fi
	case $page in *index) has "$page: the script ran (sortable table ready)" "$T/$page.out" \
		"class=\"sortable\" data-sort-ready=\"\"" ;; esac
	has "$page: the script ran (js class on html)" "$T/$page.out" "<html lang=\"nl\" class=\"js\">"
	no_console_errors "$page: no console error or uncaught exception" "$T/$page.log"
	browse "$page-shot" "file://$file" --screenshot="$SHOTS/$page.png" \
		--window-size=1280,2000 --hide-scrollbars
	expect "$page: screenshot taken" status 0
	if [ -s "$SHOTS/$page.png" ] && [ "$(head -c 8 "$SHOTS/$page.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
		_ok "$page: screenshot is a PNG"
	else
		_not_ok "$page: screenshot is a PNG" "$SHOTS/$page.png"
	fi
}

if [ ! -x "$CHROMIUM" ]; then
	_not_ok "chromium is installed" "$CHROMIUM not found: apt-get install chromium (pipeline/deps-test.txt)"
	exit 1
fi

run jb-report -c $D/config.ini --tidy $D/tidy -o "$R" --benchmark $D/benchmark.csv --run-id b1
expect "report from the fixtures" status 0
check_page fixture-index "$R/b1/index.html"
O=$T/fixture-index.out
has "overview: Amsterdam rendered" "$O" ">Amsterdam</a>"
has "overview: Amsterdam's value rendered" "$O" "data-sort=\"10.000000\">10,0&nbsp;%</td>"
has "overview: escaped name rendered as text" "$O" "Test &amp; Co \"Quote\""
lacks "overview: no script element from data" "$O" "<script>alert"
lacks "overview (first run): no changes section" "$O" "Wat is er veranderd"
has "overview: the G4 legend rendered" "$O" "G4 (de vier grote steden) (omcirkeld, met naam)"
check_page fixture-gemeente "$R/b1/gemeente/GM0363.html"
has "municipality page: its name" "$T/fixture-gemeente.out" "<h1>Amsterdam (GM0363)</h1>"
has "municipality page: its value" "$T/fixture-gemeente.out" "10,0&nbsp;%"

# printed to PDF (A4): the first indicator starts on the first page (a section
# kept whole used to push it to page 2 and leave page 1 empty)
print_check() {
	page=$1 file=$2 heading=$3
	if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
		_not_ok "$page: print check needs poppler-utils (pipeline/deps-test.txt)"
		return
	fi
	browse "$page-pdf" "file://$file" --no-pdf-header-footer --print-to-pdf="$SHOTS/$page.pdf"
	expect "$page: printed to PDF" status 0
	pdfinfo "$SHOTS/$page.pdf" >"$T/$page.pdfinfo" 2>&1
	has "$page: the print is A4" "$T/$page.pdfinfo" "(A4)"
	pdftotext -f 1 -l 1 -layout "$SHOTS/$page.pdf" "$T/$page.p1.txt"
	has "$page: page 1 has the first indicator" "$T/$page.p1.txt" "$heading"
}
print_check fixture-gemeente-print "$R/b1/gemeente/GM0363.html" "Jongeren met jeugdhulp"

run jb-report -c $D/config-stats.ini --tidy $D/tidy -o "$R" --benchmark $D/stats/benchmark.csv --run-id b2
expect "report from the fixtures with peers, models and context" status 0
check_page stats-index "$R/b2/index.html"
has "stats overview: small multiples rendered" "$T/stats-index.out" "aria-label=\"Trend: Leeuwarden\""
has "stats overview (second run): what changed since b1 rendered" "$T/stats-index.out" "<h2>Wat is er veranderd sinds de vorige run</h2>"
has "stats overview: the group's members ringed in the funnel plot" "$T/stats-index.out" " grp\" cx="
has "stats overview: the referral mix rendered" "$T/stats-index.out" "aria-label=\"Mix: Verwijzersmix van de jeugdhulptrajecten\""
has "stats overview: the differing mixes sortable" "$T/stats-index.out" "class=\"sortable mix\" data-sort-ready=\"\""
has "stats overview: distance to the target rendered" "$T/stats-index.out" "<h2>Afstand tot het doel: Jongeren met jeugdhulp</h2>"
check_page stats-gemeente "$R/b2/gemeente/GM0344.html"
has "stats municipality page: the peers table is sortable" "$T/stats-gemeente.out" "class=\"sortable peers\" data-sort-ready=\"\""
has "stats municipality page: context rendered" "$T/stats-gemeente.out" "<td class=\"num\">357.179</td>"
has "stats municipality page: the mix test in words" "$T/stats-gemeente.out" "De mix van Utrecht wijkt af van die van de andere gemeenten samen."
has "stats municipality page: the target line" "$T/stats-gemeente.out" "<line class=\"target\""

# The real pipeline on the bundled snapshot, into a temporary folder.
unset MAKEFLAGS MAKELEVEL MFLAGS
case $BIN in */build/san/bin) OBJ=build/san/obj SAN=1 ;; *) OBJ=${OBJ:-build/obj} SAN= ;; esac
run make --no-print-directory -C "$TOP" BIN="$BIN" OBJ="$OBJ" ${SAN:+SANITIZE=1} benchmark \
	DATA="$T/data" REPORTS="$T/reports-real"
expect "the pipeline builds a report from the snapshot" status 0
if [ "$status" -eq 0 ]; then
	real=$(cd "$T/reports-real/latest" && pwd -P)
	check_page real-index "$real/index.html"
	# Utrecht's newest jeugdhulp value, formatted independently from the benchmark
	line=$(awk -F, '$1 == "jeugdhulp" && $5 == "GM0344" && $23 == "ok" { print $3, $9 }' \
		"$T/data/stats/benchmark.csv" | sort | tail -n 1)
	value=$(printf '%.1f' "${line#* }" | tr . ,)
	has "real overview: Utrecht rendered" "$T/real-index.out" ">Utrecht</a>"
	has "real overview: Utrecht's value $value rendered" "$T/real-index.out" "$value&nbsp;%</td>"
	check_page real-gemeente "$real/gemeente/GM0344.html"
	print_check real-gemeente-print "$real/gemeente/GM0344.html" "Jongeren met jeugdhulp"
	has "real municipality page: Utrecht" "$T/real-gemeente.out" "<h1>Utrecht (GM0344)</h1>"
	has "real municipality page: its value $value" "$T/real-gemeente.out" "$value&nbsp;%"
	# issue 8: the configured referral mix and the targets come through make to the pages
	if [ -s "$T/data/stats/composition.csv" ]; then _ok "real: make wrote composition.csv"
	else _not_ok "real: make wrote composition.csv"; fi
	has "real overview: the referral mix" "$T/real-index.out" "aria-label=\"Mix: Verwijzersmix van de jeugdhulptrajecten\""
	has "real overview: the prevention share against 30%" "$T/real-index.out" "<h2>Afstand tot het doel: Preventie-aandeel van de jeugdlasten</h2>"
	has "real overview: one in seven" "$T/real-index.out" "(1 op de 7)"
	has "real municipality page: Utrecht's mix tested" "$T/real-gemeente.out" "<strong>De mix van Utrecht"
fi
