# jb-fetch against jb-cbs-server on 127.0.0.1, and jb-cbs-server itself.
. tests/lib/cli.sh
. tests/fetch/server.sh

DATA=tests/fetch/data
INI=$DATA/fetch.ini
export JB_FETCH_BACKOFF_MS=10
unset CBS_BASE

help_test jb-fetch
help_test jb-cbs-server
run jb-fetch --help
expect "help documents the exit statuses" stdout_has "75 temporary failure"

# crc32 of a file from gzip's trailer (little-endian host), independent of zlib's API
crc_of() { gzip -c <"$1" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' '; }

# --- a three-page table -------------------------------------------------------
cbs_server_start $DATA || echo "not ok - server starts"
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a three-page table is fetched" status 0
expect "one log line for the table" stderr_has "FETCH01: 7 pages, 13888 bytes"
for file in TableInfos DataProperties RegioS Perioden TypedDataSet TypedDataSet.skip10000 \
	TypedDataSet.skip20000; do
	expect "$file.xml is stored as served" same "$DATA/FETCH01/$file.xml:$T/raw/FETCH01/$file.xml"
done
no_temp_files "no temporary files after success" "$T/raw"
{
	echo "file,url,bytes,crc32"
	base=$CBS_URL/ODataFeed/odata/FETCH01
	for entry in TableInfos:TableInfos DataProperties:DataProperties RegioS:RegioS \
		Perioden:Perioden \
		"TypedDataSet:TypedDataSet?\$filter=RegioS%20eq%20%27GM0363%27%20or%20RegioS%20eq%20%27NL01%20%20%27&\$select=RegioS%2CPerioden%2CJongerenTot18Jaar_1" \
		'TypedDataSet.skip10000:TypedDataSet?$skip=10000' \
		'TypedDataSet.skip20000:TypedDataSet?$skip=20000'; do
		file=${entry%%:*}.xml
		printf '%s,%s/%s,%s,%s\n' "$file" "$base" "${entry#*:}" \
			"$(wc -c <"$DATA/FETCH01/$file" | tr -d ' ')" "$(crc_of "$DATA/FETCH01/$file")"
	done
} >"$T/manifest.expected"
cut -d, -f1-4 "$T/raw/FETCH01/manifest.csv" >"$T/manifest.got"
expect "manifest: file, url (host rewritten), bytes, crc32 per page" same "$T/manifest.expected:$T/manifest.got"
if [ "$(cut -d, -f5 "$T/raw/FETCH01/manifest.csv" |
	grep -Ec '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')" -eq 7 ]; then
	echo "ok - fetched_at is UTC ISO 8601 on every row"
else
	echo "not ok - fetched_at is UTC ISO 8601 on every row"
fi
expect "the filter reaches the server decoded" file_exists "$CBS_LOG"
[ "$(cbs_requests "TypedDataSet?\$filter=RegioS eq 'GM0363' or RegioS eq 'NL01  '&\$select=RegioS,Perioden,JongerenTot18Jaar_1 200")" -eq 1 ] &&
	echo "ok - \$filter keys padded to the RegioS width (6), URL-encoded once" ||
	echo "not ok - \$filter keys padded to the RegioS width (6), URL-encoded once"
[ "$(wc -l <"$CBS_LOG")" -eq 7 ] && echo "ok - seven requests for seven pages" ||
	echo "not ok - seven requests for seven pages"
cp -r "$T/raw" "$T/good"

# --- conditional refresh: validators, then TableInfos Modified -> cache kept -------
info=$DATA/FETCH01/TableInfos.xml
etag="W/\"$(crc_of "$info")-$(printf '%x' "$(wc -c <"$info")")\""
last_modified=$(LC_ALL=C date -u -r "$info" '+%a, %d %b %Y %H:%M:%S GMT')
csv_etag=$(printf '%s' "$etag" | sed 's/"/""/g')
[ "$(grep -cF "TableInfos.xml,$CBS_URL/ODataFeed/odata/FETCH01/TableInfos," "$T/raw/FETCH01/manifest.csv")" -eq 1 ] &&
	grep -qF ",\"$csv_etag\",\"$last_modified\"" "$T/raw/FETCH01/manifest.csv" &&
	echo "ok - manifest: the ETag (crc32-size of the file) and Last-Modified (its mtime) the server sent" ||
	echo "not ok - manifest: the ETag (crc32-size of the file) and Last-Modified (its mtime) the server sent"
[ "$(head -n 1 "$T/raw/FETCH01/manifest.csv")" = "file,url,bytes,crc32,fetched_at,etag,last_modified" ] &&
	echo "ok - manifest columns: etag and last_modified after fetched_at" ||
	echo "not ok - manifest columns: etag and last_modified after fetched_at"
: >"$CBS_LOG"
touch -d '2001-01-01' "$T/raw/FETCH01/RegioS.xml" "$T/raw/FETCH01/manifest.csv"
run jb-fetch -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
expect "an unchanged table is kept" status 0
expect "it says so" stderr_has "FETCH01: unchanged (TableInfos 304 not modified), cache kept"
[ "$(wc -l <"$CBS_LOG")" -eq 1 ] && [ "$(cbs_requests 'FETCH01/TableInfos 304 ')" -eq 1 ] &&
	[ "$(cbs_requests ' if=etag')" -eq 1 ] &&
	echo "ok - one request, If-None-Match, answered 304" ||
	echo "not ok - one request, If-None-Match, answered 304 ($(cat "$CBS_LOG"))"
[ "$(find "$T/raw/FETCH01/RegioS.xml" -newermt 2002-01-01)" = "" ] &&
	echo "ok - the cached files are not rewritten" || echo "not ok - the cached files are not rewritten"
expect "the manifest is kept" same "$T/good/FETCH01/manifest.csv:$T/raw/FETCH01/manifest.csv"
[ "$(find "$T/raw/FETCH01/manifest.csv" -newermt 2002-01-01)" != "" ] &&
	echo "ok - the manifest gets the time of the check (make sees the table as current)" ||
	echo "not ok - the manifest gets the time of the check (make sees the table as current)"
no_temp_files "no temporary files after an unchanged table" "$T/raw"

# libxml2 is not linked: jb-fetch loads it (fetch/xml_library.h) while the
# first request is on its way, and only a page check needs it, so a refresh
# answered 304 succeeds even with a libxml2 that cannot be loaded
mkdir "$T/badlib"
: >"$T/badlib/libxml2.so.2"
run env LD_LIBRARY_PATH="$T/badlib" "$BIN/jb-fetch" -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a refresh answered 304 needs no libxml2" status 0
expect "it is kept as unchanged" stderr_has "FETCH01: unchanged (TableInfos 304 not modified), cache kept"
cp -R "$T/raw" "$T/xml"
run env LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld-force" "$BIN/jb-fetch" -q -c $INI -f -o "$T/xml" \
	--base "$CBS_URL" FETCH01
expect "a download (loader log)" status 0
cat "$T"/ld-force.* | grep -q 'file=libxml2\.so\.2 .*dynamically loaded by' &&
	echo "ok - a download loads libxml2 with dlopen" ||
	echo "not ok - a download loads libxml2 with dlopen"
# a libxml2 that cannot be loaded when a page must be checked: exit 69 naming
# it, the cached table kept
cp "$T/xml/FETCH01/manifest.csv" "$T/xml-manifest.csv"
run env LD_LIBRARY_PATH="$T/badlib" "$BIN/jb-fetch" -c $INI -f -o "$T/xml" --base "$CBS_URL" FETCH01
expect "a libxml2 that cannot be loaded exits 69" status 69
expect "the message names libxml2 and the loader's reason" stderr_has "jb-fetch: cannot load libxml2: $T/badlib/libxml2.so.2: file too short"
expect "the cached table is kept" same "$T/xml-manifest.csv:$T/xml/FETCH01/manifest.csv"
no_temp_files "no temporary files after libxml2 failed to load" "$T/xml"
run jb-fetch -q -c $INI -o "$T/xml" --base "$CBS_URL" FETCH01
expect "the next run with libxml2 succeeds" status 0
expect "and keeps the table" same "$T/xml-manifest.csv:$T/xml/FETCH01/manifest.csv"

# only Last-Modified cached: If-Modified-Since
sed -i 's/,"W\/""[^"]*""",/,,/' "$T/raw/FETCH01/manifest.csv"
: >"$CBS_LOG"
run jb-fetch -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
expect "without a cached ETag the table is kept" status 0
[ "$(wc -l <"$CBS_LOG")" -eq 1 ] && [ "$(cbs_requests 'FETCH01/TableInfos 304 ')" -eq 1 ] &&
	[ "$(cbs_requests ' if=date')" -eq 1 ] &&
	echo "ok - one request, If-Modified-Since, answered 304" ||
	echo "not ok - one request, If-Modified-Since, answered 304 ($(cat "$CBS_LOG"))"

# a server without validators: TableInfos Modified decides
cbs_server_start $DATA --no-validators
run jb-fetch -q -c $INI -f -o "$T/noval" --base "$CBS_URL" FETCH01
expect "a server without validators: fetched" status 0
[ "$(cut -d, -f6,7 "$T/noval/FETCH01/manifest.csv" | sort -u)" = "$(printf ',\netag,last_modified')" ] &&
	echo "ok - no validators sent, none stored" || echo "not ok - no validators sent, none stored"
: >"$CBS_LOG"
run jb-fetch -c $INI -o "$T/noval" --base "$CBS_URL" FETCH01
expect "without validators an unchanged table is kept" status 0
expect "by its TableInfos Modified" stderr_has "FETCH01: unchanged (TableInfos Modified as cached), cache kept"
[ "$(wc -l <"$CBS_LOG")" -eq 1 ] && [ "$(cbs_requests 'FETCH01/TableInfos 200 ')" -eq 1 ] &&
	[ "$(cbs_requests ' if=')" -eq 0 ] &&
	echo "ok - one unconditional request answered 200" ||
	echo "not ok - one unconditional request answered 200 ($(cat "$CBS_LOG"))"

# a 304 for a table that is not in the cache is a bad answer
cbs_server_start $DATA --fault 'TableInfos:304'
run jb-fetch -c $INI -o "$T/never" --base "$CBS_URL" FETCH01
expect "a 304 without a cached table exits 65" status 65
expect "the message names the URL" stderr_has "$CBS_URL/ODataFeed/odata/FETCH01/TableInfos: HTTP 304 (not modified) to a request without validators"
expect "no table folder" no_file "$T/never/FETCH01"
cbs_server_start $DATA

: >"$CBS_LOG"
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "--force fetches an unchanged table" status 0
expect "-q prints nothing on success" stderr_empty
[ "$(wc -l <"$CBS_LOG")" -eq 7 ] && echo "ok - --force asks every page" || echo "not ok - --force asks every page"

sed 's/^filter = .*/filter = RegioS eq '"'GM0599'"'/' $INI >"$T/other-filter.ini"
: >"$CBS_LOG"
run jb-fetch -q -c "$T/other-filter.ini" -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a changed filter fetches again" status 0
[ "$(wc -l <"$CBS_LOG")" -eq 7 ] && echo "ok - every page asked after a config change" ||
	echo "not ok - every page asked after a config change"

run jb-fetch -q -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
cp -r $DATA "$T/newer"
sed -i 's/2025-07-01T02:00:00</2025-08-01T02:00:00</' "$T/newer/FETCH01/TableInfos.xml"
cbs_server_start "$T/newer"
run jb-fetch -q -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a newer TableInfos fetches again" status 0
[ "$(wc -l <"$CBS_LOG")" -eq 7 ] && echo "ok - every page asked after a new Modified" ||
	echo "not ok - every page asked after a new Modified"
[ "$(cbs_requests 'FETCH01/TableInfos 200 ')" -eq 1 ] && [ "$(cbs_requests ' if=etag')" -eq 1 ] &&
	echo "ok - the changed file's new ETag: 200 to If-None-Match" ||
	echo "not ok - the changed file's new ETag: 200 to If-None-Match"
expect "the new TableInfos is cached" same "$T/newer/FETCH01/TableInfos.xml:$T/raw/FETCH01/TableInfos.xml"
cbs_server_start $DATA
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01

# --- --local reads the same layout, byte for byte ------------------------------
run jb-fetch -q -c $INI -o "$T/local" --local $DATA FETCH01
expect "--local fetches the table" status 0
for file in "$T"/raw/FETCH01/*.xml; do
	expect "--local $(basename "$file") equals HTTP" same "$file:$T/local/FETCH01/$(basename "$file")"
done
cut -d, -f1,3,4 "$T/raw/FETCH01/manifest.csv" >"$T/http.cols"
cut -d, -f1,3,4 "$T/local/FETCH01/manifest.csv" >"$T/local.cols"
expect "--local manifest has the same files, sizes and checksums" same "$T/http.cols:$T/local.cols"
SOURCE_DATE_EPOCH=1751335200 run jb-fetch -q -c $INI -o "$T/local" --local $DATA FETCH01
expect "SOURCE_DATE_EPOCH fixes fetched_at" status 0
[ "$(cut -d, -f5 "$T/local/FETCH01/manifest.csv" | grep -c '^2025-07-01T02:00:00Z$')" -eq 7 ] &&
	echo "ok - fetched_at from SOURCE_DATE_EPOCH" || echo "not ok - fetched_at from SOURCE_DATE_EPOCH"
run jb-fetch -q -c $INI -o "$T/local2" --local "$T/nowhere" FETCH01
expect "--local with a missing file exits 66" status 66
expect "it names the local file" stderr_has "$T/nowhere/FETCH01/TableInfos.xml"
expect "no table folder after a failure" no_file "$T/local2/FETCH01"

# --- retries -------------------------------------------------------------------
cbs_server_start $DATA --fault 'TypedDataSet.skip10000:500' --fault-times 1
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "HTTP 500 once, then success" status 0
expect "the retry is logged with its cause" stderr_has "TypedDataSet?\$skip=10000: HTTP 500; attempt 2 of 3"
[ "$(cbs_requests 'TypedDataSet?$skip=10000')" -eq 2 ] && echo "ok - the failed page is asked twice" ||
	echo "not ok - the failed page is asked twice ($(cbs_requests 'TypedDataSet?$skip=10000'))"
[ "$(wc -l <"$CBS_LOG")" -eq 8 ] && echo "ok - eight requests in all" || echo "not ok - eight requests in all"

cbs_server_start $DATA --reset 'Perioden' --fault-times 2
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "connection resets are retried" status 0
[ "$(cbs_requests 'FETCH01/Perioden ')" -eq 3 ] && echo "ok - two resets, three requests" ||
	echo "not ok - two resets, three requests"

cbs_server_start $DATA --fault 'TableInfos:503' --fault-times 1 --retry-after 1
start=$(date +%s%N)
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
elapsed=$((($(date +%s%N) - start) / 1000000))
expect "503 with Retry-After, then success" status 0
[ "$elapsed" -ge 1000 ] && echo "ok - Retry-After: 1 is honoured (${elapsed} ms)" ||
	echo "not ok - Retry-After: 1 is honoured (${elapsed} ms)"

cbs_server_start $DATA --fault 'TableInfos:503' --retry-after 3600
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a Retry-After beyond retry_max_seconds gives up with 75" status 75
expect "it says why" stderr_has "Retry-After 3600 s, beyond [fetch] retry_max_seconds = 20"

cbs_server_start $DATA --fault 'TypedDataSet.skip10000:500'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "HTTP 500 every time exits 75" status 75
expect "the message names the URL and the last error" \
	stderr_has "$CBS_URL/ODataFeed/odata/FETCH01/TypedDataSet?\$skip=10000: giving up after 3 attempts: HTTP 500"
[ "$(cbs_requests 'TypedDataSet?$skip=10000')" -eq 3 ] && echo "ok - [fetch] attempts = 3 requests" ||
	echo "not ok - [fetch] attempts = 3 requests"
if diff -r "$T/good/FETCH01" "$T/raw/FETCH01" | grep -v '^[<>] .*,20[0-9-]*T' | grep -q '^Only'; then
	echo "not ok - the previous cache is intact"
else
	expect "the previous cache is intact" same "$T/good/FETCH01/TypedDataSet.skip20000.xml:$T/raw/FETCH01/TypedDataSet.skip20000.xml"
fi
[ "$(wc -l <"$T/raw/FETCH01/manifest.csv")" -eq 8 ] && echo "ok - the previous manifest is complete" ||
	echo "not ok - the previous manifest is complete"
no_temp_files "no temporary files after a failure" "$T/raw"
run jb-fetch -c $INI -o "$T/fresh" --base "$CBS_URL" FETCH01
expect "a first fetch that fails leaves no folder" no_file "$T/fresh/FETCH01"
no_temp_files "and no temporary one" "$T/fresh"
# a broken libxml2 is said even when the pages an unfinished run kept are
# checked first (that check is silent: a bad kept page is just fetched again)
expect "the failed run kept its pages for the next" file_exists "$T/raw/FETCH01.partial"
run env LD_LIBRARY_PATH="$T/badlib" "$BIN/jb-fetch" -c $INI -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a broken libxml2 with kept pages exits 69" status 69
expect "and still names libxml2" stderr_has "jb-fetch: cannot load libxml2: $T/badlib/libxml2.so.2"

cbs_server_stop
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a server that is down exits 75" status 75
expect "the message names the URL" stderr_has "$CBS_URL/ODataFeed/odata/FETCH01/TableInfos: giving up after 3 attempts"

printf '[fetch]\nattempts = 2\nlow_speed_time = 1\n[table t]\nid = FETCH01\n' >"$T/slow.ini"
cbs_server_start $DATA --delay-ms 2500
run jb-fetch -q -c "$T/slow.ini" -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a server slower than low_speed_time exits 75" status 75
expect "the message names the time-out" stderr_has "TableInfos: giving up after 2 attempts: Operation too slow"

# --- pages that are refused -------------------------------------------------------
cbs_server_start $DATA --html-page 'TypedDataSet.skip20000'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "an HTML maintenance page served with 200 exits 65" status 65
expect "the message names URL and HTML" stderr_has "TypedDataSet?\$skip=20000: an HTML page (maintenance page?)"
expect "the cache keeps the previous table" same "$T/good/FETCH01/TypedDataSet.skip20000.xml:$T/raw/FETCH01/TypedDataSet.skip20000.xml"

cbs_server_start $DATA --truncate 'TypedDataSet'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a truncated page exits 65" status 65
expect "the message names URL and the XML error" stderr_has "malformed XML"

cbs_server_start $DATA --bad-gzip 'TypedDataSet.skip10000'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a body that is not the gzip it says exits 65" status 65
expect "the message names URL and encoding" stderr_has "TypedDataSet?\$skip=10000: Content-Encoding gzip: bad compressed data"
expect "the cache keeps the previous table after a bad encoding" same "$T/good/FETCH01/TypedDataSet.skip10000.xml:$T/raw/FETCH01/TypedDataSet.skip10000.xml"
no_temp_files "no temporary file after a bad encoding" "$T/raw"

cbs_server_start $DATA --content-type 'RegioS:text/plain'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a wrong Content-Type exits 65" status 65
expect "the message names it" stderr_has "RegioS: Content-Type 'text/plain' is not"

cbs_server_start $DATA --content-type 'RegioS:text/xml; charset=utf-8'
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "text/xml is accepted" status 0

cbs_server_start $DATA --fault 'RegioS:404'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "404 exits 69" status 69
expect "the message names the URL and status" stderr_has "$CBS_URL/ODataFeed/odata/FETCH01/RegioS: HTTP 404"
[ "$(cbs_requests 'RegioS')" -eq 1 ] && echo "ok - 404 is not retried" || echo "not ok - 404 is not retried"

cbs_server_start $DATA --fault 'RegioS:403'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "403 exits 69" status 69

cbs_server_start $DATA --redirect 'Perioden:http://example.invalid/ODataFeed/odata/FETCH01/Perioden'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a redirect to another host exits 69" status 69
expect "the message names both URLs" stderr_has "Perioden: redirect to another host to http://example.invalid/"

cbs_server_start $DATA --redirect 'Perioden:/ODataFeed/odata/FETCH01/Perioden?moved=1' --fault-times 1
run jb-fetch -q -c $INI -f -o "$T/raw" --base "$CBS_URL" FETCH01
expect "a redirect on the same host is followed" status 0
[ "$(cbs_requests 'Perioden?moved=1 200')" -eq 1 ] && echo "ok - the redirect target was asked" ||
	echo "not ok - the redirect target was asked"

cbs_server_start $DATA
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" LOOP01
expect "a next link that repeats a page exits 65" status 65
expect "the message names the URL" stderr_has "LOOP01/TypedDataSet?\$skip=0: next link repeats an earlier page (TypedDataSet.xml)"
no_temp_files "no temporary files after a loop" "$T/raw"

# --- command line, configuration, output ------------------------------------------
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" NOSUCH1
expect "a table not in the config exits 64" status 64
expect "it names the config" stderr_has "$INI: no [table] with id = NOSUCH1"

run jb-fetch -c "$T/missing.ini" -o "$T/raw" FETCH01
expect "an unreadable config exits 78" status 78
expect "it names the file" stderr_has "$T/missing.ini: cannot open"

printf '[fetch]\nattempts = 99\n[table t]\nid = FETCH01\n' >"$T/bad.ini"
run jb-fetch -c "$T/bad.ini" -o "$T/raw" FETCH01
expect "attempts out of range exits 78" status 78
expect "it names file and line" stderr_has "bad.ini:2: [fetch] attempts = '99'"

run jb-fetch -c $INI -o "$T/raw" --base "ftp://127.0.0.1/" FETCH01
expect "a base that is not http(s) exits 64" status 64
CBS_BASE="file:///etc" run jb-fetch -c $INI -o "$T/raw" FETCH01
expect "a CBS_BASE that is not http(s) exits 78" status 78

run jb-fetch -c $INI FETCH01
expect "no -o exits 64" status 64
run jb-fetch -c $INI -o "$T/raw" --local $DATA --base "$CBS_URL" FETCH01
expect "--local with --base exits 64" status 64

: >"$T/plainfile"
run jb-fetch -c $INI -o "$T/plainfile/raw" --base "$CBS_URL" FETCH01
expect "an output folder that cannot be created exits 73" status 73
expect "it names the folder" stderr_has "$T/plainfile"

# --- jb-cbs-server --------------------------------------------------------------------
run jb-cbs-server --root $DATA --fault 'x:abc'
expect "server: a bad fault exits 64" status 64
run jb-cbs-server --root "$T/nowhere"
expect "server: a missing root exits 66" status 66
cbs_server_start $DATA
run curl -sS -o "$T/page" -w '%{http_code} %{content_type}' "$CBS_URL/ODataFeed/odata/FETCH01/TypedDataSet?\$skip=20000"
expect "server: a page by its \$skip" stdout_has "200 application/atom+xml;charset=utf-8"
expect "server: the file as stored" same "$T/page:$DATA/FETCH01/TypedDataSet.skip20000.xml"
run curl -sS -o /dev/null -w '%{http_code}' "$CBS_URL/ODataFeed/odata/FETCH01/Nothing"
expect "server: a missing file is 404" stdout_has "404"
run curl -sS -o /dev/null -w '%{http_code}' "$CBS_URL/ODataFeed/odata/..%2F..%2Fetc/passwd"
expect "server: no path outside the root" stdout_has "404"
run curl -sS --compressed -o "$T/gz" -D "$T/headers" "$CBS_URL/ODataFeed/odata/FETCH01/RegioS"
expect "server: gzip when asked" same "$T/gz:$DATA/FETCH01/RegioS.xml"
grep -qi '^content-encoding: gzip' "$T/headers" && echo "ok - server: Content-Encoding gzip" ||
	echo "not ok - server: Content-Encoding gzip"

# the proxy variables: a host that does not resolve is reached through http_proxy
# (the test server answers requests in absolute form, as a proxy gets them)
: >"$CBS_LOG"
http_proxy=$CBS_URL run jb-fetch -q -c $INI -o "$T/proxied" --base http://cbs.invalid FETCH01
expect "proxy: http_proxy is used" status 0
expect "proxy: the table arrives" same "$DATA/FETCH01/TypedDataSet.skip20000.xml:$T/proxied/FETCH01/TypedDataSet.skip20000.xml"
[ "$(cbs_requests 'GET http://cbs.invalid/ODataFeed/odata/FETCH01/TableInfos ')" -eq 1 ] &&
	echo "ok - proxy: the request went to the proxy for cbs.invalid" ||
	echo "not ok - proxy: the request went to the proxy for cbs.invalid"
http_proxy=$CBS_URL no_proxy=cbs.invalid JB_FETCH_BACKOFF_MS=1 \
	run jb-fetch -q -c $INI -o "$T/unproxied" --base http://cbs.invalid FETCH01
expect "proxy: no_proxy is respected (the host does not resolve: 75)" status 75
expect "proxy: the message names the URL" stderr_has "http://cbs.invalid/ODataFeed/odata/FETCH01/TableInfos"
pid=$CBS_SERVER_PID
kill "$pid"
wait "$pid"
status=$?
CBS_SERVER_PID=
expect "server: SIGTERM stops it with 0" status 0

# TLS verification is always on: a server with a self-signed certificate
# (tests/fetch/data/tls) is refused, although it answers HTTPS
cbs_server_start $DATA --tls-cert $DATA/tls/cert.pem --tls-key $DATA/tls/key.pem ||
	echo "not ok - the HTTPS server starts"
tls_url=https://${CBS_URL#http://}
run curl -sS --insecure -o /dev/null -w '%{http_code}' "$tls_url/ODataFeed/odata/FETCH01/TableInfos"
expect "tls: the server answers HTTPS (curl --insecure)" stdout_has "200"
: >"$CBS_LOG"
JB_FETCH_BACKOFF_MS=1 run jb-fetch -q -c $INI -o "$T/tls" --base "$tls_url" FETCH01
expect "tls: jb-fetch refuses an untrusted certificate (69)" status 69
expect "tls: the message names the URL and the reason" \
	stderr_has "$tls_url/ODataFeed/odata/FETCH01/TableInfos: SSL certificate problem"
[ ! -s "$CBS_LOG" ] && echo "ok - tls: the server saw no request" ||
	echo "not ok - tls: the server saw no request"
expect "tls: nothing cached" no_file "$T/tls/FETCH01"
cbs_server_stop
