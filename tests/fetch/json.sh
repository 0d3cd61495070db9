# jb-fetch: [table] format = json (OData v3 $format=json, real CBS pages) and v4.
. tests/lib/cli.sh
. tests/fetch/server.sh

DATA=tests/fetch/data
INI=$DATA/fetch.ini
export JB_FETCH_BACKOFF_MS=10
unset CBS_BASE

# rows of a JSON page counted by its "ID": fields, independently of jb-fetch
rows_of() { grep -o '"ID":[0-9]*' "$1" | wc -l | tr -d ' '; }

cbs_server_start $DATA || echo "not ok - server starts"
run jb-fetch -v -c $INI -o "$T/raw" --base "$CBS_URL" --data-set UntypedDataSet 83599NED
expect "83599NED (real CBS JSON pages) is fetched" status 0
expect "page 1 is stored as served" same "$DATA/83599NED/UntypedDataSet.json:$T/raw/83599NED/UntypedDataSet.json"
expect "page 2 is stored as served" same "$DATA/83599NED/UntypedDataSet.skip10000.json:$T/raw/83599NED/UntypedDataSet.skip10000.json"
[ "$(rows_of "$T/raw/83599NED/UntypedDataSet.json")" -eq 10000 ] &&
	[ "$(rows_of "$T/raw/83599NED/UntypedDataSet.skip10000.json")" -eq 5504 ] &&
	echo "ok - 10,000 + 5,504 rows" || echo "not ok - 10,000 + 5,504 rows"
expect "jb-fetch counted 10,000 rows on page 1" stderr_has "UntypedDataSet.json, 1299120 bytes, 10000 rows"
expect "and 5,504 on page 2" stderr_has "UntypedDataSet.skip10000.json, 721137 bytes, 5504 rows"
[ "$(cbs_requests '/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json&$skip=10000 200')" -eq 1 ] &&
	echo "ok - odata.nextLink followed exactly as CBS wrote it (host rewritten)" ||
	echo "not ok - odata.nextLink followed exactly as CBS wrote it (host rewritten)"
[ "$(cbs_requests '83599NED/TableInfos?$format=json 200')" -eq 1 ] && echo "ok - \$format=json on every request" ||
	echo "not ok - \$format=json on every request"
grep -q "^UntypedDataSet.skip10000.json,$CBS_URL/ODataFeed/OData/83599NED/UntypedDataSet/?\$format=json&\$skip=10000,721137," \
	"$T/raw/83599NED/manifest.csv" && echo "ok - the manifest names the .json page and its URL" ||
	echo "not ok - the manifest names the .json page and its URL"

# a JSON table checks no XML: libxml2 is not loaded (fetch/xml_library.h), so
# even a libxml2 that cannot be loaded does not stop it
mkdir "$T/badlib"
: >"$T/badlib/libxml2.so.2"
run env LD_LIBRARY_PATH="$T/badlib" LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld-json" \
	"$BIN/jb-fetch" -c $INI -o "$T/raw" --base "$CBS_URL" 80137ned
expect "80137ned (real CBS JSON metadata and data) is fetched" status 0
cat "$T"/ld-json.* | grep -q 'file=libcurl\.so' &&
	! cat "$T"/ld-json.* | grep -q 'file=libxml2\.so\.2' &&
	echo "ok - a JSON table does not load libxml2" ||
	echo "not ok - a JSON table does not load libxml2"
for file in TableInfos DataProperties Persoonskenmerken BedrijfstakkenSBI93 Perioden TypedDataSet; do
	expect "$file.json is stored as served" same "$DATA/80137ned/$file.json:$T/raw/80137ned/$file.json"
done
: >"$CBS_LOG"
run jb-fetch -c $INI -o "$T/raw" --base "$CBS_URL" 80137ned
expect "an unchanged JSON table is kept" stderr_has "80137ned: unchanged"
[ "$(wc -l <"$CBS_LOG")" -eq 1 ] && echo "ok - only TableInfos asked (JSON Modified compared)" ||
	echo "not ok - only TableInfos asked (JSON Modified compared)"

cbs_server_start $DATA --truncate 'UntypedDataSet.skip10000'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" --data-set UntypedDataSet 83599NED
expect "a truncated JSON page exits 65" status 65
expect "the message names the URL and the JSON error" stderr_has "skip=10000: line 1: malformed JSON"
expect "the previous cache stays" same "$DATA/83599NED/UntypedDataSet.skip10000.json:$T/raw/83599NED/UntypedDataSet.skip10000.json"

cbs_server_start $DATA --html-page 'TableInfos'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" 80137ned
expect "an HTML page instead of JSON exits 65" status 65
expect "it says so" stderr_has "an HTML page (maintenance page?) instead of a JSON response"

cbs_server_start $DATA --content-type 'Perioden:application/atom+xml'
run jb-fetch -c $INI -f -o "$T/raw" --base "$CBS_URL" 80137ned
expect "an Atom Content-Type for a JSON page exits 65" status 65
expect "it names the Content-Type" stderr_has "Content-Type 'application/atom+xml' is not application/json"

# a page whose odata.metadata names another entity set, and one without "value"
mkdir -p "$T/bad/83599NED"
cp $DATA/83599NED/*.json "$T/bad/83599NED/"
sed -i 's/WebAPI.UntypedDataSet/WebAPI.TypedDataSet/' "$T/bad/83599NED/UntypedDataSet.skip10000.json"
printf '{"odata.metadata":"x#Cbs.OData.WebAPI.DataProperties","rows":[]}' >"$T/bad/83599NED/DataProperties.json"
cbs_server_start "$T/bad"
run jb-fetch -c $INI -f -o "$T/bad-raw" --base "$CBS_URL" --data-set UntypedDataSet 83599NED
expect "a JSON page without a value array exits 65" status 65
expect "it says so" stderr_has 'DataProperties?$format=json: no "value" array'
cp $DATA/83599NED/DataProperties.json "$T/bad/83599NED/"
run jb-fetch -c $INI -f -o "$T/bad-raw" --base "$CBS_URL" --data-set UntypedDataSet 83599NED
expect "a JSON page of another entity set exits 65" status 65
expect "it names it" stderr_has "does not name UntypedDataSet"

# --- OData v4 -------------------------------------------------------------------
cbs_server_start $DATA
run jb-fetch -c $INI -o "$T/raw" --base "$CBS_URL" V4TEST
expect "a v4 table is fetched" status 0
for file in Properties Dimensions MeasureCodes Observations Observations.skip2; do
	expect "v4 $file.json is stored as served" same "$DATA/V4TEST/$file.json:$T/raw/V4TEST/$file.json"
done
[ "$(cbs_requests 'GET /CBS/V4TEST/Observations?$skip=2 200')" -eq 1 ] &&
	echo "ok - v4: <base>/CBS/<ID>/<EntitySet>, @odata.nextLink followed" ||
	echo "not ok - v4: <base>/CBS/<ID>/<EntitySet>, @odata.nextLink followed"

printf '[table x]\nid = FETCH01\nformat = csv\n' >"$T/badformat.ini"
run jb-fetch -c "$T/badformat.ini" -o "$T/raw" --base "$CBS_URL" FETCH01
expect "an unknown format exits 78" status 78
expect "it names file and line" stderr_has "badformat.ini:3: [table x] format"
run jb-fetch -c $INI -o "$T/raw" --data-set 'Bad/Set' 83599NED
expect "a bad --data-set exits 64" status 64

# [table] data: the data entity set from the configuration; --data-set overrides it
printf '[table v]\nid = 83599NED\ntitle = vacatures\norigin = cbs\nformat = json\ndata = %s\n' \
	UntypedDataSet >"$T/untyped.ini"
printf '[table v]\nid = 83599NED\ntitle = vacatures\norigin = cbs\nformat = json\ndata = %s\n' \
	NoSuchSet >"$T/nosuch.ini"
printf '[table v]\nid = 83599NED\ntitle = vacatures\norigin = cbs\nformat = json\ndata = %s\n' \
	'Bad/Set' >"$T/badset.ini"
cbs_server_start $DATA
run jb-fetch -q -c "$T/untyped.ini" -o "$T/data-key" --base "$CBS_URL" 83599NED
expect "[table] data = UntypedDataSet is fetched" status 0
expect "its pages are stored as served" same "$DATA/83599NED/UntypedDataSet.skip10000.json:$T/data-key/83599NED/UntypedDataSet.skip10000.json"
[ "$(cbs_requests '83599NED/UntypedDataSet?$format=json 200')" -eq 1 ] &&
	[ "$(cbs_requests '/TypedDataSet')" -eq 0 ] &&
	echo "ok - [table] data: UntypedDataSet asked, TypedDataSet never" ||
	echo "not ok - [table] data: UntypedDataSet asked, TypedDataSet never"
cut -d, -f1 "$T/data-key/83599NED/manifest.csv" >"$T/data-key.files"
cut -d, -f1 "$T/raw/83599NED/manifest.csv" >"$T/data-option.files"
expect "the same files as with --data-set UntypedDataSet" same "$T/data-option.files:$T/data-key.files"
run jb-fetch -c "$T/nosuch.ini" -o "$T/data-key2" --base "$CBS_URL" 83599NED
expect "[table] data names the set asked for (404 here: 69)" status 69
expect "the message names its URL" stderr_has "83599NED/NoSuchSet?\$format=json: HTTP 404"
run jb-fetch -q -c "$T/nosuch.ini" -o "$T/data-key2" --base "$CBS_URL" --data-set UntypedDataSet 83599NED
expect "--data-set overrides [table] data" status 0
expect "with the same pages" same "$DATA/83599NED/UntypedDataSet.json:$T/data-key2/83599NED/UntypedDataSet.json"
run jb-fetch -c "$T/badset.ini" -o "$T/data-key3" --base "$CBS_URL" 83599NED
expect "[table] data that is not a name exits 78" status 78
expect "it names file and line" stderr_has "badset.ini:6: [table v] data = 'Bad/Set' is not an entity set name"
