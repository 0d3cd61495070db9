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
printf 'effective_date,old_code,old_name,new_code,new_name,weight\n2021-01-01,GM0003,Appingedam,GM0010,Delfzijl,1\n2023-01-01,GM0010,Delfzijl,GM1979,Eemsdelta,1\n2023-01-01,GM0024,Loppersum,GM1979,Eemsdelta,1\n' >"$T/chain.csv"
run jb-transform -c $D/test.ini -b 2023 -r "$T/chain.csv" -o "$T/h/chain.csv" $D/99003TST
expect "a chain of changes exits 0" status 0
has_row "a chain: 2020 codes through two changes are summed" 'GM1979,Eemsdelta,GM,2020JJ00,definitief,JongerenTot18Jaar_1,Jongeren tot 18 jaar,aantal,8975,ok,merged,,,' "$T/h/chain.csv"

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
