#!/bin/sh
# make_table.sh ROOT TABLE_ID PAGES ROWS_PER_PAGE: writes a CBS-shaped table
# (TableInfos, DataProperties, PAGES TypedDataSet pages of ROWS_PER_PAGE
# entries chained by next links at $skip=k*10000) into ROOT/TABLE_ID/ for
# jb-cbs-server.  Values are made up: for tests and benchmarks of jb-fetch only.
set -eu
root=$1 id=$2 pages=$3 rows=$4
dir=$root/$id
mkdir -p "$dir"
base="https://opendata.cbs.nl/ODataFeed/odata/$id"
ns='xmlns="http://www.w3.org/2005/Atom" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"'
head() { # head SET
	printf '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
	printf '<feed xml:base="%s/" %s>\n' "$base" "$ns"
	printf '  <id>%s/%s</id>\n  <title type="text">%s</title>\n' "$base" "$1" "$1"
	printf '  <updated>2025-07-01T02:00:00Z</updated>\n  <link rel="self" title="%s" href="%s" />\n' "$1" "$1"
}
entry() { # entry SET ID PROPERTIES
	printf '  <entry>\n    <id>%s/%s(%s)</id>\n    <title /><updated>2025-07-01T02:00:00Z</updated><author><name /></author>\n' "$base" "$1" "$2"
	printf '    <content type="application/xml">\n      <m:properties>%s</m:properties>\n    </content>\n  </entry>\n' "$3"
}
{
	head TableInfos
	entry TableInfos 1 "<d:ID m:type=\"Edm.Int32\">1</d:ID><d:Title>Testtabel $id</d:Title><d:Identifier>$id</d:Identifier><d:Modified m:type=\"Edm.DateTime\">2025-07-01T02:00:00</d:Modified>"
	printf '</feed>\n'
} >"$dir/TableInfos.xml"
{
	head DataProperties
	entry DataProperties 0 '<d:ID m:type="Edm.Int32">0</d:ID><d:Type>GeoDimension</d:Type><d:Key>RegioS</d:Key><d:Title>Regio</d:Title>'
	entry DataProperties 1 '<d:ID m:type="Edm.Int32">1</d:ID><d:Type>Topic</d:Type><d:Key>Aantal_1</d:Key><d:Title>Aantal</d:Title>'
	printf '</feed>\n'
} >"$dir/DataProperties.xml"
page=0
while [ "$page" -lt "$pages" ]; do
	skip=$((page * 10000))
	if [ "$page" -eq 0 ]; then file=TypedDataSet.xml; else file=TypedDataSet.skip$skip.xml; fi
	{
		head TypedDataSet
		awk -v base="$base" -v first="$skip" -v n="$rows" 'BEGIN {
			for (i = 0; i < n; i++) {
				id = first + i
				printf "  <entry>\n    <id>%s/TypedDataSet(%d)</id>\n    <title /><updated>2025-07-01T02:00:00Z</updated><author><name /></author>\n", base, id
				printf "    <content type=\"application/xml\">\n      <m:properties><d:ID m:type=\"Edm.Int32\">%d</d:ID><d:RegioS xml:space=\"preserve\">GM%04d    </d:RegioS><d:Aantal_1 m:type=\"Edm.Int32\">%d</d:Aantal_1></m:properties>\n    </content>\n  </entry>\n", id, id % 10000, (id * 7919) % 100000
			}
		}'
		if [ $((page + 1)) -lt "$pages" ]; then
			printf '  <link rel="next" href="%s/TypedDataSet?$skip=%d" />\n' "$base" $((skip + 10000))
		fi
		printf '</feed>\n'
	} >"$dir/$file"
	page=$((page + 1))
done
