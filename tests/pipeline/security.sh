# Configuration values never reach a shell; only configured hosts are fetched.
. tests/lib/cli.sh
. tests/fetch/server.sh
unset MAKEFLAGS MAKELEVEL MFLAGS
case $BIN in "$TOP/bin") OBJ=build/obj ;; */bin) OBJ=${BIN%/bin}/obj ;; *) OBJ=build/obj ;; esac
export JB_FETCH_BACKOFF_MS=1
canary=$T/pwned

# a filter, a title and a base full of shell syntax
sed -e "s|^filter = .*|filter = startswith(WijkenEnBuurten,'GM') or \$(touch $canary)\\n  or \`touch $canary\`\\n  or ; touch $canary|" \
	-e "s|^title = Kerncijfers.*|title = x'; touch $canary; echo '|" config/jeugdbench.ini >"$T/evil.ini"
cbs_server_start fetch/snapshot || { _not_ok "the loopback server starts"; exit 1; }
run make --no-print-directory -C "$TOP" BIN="$BIN" OBJ="$OBJ" CONFIG="$T/evil.ini" DATA="$T/data" \
	REPORTS="$T/reports" CBS_BASE="$CBS_URL" refresh
expect "a refresh with shell syntax in the configuration runs" status 0
[ "$status" -eq 0 ] || tail -n 5 "$err"
expect "no configuration value was run by a shell" no_file "$canary"
grep -q 'touch' "$CBS_LOG" && _ok "the filter went to the server as data" ||
	_not_ok "the filter went to the server as data"

run make --no-print-directory -C "$TOP" BIN="$BIN" OBJ="$OBJ" CONFIG="$T/evil.ini" DATA="$T/data2" \
	REPORTS="$T/reports2" "CBS_BASE=$CBS_URL'; touch $canary; echo '" refresh
expect "a base with shell syntax is refused" status 2
expect "and never run" no_file "$canary"

# a next link or redirect to another host is never followed
cbs_server_start fetch/snapshot --redirect "TableInfos:http://127.0.0.2:9/elsewhere" ||
	{ _not_ok "the loopback server restarts"; exit 1; }
run jb-fetch -c config/jeugdbench.ini -o "$T/raw" --base "$CBS_URL" 84799NED
expect "a redirect to another host is refused with 69" status 69
expect "and named" stderr_has "127.0.0.2"

# a file:// base is only allowed through --local
run jb-fetch -c config/jeugdbench.ini -o "$T/raw" --base "file:///etc" 84799NED
expect "file:// as base is refused" status 64

# XML with an external entity never reads the file
mkdir -p "$T/xxe/84799NED"
cp fetch/snapshot/84799NED/*.xml "$T/xxe/84799NED/"
sed -i '1a <!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' "$T/xxe/84799NED/TableInfos.xml"
sed -i 's|<d:Title>[^<]*</d:Title>|<d:Title>\&secret;</d:Title>|' "$T/xxe/84799NED/TableInfos.xml"
run jb-fetch -c config/jeugdbench.ini -o "$T/raw-xxe" --local "$T/xxe" 84799NED
expect "a feed with an external entity is refused" status 65
expect "nothing of it enters the cache" no_file "$T/raw-xxe/84799NED/TableInfos.xml"
