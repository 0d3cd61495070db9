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
grep -qxF 'GM0363,Amsterdam,GM,2023JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,,missing,no,,,' "$T/tidy/99001TST.csv" &&
	_ok "null value is missing, padded key trimmed" || _not_ok "null value is missing, padded key trimmed"
grep -qxF 'GM0014,Groningen (gemeente),GM,2024JJ00,voorlopig,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,5790,ok,no,,,' "$T/tidy/99001TST.csv" &&
	_ok "provisional period, value from page 2" || _not_ok "provisional period, value from page 2"
[ "$(wc -l <"$T/tidy/99001TST.csv")" -eq 16 ] && _ok "5 entries x 3 topics + header" || _not_ok "5 entries x 3 topics + header"
# CBS's third status, "Nader voorlopig", comes through in lower case like the others
cp -r $D/99001TST "$T/nader"
sed -i 's|<d:Status>Voorlopig</d:Status>|<d:Status>Nader voorlopig</d:Status>|' "$T/nader/Perioden.xml"
run jb-transform -c $D/test.ini -o "$T/nader-tidy/99001TST.csv" "$T/nader"
expect "a nader voorlopig period exits 0" status 0
grep -qxF 'GM0014,Groningen (gemeente),GM,2024JJ00,nader voorlopig,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,5790,ok,no,,,' "$T/nader-tidy/99001TST.csv" &&
	_ok "its period_status is 'nader voorlopig'" || _not_ok "its period_status is 'nader voorlopig'"

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

# a real recorded CBS table in its JSON form, all six responses (80137ned,
# Arbeidsrekeningen: national, two dimensions besides time): the benchmark's
# tidy format is per region, so the table is refused with the file named
run jb-transform -c $D/test.ini -o "$T/json/80137ned.csv" $D/80137ned-json
expect "80137ned (no region dimension) exits 65" status 65
expect "80137ned: the message names DataProperties and the reason" stderr_has "$D/80137ned-json/DataProperties.json: the table has no region dimension"
expect "80137ned: no output" no_file "$T/json/80137ned.csv"

# the bundled snapshot: real values of 84799NED (Kerncijfers wijken en buurten 2020)
S=fetch/snapshot
run jb-transform -c config/jeugdbench.ini --no-harmonise -o "$T/snap/84799NED.csv" $S/84799NED
expect "snapshot 84799NED exits 0" status 0
grep -qxF 'GM1680,Aa en Hunze,GM,2020JJ00,,AantalInwoners_5,Aantal inwoners,aantal,25445,ok,no,,,' "$T/snap/84799NED.csv" &&
	_ok "84799NED: Aa en Hunze has 25445 inhabitants" || _not_ok "84799NED: Aa en Hunze has 25445 inhabitants"
grep -qxF 'NL00,Nederland,NL,2020JJ00,,AantalInwoners_5,Aantal inwoners,aantal,17407585,ok,no,,,' "$T/snap/84799NED.csv" &&
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

# --- harmonisation to the boundaries of a year (config/reorganisations.csv) ---
run jb-transform --help
expect "help names --boundary-year" stdout_has "--boundary-year Y"
run jb-transform -c $D/test.ini --no-harmonise --boundary-year 2023 -o "$T/h/x.csv" $D/99003TST
expect "--no-harmonise with --boundary-year exits 64" status 64
run jb-transform -c $D/test.ini --boundary-year 20x3 -o "$T/h/x.csv" $D/99003TST
expect "a bad --boundary-year exits 64" status 64

# Eemsdelta (merger), Haaren (split by weight), Weesp into Amsterdam (2022-03-24),
# a percentage that is not summed: every value checked by hand
run jb-transform -c $D/test.ini --boundary-year 2023 -o "$T/h/99003TST.csv" $D/99003TST
expect "harmonised to 2023 exits 0" status 0
expect "harmonised to 2023 says nothing" stderr_empty
expect "harmonised to 2023: exact tidy CSV" same "$E/99003TST.b2023.csv:$T/h/99003TST.csv"
has_row() { grep -qxF "$2" "$3" && _ok "$1" || _not_ok "$1" "no row: $2"; }
H=$T/h/99003TST.csv
has_row "Eemsdelta 2020 = 2280 + 4835 + 1860" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,8975,ok,merged,,,' "$H"
has_row "Eemsdelta 2020 with a missing predecessor value is missing" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,,missing,merged,,,' "$H"
has_row "Vught 2020 = 6210 + 0.3388 x 2915 = 7197.602 -> 7198" 'GM0865,Vught,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,7198,ok,split,,,' "$H"
has_row "Tilburg 2020 = 5330 + 0.1020 x 250 = 5355.5 -> 5356 (half away from zero)" 'GM0855,Tilburg,GM,2020JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,5356,ok,split,,,' "$H"
has_row "Oisterwijk 2020 = 610 + 0.4091 x 250 = 712.275 -> 712" 'GM0824,Oisterwijk,GM,2020JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,712,ok,split,,,' "$H"
has_row "Boxtel 2020 = 6185 + 0.1501 x 2915 = 6622.5415 -> 6623" 'GM0757,Boxtel,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,6623,ok,split,,,' "$H"
has_row "Amsterdam 2022 = 157505 + Weesp 3655" 'GM0363,Amsterdam,GM,2022JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,161160,ok,merged,,,' "$H"
has_row "Amsterdam 2023 as published" 'GM0363,Amsterdam,GM,2023JJ00,voorlopig,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,161400,ok,no,,,' "$H"
has_row "a percentage of a merged region is not harmonisable" 'GM0363,Amsterdam,GM,2022JJ00,definitief,PercentageJeugdhulp_3,Jongeren met jeugdhulp,%,,not_harmonisable,not_harmonisable,,,' "$H"
has_row "a percentage of an unchanged region stays" 'GM0014,Groningen (gemeente),GM,2020JJ00,definitief,PercentageJeugdhulp_3,Jongeren met jeugdhulp,%,12.9,ok,no,,,' "$H"
[ "$(grep -c '^GM0788,\|^GM0003,\|^GM0010,\|^GM0024,\|^GM0457,' "$H")" -eq 0 ] &&
	_ok "no former municipality remains" || _not_ok "no former municipality remains"
for p_want in 2020JJ00:7 2021JJ00:6 2022JJ00:2 2023JJ00:2; do
	p=${p_want%:*} want=${p_want#*:}
	n=$(grep ",$p," "$H" | cut -d, -f1 | sort -u | grep -c '^GM')
	[ "$n" -eq "$want" ] && _ok "$p: $want municipalities" || _not_ok "$p: $want municipalities" "got $n"
done
run jb-transform -c $D/test.ini --boundary-year 2023 -o "$T/h2/99003TST.csv" $D/99003TST
expect "harmonised output is byte-identical on a second run" same "$H:$T/h2/99003TST.csv"

# to 2022: Weesp still exists on 1 January 2022, so it stays apart
run jb-transform -c $D/test.ini --boundary-year 2022 -o "$T/h/b2022.csv" $D/99003TST
expect "harmonised to 2022 exits 0" status 0
has_row "boundary 2022: Weesp 2022 stays as published" 'GM0457,Weesp,GM,2022JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,3655,ok,no,,,' "$T/h/b2022.csv"
has_row "boundary 2022: Amsterdam 2022 as published" 'GM0363,Amsterdam,GM,2022JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,157505,ok,no,,,' "$T/h/b2022.csv"
has_row "boundary 2022: Eemsdelta 2020 still merged" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,8975,ok,merged,,,' "$T/h/b2022.csv"
run jb-transform -c $D/test.ini --boundary-year 2020 -o "$T/h/b2020.csv" $D/99003TST
has_row "boundary 2020: Haaren stays" 'GM0788,Haaren,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,2915,ok,no,,,' "$T/h/b2020.csv"
run jb-transform -c $D/test.ini -o "$T/h/none.csv" $D/99003TST
expect "without a boundary year nothing is harmonised" status 0
[ "$(cut -d, -f11 "$T/h/none.csv" | sort -u | tr '\n' ' ')" = "harmonised no " ] &&
	_ok "without a boundary year every row is harmonised=no" || _not_ok "without a boundary year every row is harmonised=no"

# a successor published before it was formed is used as published (and flagged);
# a former municipality published after its end is not counted (and flagged)
run jb-transform -c $D/test.ini --boundary-year 2023 -o "$T/h/both.csv" $D/99003TST-both
expect "both published exits 0" status 0
expect "a successor published early is flagged" stderr_has "GM1979 is published for 2020JJ00, before it was formed"
expect "a former municipality published late is flagged" stderr_has "GM0457 is published for 2023JJ00, when it did not exist: not counted"
has_row "the published successor is used, not the sum" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,9000,ok,no,,,' "$T/h/both.csv"
has_row "Weesp 2023 is not added to Amsterdam" 'GM0363,Amsterdam,GM,2023JJ00,voorlopig,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,161400,ok,no,,,' "$T/h/both.csv"

# a bad reorganisations file is a configuration error naming file:line
printf 'effective_date,old_code,old_name,new_code,new_name,weight\n2021-01-01,GM0788,Haaren,GM0824,Oisterwijk,0.5\n2021-01-01,GM0788,Haaren,GM0865,Vught,0.4\n' >"$T/badw.csv"
run jb-transform -c $D/test.ini -b 2023 -r "$T/badw.csv" -o "$T/h/bw.csv" $D/99003TST
expect "weights not adding up to 1 exit 78" status 78
expect "the message names the file and line" stderr_has "$T/badw.csv:2: the weights of GM0788"
printf 'effective_date,old_code,old_name,new_code,new_name,weight\n2021-13-01,GM0003,A,GM1979,E,1\n' >"$T/badd.csv"
run jb-transform -c $D/test.ini -b 2023 -r "$T/badd.csv" -o "$T/h/bd.csv" $D/99003TST
expect "a bad date exits 78" status 78
expect "the bad date is named" stderr_has "$T/badd.csv:2: effective_date is not a date"
printf 'effective_date,old_code,old_name,new_code,new_name,weight\n2021-01-01,GM0001,A,GM0002,B,1\n2022-01-01,GM0002,B,GM0001,A,1\n' >"$T/loop.csv"
run jb-transform -c $D/test.ini -b 2023 -r "$T/loop.csv" -o "$T/h/lp.csv" $D/99003TST
expect "a loop of changes exits 78" status 78
run jb-transform -c $D/test.ini -b 2023 -r "$T/none.csv" -o "$T/h/nf.csv" $D/99003TST
expect "a missing reorganisations file exits 66" status 66
expect "no output after a bad reorganisations file" no_file "$T/h/bw.csv"

# a chain: a code of 2020 through two changes (test file: A -> B in 2021, B + C -> D in 2023)
printf 'effective_date,old_code,old_name,new_code,new_name,weight\n2021-01-01,GM0010,Delfzijl,GM0010,Delfzijl,1\n2021-01-01,GM0003,Appingedam,GM0010,Delfzijl,1\n2023-01-01,GM0010,Delfzijl,GM1979,Eemsdelta,1\n2023-01-01,GM0024,Loppersum,GM1979,Eemsdelta,1\n' >"$T/chain.csv"
run jb-transform -c $D/test.ini -b 2023 -r "$T/chain.csv" -o "$T/h/chain.csv" $D/99003TST
expect "a chain of changes exits 0" status 0
has_row "a chain: 2020 codes through two changes are summed" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,8975,ok,merged,,,' "$T/h/chain.csv"

# changes of 2015-2019 in config/reorganisations.csv (99003TST-2014, values
# in make_99003TST.py; sums by hand)
run jb-transform -c $D/test.ini --boundary-year 2023 -o "$T/h/early.csv" $D/99003TST-2014
expect "2014 and 2018 periods harmonised to 2023 exit 0" status 0
expect "2014 and 2018 periods harmonised to 2023 say nothing" stderr_empty -
H=$T/h/early.csv
has_row "Berg en Dal 2014 = Groesbeek 3600 + Millingen 1200 + Ubbergen 1900 (2015, then a new code in 2016)" 'GM1945,Berg en Dal,GM,2014JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,6700,ok,merged,,,' "$H"
has_row "Groningen 2018 = 4800 + Ten Boer 150 + Haren 300, the table's own name kept" 'GM0014,Groningen (gemeente),GM,2018JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,5250,ok,merged,,,' "$H"
has_row "Het Hogeland 2018 = 2000 + 3000 + 2000 + 0.8853 x Winsum 2500 = 9213.25 -> 9213" 'GM1966,Het Hogeland,GM,2018JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,9213,ok,split,,,' "$H"
has_row "Westerkwartier 2018 = 250 + 500 + 200 + 350 + 0.1147 x Winsum 400 = 1345.88 -> 1346" 'GM1969,Westerkwartier,GM,2018JJ00,definitief,JongerenMetJeugdhulp_2,Jongeren met jeugdhulp,aantal,1346,ok,split,,,' "$H"
has_row "Westerkwartier 2018: its percentage is not harmonisable" 'GM1969,Westerkwartier,GM,2018JJ00,definitief,PercentageJeugdhulp_3,Jongeren met jeugdhulp,%,,not_harmonisable,not_harmonisable,,,' "$H"
[ "$(grep -c ',GM0053,\|^GM0053,' "$H")" -eq 0 ] && _ok "no row of Winsum is left" || _not_ok "no row of Winsum is left"
[ "$(wc -l <"$H")" -eq 13 ] && _ok "four successors x three topics (and the header)" || _not_ok "four successors x three topics (and the header)"

# the bundled snapshot harmonised to 2024: every period has exactly 342 municipalities
run jb-transform -c config/jeugdbench.ini --boundary-year 2024 -o "$T/snap/h85099SYN.csv" $S/85099SYN
expect "snapshot 85099SYN harmonised to 2024 exits 0" status 0
for p in 2020JJ00 2021JJ00 2022JJ00 2023JJ00 2024JJ00; do
	n=$(grep ",$p," "$T/snap/h85099SYN.csv" | cut -d, -f1 | sort -u | grep -c '^GM')
	[ "$n" -eq 342 ] && _ok "85099SYN $p harmonised to 2024: 342 municipalities" ||
		_not_ok "85099SYN $p harmonised to 2024: 342 municipalities" "got $n"
done
lines=$(grep -c ',GM1979,\|^GM1979,' "$T/snap/h85099SYN.csv")
[ "$lines" -eq 30 ] && _ok "85099SYN: Eemsdelta has 5 periods x 6 measures" || _not_ok "85099SYN: Eemsdelta has 5 periods x 6 measures" "got $lines"
run jb-transform -c config/jeugdbench.ini --boundary-year 2024 -o "$T/snap/h84799NED.csv" $S/84799NED
expect "snapshot 84799NED harmonised to 2024 exits 0" status 0
[ "$(cut -d, -f1 "$T/snap/h84799NED.csv" | sort -u | grep -c '^GM')" -eq 342 ] &&
	_ok "84799NED harmonised to 2024: 342 municipalities" || _not_ok "84799NED harmonised to 2024: 342 municipalities"

# --- one dimension besides region and time: category_dimension, category_key, category_title ---
# 99004TST (make_99004TST.py): Verwijzer x RegioS x Perioden; Appingedam, Delfzijl and
# Loppersum -> Eemsdelta (2021); every row of the expected file written by hand
run jb-transform -c $D/test.ini -b 2023 -o "$T/cat/99004TST.csv" $D/99004TST
expect "a Verwijzer dimension harmonised to 2023 exits 0" status 0
expect "a Verwijzer dimension harmonised to 2023 says nothing" stderr_empty
expect "a Verwijzer dimension harmonised to 2023: exact tidy CSV" same "$E/99004TST.b2023.csv:$T/cat/99004TST.csv"
C=$T/cat/99004TST.csv
has_row "Eemsdelta 2020 VW01 = 120 + 250 + 90, summed within the category" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,460,ok,merged,Verwijzer,VW01,Gemeentelijke toegang' "$C"
has_row "Eemsdelta 2020 T001 = 300 + 640 + 215" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,1155,ok,merged,Verwijzer,T001,Totaal verwijzers' "$C"
has_row "Eemsdelta 2020 VW02: Loppersum's entry is absent, so the sum is missing" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,,missing,merged,Verwijzer,VW02,Huisarts' "$C"
has_row "a title with a comma is quoted; a null part makes the sum missing" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,,missing,merged,Verwijzer,VW03,"Rechter, Officier van Justitie"' "$C"
has_row "a region that took others in before the table starts keeps its rows, padded category key trimmed" 'GM0014,Groningen (gemeente),GM,2021JJ00,voorlopig,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,6120,ok,no,Verwijzer,T001,Totaal verwijzers' "$C"
grep -qxF 'status,Gestopt' "$T/cat/99004TST.info.csv" && _ok "info: status is TableInfos OutputStatus (Gestopt)" || _not_ok "info: status is TableInfos OutputStatus (Gestopt)"
grep -qxF 'status,' "$T/h/99003TST.info.csv" && _ok "info: status is empty without OutputStatus" || _not_ok "info: status is empty without OutputStatus"
run jb-transform -c $D/test.ini -b 2023 -o "$T/cat2/99004TST.csv" $D/99004TST
expect "a category table's harmonised output is byte-identical on a second run" same "$C:$T/cat2/99004TST.csv"
run jb-transform -c $D/test.ini --no-harmonise -o "$T/cat/plain.csv" $D/99004TST
expect "a Verwijzer dimension without harmonisation exits 0" status 0
[ "$(wc -l <"$T/cat/plain.csv")" -eq 47 ] && _ok "23 entries x 2 topics + header" || _not_ok "23 entries x 2 topics + header"
[ "$(sed -n 2p "$T/cat/plain.csv")" = 'GM0003,Appingedam,GM,2020JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,300,ok,no,Verwijzer,T001,Totaal verwijzers' ] &&
	_ok "without harmonisation rows keep feed order" || _not_ok "without harmonisation rows keep feed order"

cat_copy() { rm -rf "$T/$1"; cp -r $D/99004TST "$T/$1"; }
cat_copy badcat
sed -i 's|>VW02  </d:Verwijzer>|>VW09  </d:Verwijzer>|' "$T/badcat/TypedDataSet.xml"
run jb-transform -c $D/test.ini -b 2023 -o "$T/cat/badcat.csv" "$T/badcat"
expect "a category key missing from the dimension file exits 65" status 65
expect "the message names file:line:column and the key" stderr_has "$T/badcat/TypedDataSet.xml:194:42: Verwijzer key 'VW09' is not in the dimension table $T/badcat/Verwijzer.xml"
expect "no output after a bad category key" no_file "$T/cat/badcat.csv"
cat_copy nocat
sed -i '0,/<d:Verwijzer xml:space="preserve">VW01  <\/d:Verwijzer>/s///' "$T/nocat/TypedDataSet.xml"
run jb-transform -c $D/test.ini -o "$T/cat/nocat.csv" "$T/nocat"
expect "an entry without the category exits 65" status 65
expect "the message names the entry and the dimension" stderr_has "$T/nocat/TypedDataSet.xml:97: an entry without Verwijzer"
cat_copy twodims
sed -i 's|<d:Type>TimeDimension</d:Type>|<d:Type>Dimension</d:Type>|' "$T/twodims/DataProperties.xml"
run jb-transform -c $D/test.ini -o "$T/cat/twodims.csv" "$T/twodims"
expect "two dimensions besides region and time exit 65" status 65
expect "the message names both" stderr_has "$T/twodims/DataProperties.xml: 2 dimensions besides region and time (Verwijzer, Perioden): the tidy format has columns for one"
cat_copy nocatfile
rm "$T/nocatfile/Verwijzer.xml"
run jb-transform -c $D/test.ini -o "$T/cat/nocatfile.csv" "$T/nocatfile"
expect "a missing category dimension file exits 66" status 66
expect "the message names it" stderr_has "$T/nocatfile/Verwijzer.xml: cannot open"

# the three synthetic tables of issue 8, fetched from the snapshot as the pipeline does
fetch=$BIN/jb-fetch
[ -x "$fetch" ] || fetch=$TOP/bin/jb-fetch
"$fetch" -q -c $D/issue8.ini -o "$T/raw8" --local $S 85097SYN 84134SYN 45042SYN >"$out" 2>"$err"
status=$?
expect "jb-fetch --local of 85097SYN 84134SYN 45042SYN exits 0" status 0
for t in 85097SYN 84134SYN 45042SYN; do
	run jb-transform -c $D/issue8.ini -o "$T/t8/$t.csv" "$T/raw8/$t"
	expect "$t harmonised to 2024 exits 0" status 0
	expect "$t harmonised to 2024 says nothing" stderr_empty
	for p in 2020JJ00 2021JJ00 2022JJ00 2023JJ00 2024JJ00; do
		n=$(grep ",$p," "$T/t8/$t.csv" | cut -d, -f1 | sort -u | grep -c '^GM')
		[ "$n" -eq 342 ] && _ok "$t $p harmonised to 2024: 342 municipalities" ||
			_not_ok "$t $p harmonised to 2024: 342 municipalities" "got $n"
	done
	grep -qxF 'status,Synthetisch' "$T/t8/$t.info.csv" && _ok "$t info: status,Synthetisch" || _not_ok "$t info: status,Synthetisch"
done
V=$T/t8/85097SYN.csv
cat >"$T/verwijzers.txt" <<'LIST'
T001,Totaal verwijzers
VW01,Gemeentelijke toegang
VW02,Huisarts
VW03,Jeugdarts
VW04,Gecertificeerde instelling
VW05,Medisch specialist
VW06,"Rechter, Officier van Justitie"
VW07,Geen verwijzer
LIST
sed -n 's/.*,JeugdhulptrajectenInNatura_1,.*,Verwijzer,\(.*\)$/\1/p' "$V" | sort -u >"$T/verwijzers.got"
cmp -s "$T/verwijzers.txt" "$T/verwijzers.got" && _ok "85097SYN: eight Verwijzer categories with their titles" ||
	_not_ok "85097SYN: eight Verwijzer categories with their titles" "$(tr '\n' ' ' <"$T/verwijzers.got")"
[ "$(grep -c ',Verwijzer,T001,Totaal verwijzers$' "$V")" -eq 1715 ] &&
	_ok "85097SYN: T001 for 342 municipalities + NL01 in 5 periods" || _not_ok "85097SYN: T001 for 342 municipalities + NL01 in 5 periods"
# Groningen 2022, read off the feed by hand: 3720 + 4215 + 545 + 935 + 1080 + 120 + 345 = 10960
for kv in T001:10960 VW01:3720 VW02:4215 VW03:545 VW04:935 VW05:1080 VW06:120 VW07:345; do
	grep -q "^GM0014,Groningen,GM,2022JJ00,definitief,JeugdhulptrajectenInNatura_1,Jeugdhulptrajecten in natura,aantal,${kv#*:},ok,no,Verwijzer,${kv%:*}," "$V" &&
		_ok "85097SYN Groningen 2022 ${kv%:*} = ${kv#*:}" || _not_ok "85097SYN Groningen 2022 ${kv%:*} = ${kv#*:}"
done
# the total equals the sum of the seven up to rounding (each published to a multiple of 5)
total=$(grep '^GM0014,.*,2022JJ00,.*,Verwijzer,T001,' "$V" | cut -d, -f9)
parts=$(($(grep '^GM0014,.*,2022JJ00,.*,Verwijzer,VW0[1-7],' "$V" | cut -d, -f9 | paste -sd+)))
[ "$(grep -c '^GM0014,.*,2022JJ00,.*,Verwijzer,VW0[1-7],' "$V")" -eq 7 ] && [ "${total:-0}" -gt 0 ] &&
	[ $((total - parts)) -le 15 ] && [ $((parts - total)) -le 15 ] &&
	_ok "85097SYN Groningen 2022: T001 ($total) = VW01..VW07 ($parts) up to rounding" ||
	_not_ok "85097SYN Groningen 2022: T001 ($total) = VW01..VW07 ($parts) up to rounding"
# harmonised per category: Eemsdelta 2020 = the three predecessors as published, per category
run jb-transform -c $D/issue8.ini --no-harmonise -o "$T/t8/plain85097SYN.csv" "$T/raw8/85097SYN"
for c in T001 VW01 VW02; do
	sum=$(($(grep "^GM00\(03\|10\|24\),.*,2020JJ00,.*,Verwijzer,$c," "$T/t8/plain85097SYN.csv" | cut -d, -f9 | paste -sd+)))
	got=$(grep "^GM1979,.*,2020JJ00,.*,merged,Verwijzer,$c," "$V" | cut -d, -f9)
	[ -n "$got" ] && [ "$got" = "$sum" ] && _ok "85097SYN Eemsdelta 2020 $c = Appingedam + Delfzijl + Loppersum ($sum)" ||
		_not_ok "85097SYN Eemsdelta 2020 $c = Appingedam + Delfzijl + Loppersum" "sum $sum, got $got"
done
[ "$(grep -c ',Leeftijd,LT1823,18 tot 23 jaar$' "$T/t8/84134SYN.csv")" -eq 3430 ] &&
	_ok "84134SYN: LT1823 (18 tot 23 jaar) for 343 regions x 5 periods x 2 topics" || _not_ok "84134SYN: LT1823 (18 tot 23 jaar) for 343 regions x 5 periods x 2 topics"
grep -q '^GM0014,Groningen,GM,2022JJ00,definitief,JongerenMetJeugdzorg_1,Jongeren met jeugdzorg,aantal,[0-9]*,ok,no,Leeftijd,LT1823,18 tot 23 jaar$' "$T/t8/84134SYN.csv" &&
	_ok "84134SYN: Groningen 2022 has a count 18-23" || _not_ok "84134SYN: Groningen 2022 has a count 18-23"
[ "$(grep -c ',Taakvelden,6.72,6.72 Maatwerkdienstverlening 18-$' "$T/t8/45042SYN.csv")" -eq 3430 ] &&
	_ok "45042SYN: taakveld 6.72 titled '6.72 Maatwerkdienstverlening 18-'" || _not_ok "45042SYN: taakveld 6.72 titled '6.72 Maatwerkdienstverlening 18-'"
grep -q '^GM0014,Groningen,GM,2022JJ00,definitief,Lasten_1,Lasten,x 1 000 euro,[0-9]*,ok,no,Taakvelden,6.72,' "$T/t8/45042SYN.csv" &&
	_ok "45042SYN: dataderden feed read, Groningen 2022 lasten 6.72" || _not_ok "45042SYN: dataderden feed read, Groningen 2022 lasten 6.72"

# OData v4 JSON: the same table 99005TST as v3 Atom (99005TST/) and as v4
# (99005TST-v4/, observations out of order and split across pages; see
# make_99005TST.py) gives byte-identical tidy and info CSV, chosen by the files present
V4=$D/99005TST-v4
run jb-transform -c $D/test.ini --no-harmonise -o "$T/atom4/99005TST.csv" $D/99005TST
expect "99005TST Atom form exits 0" status 0
run jb-transform -c $D/test.ini --no-harmonise -o "$T/v4/99005TST.csv" $V4
expect "99005TST v4 form exits 0" status 0
expect "v4 form says nothing" stderr_empty
expect "v4 form: same tidy CSV as the Atom form" same "$T/atom4/99005TST.csv:$T/v4/99005TST.csv"
expect "v4 form: same info CSV as the Atom form" same "$T/atom4/99005TST.info.csv:$T/v4/99005TST.info.csv"
[ "$(wc -l <"$T/v4/99005TST.csv")" -eq 51 ] && _ok "v4: 10 entries x 5 measures + header" || _not_ok "v4: 10 entries x 5 measures + header"
[ "$(sed -n 2p "$T/v4/99005TST.csv")" = 'NL00,Nederland,NL,2017JJ00,definitief,T001036,Aantal inwoners,aantal,17081507,ok,no,,,' ] &&
	_ok "v4: first entry's measures in MeasureCodes order though observed in reverse" || _not_ok "v4: first entry's measures in MeasureCodes order though observed in reverse"
for row in 'GM0010,Delfzijl,GM,2017JJ00,definitief,M000297,Woningvoorraad,aantal,,unknown,no,,,' \
	'GM0363,Amsterdam,GM,2017JJ00,definitief,M000173_1,Geboorte totaal,aantal,,secret,no,,,' \
	'WK036300,Burgwallen-Oude Zijde,WK,2017JJ00,definitief,M000114,Gemiddelde huishoudensgrootte,aantal,,missing,no,,,' \
	'GM0024,Loppersum,GM,2017JJ00,definitief,M000114,Gemiddelde huishoudensgrootte,aantal,,missing,no,,,' \
	'GM0003,Appingedam,GM,2018JJ00,voorlopig,M000173_2,Geboorte relatief,per 1 000 inwoners,,missing,no,,,' \
	'GM0010,Delfzijl,GM,2018JJ00,voorlopig,M000114,Gemiddelde huishoudensgrootte,aantal,2,ok,no,,,' \
	'GM0010,Delfzijl,GM,2017JJ00,definitief,T001036,Aantal inwoners,aantal,25040,ok,no,,,'; do
	grep -qxF "$row" "$T/v4/99005TST.csv" && _ok "v4 row: $row" || _not_ok "v4 row: $row"
done
grep -qxF 'status,Regulier' "$T/v4/99005TST.info.csv" && _ok "v4 info: Properties Status" || _not_ok "v4 info: Properties Status"
run jb-transform -c $D/test.ini -b 2023 -r config/reorganisations.csv -o "$T/atom4h/99005TST.csv" $D/99005TST
run jb-transform -c $D/test.ini -b 2023 -r config/reorganisations.csv -o "$T/v4h/99005TST.csv" $V4
expect "v4 harmonised exits 0" status 0
expect "v4 harmonised: same tidy CSV as the Atom form" same "$T/atom4h/99005TST.csv:$T/v4h/99005TST.csv"
# Eemsdelta 2017 = Appingedam 11801 + Delfzijl 25040 + Loppersum 10060 (make_99005TST.py)
grep -qxF 'GM1979,Eemsdelta,GM,2017JJ00,definitief,T001036,Aantal inwoners,aantal,46901,ok,merged,,,' "$T/v4h/99005TST.csv" &&
	_ok "v4 harmonised: Eemsdelta 2017 = 46901" || _not_ok "v4 harmonised: Eemsdelta 2017 = 46901"

# a folder with both v3 and v4 responses is refused
cp -r $V4 "$T/mixed" && cp $D/99005TST/TableInfos.xml "$T/mixed/"
run jb-transform -c $D/test.ini -n -o "$T/v4bad/mixed.csv" "$T/mixed"
expect "v3 and v4 responses together exit 65" status 65
expect "v3 and v4 together: the message says so" stderr_has "$T/mixed: holds both OData v4 (Properties.json) and v3"

# malformed v4: file and observation index, exit 65, no output
v4_bad() { # NAME FILE SED-EXPRESSION MESSAGE
	rm -rf "$T/bad4" && cp -r $V4 "$T/bad4" && sed -i "$3" "$T/bad4/$2"
	run jb-transform -c $D/test.ini -n -o "$T/v4bad/x.csv" "$T/bad4"
	expect "v4 $1 exits 65" status 65
	expect "v4 $1: message" stderr_has "$T/bad4/$4"
	expect "v4 $1: no output" no_file "$T/v4bad/x.csv"
}
v4_bad "unknown measure" Observations.json 's/"Id": 2, "Measure": "M000173_2"/"Id": 2, "Measure": "M9"/' \
	"Observations.json:3: Measure 'M9' is not in MeasureCodes.json"
v4_bad "unknown region" Observations.skip7.json 's/"GM0024"/"GM9999"/' \
	"Observations.skip7.json:9: WijkenEnBuurten code 'GM9999' is not in $T/bad4/WijkenEnBuurtenCodes.json"
v4_bad "second observation" Observations.json 's/"Measure": "M000297"/"Measure": "M000114"/' \
	"Observations.json:2: a second observation of Measure 'M000114'"
v4_bad "unknown ValueAttribute" Observations.json 's/"Id": 1, "Measure": "M000297", "ValueAttribute": "None"/"Id": 1, "Measure": "M000297", "ValueAttribute": "Odd"/' \
	"Observations.json:2: unknown ValueAttribute 'Odd'"
v4_bad "string Value" Observations.json 's/"Value": 2.2/"Value": "2.2"/' \
	"Observations.json:1: Value '2.2' is not a number"
v4_bad "observation without its period" Observations.json 's/, "Perioden": "2017JJ00"}\]/}]/' \
	"Observations.json:7: the observation has no Perioden code"
v4_bad "truncated page" Observations.skip7.json 's/}\]}$/}/' "Observations.skip7.json:2:0: ']' expected"
v4_bad "bad next link" Observations.json 's/Observations?\$skip=7/Observations?$top=7/' \
	"Observations.json: the next link 'https://odata4.cbs.nl/CBS/99005TST/Observations?\$top=7' is not an OData page URL"
rm -rf "$T/bad4" && cp -r $V4 "$T/bad4" && rm "$T/bad4/Observations.skip7.json"
run jb-transform -c $D/test.ini -n -o "$T/v4bad/x.csv" "$T/bad4"
expect "v4 missing page exits 66" status 66
expect "v4 missing page: message" stderr_has "$T/bad4/Observations.json: links to the next page (\$skip=7), which is missing"
rm -rf "$T/bad4" && cp -r $V4 "$T/bad4" && rm "$T/bad4/WijkenEnBuurtenCodes.skip4.json"
run jb-transform -c $D/test.ini -n -o "$T/v4bad/x.csv" "$T/bad4"
expect "v4 missing code page exits 66" status 66
expect "v4 missing code page: message" stderr_has "$T/bad4/WijkenEnBuurtenCodes.skip4.json: cannot open"

# end to end: jb-fetch ([table] format = v4) from the loopback server, then jb-transform
. tests/fetch/server.sh
mkdir -p "$T/v4root" && cp -r $V4 "$T/v4root/99005TST"
printf '[table kwb]\nid = 99005TST\norigin = cbs\nformat = v4\ndimensions = WijkenEnBuurten Perioden\n' >"$T/v4fetch.ini"
if cbs_server_start "$T/v4root"; then
	run "$fetch" -q -c "$T/v4fetch.ini" -o "$T/v4raw" --base "$CBS_URL" 99005TST
	expect "jb-fetch of the v4 table exits 0" status 0
	cbs_server_stop
	run jb-transform -c $D/test.ini --no-harmonise -o "$T/v4e2e/99005TST.csv" "$T/v4raw/99005TST"
	expect "fetched v4 table: jb-transform exits 0" status 0
	expect "fetched v4 table: same tidy CSV as the Atom form" same "$T/atom4/99005TST.csv:$T/v4e2e/99005TST.csv"
else
	_not_ok "jb-cbs-server starts for the v4 end-to-end test"
fi
