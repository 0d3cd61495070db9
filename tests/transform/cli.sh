# jb-transform: Atom responses -> tidy CSV, exact output, bad input, atomic writes.
. tests/lib/cli.sh

D=tests/transform/data
E=$D/expected

help_test jb-transform
run jb-transform --help
expect "help documents exit statuses" stdout_has "65 malformed input"

run jb-transform -o "$T/x.csv"
expect "a missing folder argument exits 64" status 64
run jb-transform -o "$T/x.txt" $D/99001TST
expect "an output not ending in .csv exits 64" status 64

# a two-page table with RegioS + Perioden: null, padded keys, a provisional period,
# special string values, another prefix for the data namespace on page 2
run jb-transform -c $D/test.ini -o "$T/tidy/99001TST.csv" $D/99001TST
expect "two-page table exits 0" status 0
expect "two-page table says nothing" stderr_empty
expect "two-page table: exact tidy CSV" same "$E/99001TST.csv:$T/tidy/99001TST.csv"
expect "two-page table: exact info CSV" same "$E/99001TST.info.csv:$T/tidy/99001TST.info.csv"
no_temp_files "no temporary files after success" "$T/tidy"
grep -qxF 'GM0363,Amsterdam,GM,2023JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,,missing' "$T/tidy/99001TST.csv" &&
	_ok "null value is missing, padded key trimmed" || _not_ok "null value is missing, padded key trimmed"
grep -qxF 'GM0014,Groningen (gemeente),GM,2024JJ00,voorlopig,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,5790,ok' "$T/tidy/99001TST.csv" &&
	_ok "provisional period, value from page 2" || _not_ok "provisional period, value from page 2"
[ "$(wc -l <"$T/tidy/99001TST.csv")" -eq 16 ] && _ok "5 entries x 3 topics + header" || _not_ok "5 entries x 3 topics + header"

# determinism
run jb-transform -c $D/test.ini -o "$T/again/99001TST.csv" $D/99001TST
expect "second run exits 0" status 0
expect "second run is byte-identical" same "$T/tidy/99001TST.csv:$T/again/99001TST.csv"

# manifest order is followed when present (here: reversed pages -> chain error)
cp -r $D/99001TST "$T/manifest"
printf 'file,url,bytes,crc32,fetched_at\nTypedDataSet.xml,u,1,00000000,t\nTypedDataSet.skip10000.xml,u,1,00000000,t\n' >"$T/manifest/manifest.csv"
run jb-transform -c $D/test.ini -o "$T/m/99001TST.csv" "$T/manifest"
expect "a manifest in page order gives the same output" same "$E/99001TST.csv:$T/m/99001TST.csv"
printf 'file,url,bytes,crc32,fetched_at\nTypedDataSet.xml,u,1,00000000,t\n' >"$T/manifest/manifest.csv"
run jb-transform -c $D/test.ini -o "$T/m/99001TST.csv" "$T/manifest"
expect "a page that links to a page the manifest lacks exits 66" status 66
expect "the message names the missing page" stderr_has "TypedDataSet.xml: links to the next page (\$skip=10000), which is missing"
expect "the old output stays" same "$E/99001TST.csv:$T/m/99001TST.csv"

# a table without a time dimension: period from the config, else TableInfos Period
run jb-transform -c $D/test.ini -o "$T/tidy/99002TST.csv" $D/99002TST
expect "no time dimension exits 0" status 0
expect "no time dimension: period from [table] period" same "$E/99002TST.config-period.csv:$T/tidy/99002TST.csv"
expect "no time dimension: info CSV" same "$E/99002TST.info.csv:$T/tidy/99002TST.info.csv"
printf '[table other]\nid = 12345NED\n' >"$T/other.ini"
run jb-transform -c "$T/other.ini" -o "$T/tidy2/99002TST.csv" $D/99002TST
expect "no time dimension: period from TableInfos year" same "$E/99002TST.tableinfos-period.csv:$T/tidy2/99002TST.csv"
cp -r $D/99002TST "$T/noperiod"
sed -i 's|<d:Period>2020</d:Period>|<d:Period>2019 - 2020</d:Period>|' "$T/noperiod/TableInfos.xml"
run jb-transform -c "$T/other.ini" -o "$T/np/99002TST.csv" "$T/noperiod"
expect "no time dimension and no usable period exits 65" status 65
expect "the message says where to set it" stderr_has "set period in its [table] section"

# bad input: each exits 65 with file:line:column; the previous output stays, no temporary
bad_case() { # CASE FILE EXPECTED_MESSAGE (after "FILE:")
	bad=$1 bad_file=$2 bad_message=$3
	mkdir -p "$T/badout"
	cp "$E/99001TST.csv" "$T/badout/$bad.csv"
	cp "$E/99001TST.info.csv" "$T/badout/$bad.info.csv"
	run jb-transform -c $D/test.ini -o "$T/badout/$bad.csv" "$T/$bad"
	expect "$bad exits 65" status 65
	expect "$bad: message with file:line:column" stderr_has "jb-transform: $T/$bad/$bad_file:$bad_message"
	expect "$bad: previous output untouched" same "$E/99001TST.csv:$T/badout/$bad.csv"
	expect "$bad: previous info untouched" same "$E/99001TST.info.csv:$T/badout/$bad.info.csv"
	no_temp_files "$bad: no temporary file" "$T/badout"
}
bad_copy() { rm -rf "$T/$1"; cp -r $D/99001TST "$T/$1"; }

bad_copy truncated
head -c 1400 $D/99001TST/TypedDataSet.skip10000.xml >"$T/truncated/TypedDataSet.skip10000.xml"
bad_case truncated TypedDataSet.skip10000.xml "23:"

bad_copy truncated_end
head -n 36 $D/99001TST/TypedDataSet.skip10000.xml >"$T/truncated_end/TypedDataSet.skip10000.xml"
bad_case truncated_end TypedDataSet.skip10000.xml "36:22: premature end of data: 3 elements not closed"

bad_copy namespace
sed -i 's|xmlns:data="http://schemas.microsoft.com/ado/2007/08/dataservices"|xmlns:data="http://example.org/not-odata"|' "$T/namespace/TypedDataSet.skip10000.xml"
bad_case namespace TypedDataSet.skip10000.xml "14:36: property <ID> is in namespace http://example.org/not-odata"

bad_copy laughs
sed -i '1a <!DOCTYPE feed [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"> ]>' "$T/laughs/TypedDataSet.xml"
sed -i 's|>landelijk<|>\&lol3;<|' "$T/laughs/TypedDataSet.xml"
bad_case laughs TypedDataSet.xml "2:16: a DOCTYPE is not allowed"

bad_copy external
sed -i '1a <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>' "$T/external/TypedDataSet.xml"
sed -i 's|>landelijk<|>\&xxe;<|' "$T/external/TypedDataSet.xml"
bad_case external TypedDataSet.xml "2:16: a DOCTYPE is not allowed"

bad_copy period
sed -i 's|<d:Perioden>2023JJ00</d:Perioden>|<d:Perioden>2021XX01</d:Perioden>|' "$T/period/TypedDataSet.xml"
bad_case period TypedDataSet.xml "16:20: period key '2021XX01' is not a period of a known type"

bad_copy topic
sed -i 's|<d:Toelichting_3|<d:Onbekend_9 m:type="Edm.Int32">1</d:Onbekend_9><d:Toelichting_3|' "$T/topic/TypedDataSet.xml"
bad_case topic TypedDataSet.xml "19:41: topic Onbekend_9 is not in DataProperties.xml"

bad_copy region
sed -i 's|>GM0014    </data:RegioS>|>GM9999    </data:RegioS>|' "$T/region/TypedDataSet.skip10000.xml"
bad_case region TypedDataSet.skip10000.xml "31:42: region key 'GM9999' is not in the region dimension table"

# missing input -> 66
run jb-transform -c $D/test.ini -o "$T/x/none.csv" "$T/no-such-folder"
expect "a missing folder exits 66" status 66
expect "the message names the folder" stderr_has "$T/no-such-folder: cannot open folder"
bad_copy nodim
rm "$T/nodim/Perioden.xml"
run jb-transform -c $D/test.ini -o "$T/x/nodim.csv" "$T/nodim"
expect "a missing dimension file exits 66" status 66
expect "the message names the dimension file" stderr_has "$T/nodim/Perioden.xml: cannot open"
bad_copy nopage
rm "$T/nopage/TypedDataSet.skip10000.xml"
run jb-transform -c $D/test.ini -o "$T/x/nopage.csv" "$T/nopage"
expect "a missing next page exits 66" status 66
expect "no output after a missing page" no_file "$T/x/nopage.csv"

# output folder that cannot be created -> 73
: >"$T/plainfile"
run jb-transform -c $D/test.ini -o "$T/plainfile/tidy/99001TST.csv" $D/99001TST
expect "an output folder that cannot be created exits 73" status 73
expect "the message names the folder" stderr_has "$T/plainfile/tidy: cannot create folder"

# a bad configuration -> 78
run jb-transform -c "$T/none.ini" -o "$T/y/99001TST.csv" $D/99001TST
expect "a missing configuration exits 78" status 78

# the same table as OData v3 JSON ($format=json) gives the same bytes
run jb-transform -c $D/test.ini -o "$T/json/99002TST.csv" $D/99002TST-json
expect "JSON table exits 0" status 0
expect "JSON table: same tidy CSV as the Atom form" same "$E/99002TST.config-period.csv:$T/json/99002TST.csv"
expect "JSON table: same info CSV as the Atom form" same "$E/99002TST.info.csv:$T/json/99002TST.info.csv"
cp -r $D/99002TST-json "$T/badjson"
printf '{"value": [{"ID": 0, "WijkenEnBuurten": "NL00  "' >"$T/badjson/TypedDataSet.json"
run jb-transform -c $D/test.ini -o "$T/json/bad.csv" "$T/badjson"
expect "truncated JSON exits 65" status 65
expect "truncated JSON: message with file:line:column" stderr_has "$T/badjson/TypedDataSet.json:1:"
expect "truncated JSON: no output" no_file "$T/json/bad.csv"

# the bundled snapshot: real values of 84799NED (Kerncijfers wijken en buurten 2020)
S=fetch/snapshot
run jb-transform -c config/jeugdbench.ini -o "$T/snap/84799NED.csv" $S/84799NED
expect "snapshot 84799NED exits 0" status 0
grep -qxF 'GM1680,Aa en Hunze,GM,2020JJ00,,AantalInwoners_5,Aantal inwoners,aantal,25445,ok' "$T/snap/84799NED.csv" &&
	_ok "84799NED: Aa en Hunze has 25445 inhabitants" || _not_ok "84799NED: Aa en Hunze has 25445 inhabitants"
grep -qxF 'NL00,Nederland,NL,2020JJ00,,AantalInwoners_5,Aantal inwoners,aantal,17407585,ok' "$T/snap/84799NED.csv" &&
	_ok "84799NED: the Netherlands (NL00) has 17407585 inhabitants" || _not_ok "84799NED: the Netherlands (NL00) has 17407585 inhabitants"
[ "$(cut -d, -f1 "$T/snap/84799NED.csv" | sort -u | grep -c '^GM')" -eq 355 ] &&
	_ok "84799NED: 355 municipalities" || _not_ok "84799NED: 355 municipalities"
run jb-transform -c config/jeugdbench.ini -o "$T/snap/85099SYN.csv" $S/85099SYN
expect "snapshot 85099SYN exits 0" status 0
grep -qxF 'synthetic,yes' "$T/snap/85099SYN.info.csv" && _ok "85099SYN info says synthetic,yes" || _not_ok "85099SYN info says synthetic,yes"
[ "$(grep -c ',2024JJ00,voorlopig,' "$T/snap/85099SYN.csv")" -gt 0 ] && [ "$(grep -c ',2024JJ00,definitief,' "$T/snap/85099SYN.csv")" -eq 0 ] &&
	_ok "85099SYN: 2024 is provisional" || _not_ok "85099SYN: 2024 is provisional"
run jb-transform -c config/jeugdbench.ini -o "$T/snap/WBK2022.csv" $S/WBK2022
expect "snapshot WBK2022 exits 0" status 0
grep -q '^GM0363,Amsterdam,GM,2022JJ00,,PercentageJongerenMetJeugdzorg_1,' "$T/snap/WBK2022.csv" &&
	_ok "WBK2022: period from [table] period" || _not_ok "WBK2022: period from [table] period"
