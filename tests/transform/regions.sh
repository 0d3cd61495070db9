#!/bin/sh
# config/reorganisations.csv checked against CBS's own lists of municipalities
# (tests/transform/data/regions/, see PROVENANCE.md there): applying the
# changes between two lists to the older one gives the newer one, code for
# code; every change of 2015-2018 is in the 2018 list's history column and
# that history has no change the file lacks.
. tests/lib/cli.sh
R=tests/transform/data/regions
C=config/reorganisations.csv
: >"$err"

# codes YEAR: the codes of the list of 1 January YEAR, one a line, sorted
codes() {
	tail -n +2 "$R/gemeenten-$1.csv" | cut -d, -f1 | sort
}

# apply FROM TO: FROM's list with the changes dated after 1 January FROM up
# to 1 January TO applied (new codes added, old codes removed), sorted
apply() {
	{ codes "$1"; awk -F, -v from="$1-01-01" -v to="$2-01-01" \
		'NR > 1 && $1 > from && $1 <= to && $2 != $4 { print "+" $4; print "-" $2 }' "$C"; } |
		awk '/^\+/ { code[substr($0, 2)] = 1; next }
		     /^-/ { gone[substr($0, 2)] = 1; next }
		     { code[$0] = 1 }
		     END { for (c in code) if (!(c in gone)) print c }' | sort
}

for pair in 2018:2020 2020:2021 2021:2022 2022:2023 2023:2024 2024:2025; do
	from=${pair%:*} to=${pair#*:}
	apply "$from" "$to" >"$T/expected"
	codes "$to" >"$T/actual"
	if cmp -s "$T/expected" "$T/actual"; then
		_ok "$from -> $to: the changes turn the $from list into the $to list"
	else
		_not_ok "$from -> $to: the changes turn the $from list into the $to list" \
			"$(diff "$T/expected" "$T/actual" | grep '^[<>]' | tr '\n' ' ')"
	fi
done

# count_before YEAR: the number of municipalities just before the changes of
# YEAR, walked back from the 2018 list: add the codes that ended, take away
# the codes that were created (a whole old code went in; the file lists a
# municipality that continues as its own old code)
count_before() {
	awk -F, -v first="$1" -v n="$(codes 2018 | wc -l)" '
		NR > 1 && substr($1, 1, 4) >= first && $1 < "2019" {
			y = substr($1, 1, 4)
			if ($2 == $4) { kept[y, $4] = 1; next }
			if (!((y, $2) in gone)) { gone[y, $2] = 1; n++ }
			if ($6 == 1) whole[y, $4] = 1
		}
		END {
			for (k in whole) if (!(k in kept)) n--
			print n
		}' "$C"
}

# the numbers CBS published for 1 January 2017, 2016, 2015 and 2014
# ("gemeentelijke indeling op 1 januari"): 388, 390, 393, 403
for pair in 2018:388 2017:390 2016:393 2015:403; do
	year=${pair%:*} want=${pair#*:}
	got=$(count_before "$year")
	[ "$got" = "$want" ] && _ok "before the changes of $year there were $want municipalities" ||
		_not_ok "before the changes of $year there were $want municipalities" "counted $got"
done

# every change of 2015-2018 whose new code is in the 2018 list is in its history
awk -F, 'NR > 1 && $1 >= "2015" && $1 < "2019" { print $1 "," $4 }' "$C" | sort -u >"$T/changes"
while IFS=, read -r date code; do
	line=$(grep "^$code," "$R/gemeenten-2018.csv") || continue
	dmy=$(echo "$date" | awk -F- '{ print $3 "-" $2 "-" $1 }')
	case $line in
	*"per $dmy"*) _ok "$code on $date is in CBS's history of $code" ;;
	*) _not_ok "$code on $date is in CBS's history of $code" "history: $line" ;;
	esac
done <"$T/changes"
# and every history entry of 2015-2018 is a change in the file
grep -o '^GM[0-9]*,.*' "$R/gemeenten-2018.csv" |
	awk '{ code = substr($0, 1, 6)
	       while (match($0, /per [0-9][0-9]-[0-9][0-9]-201[5-8]/)) {
		       d = substr($0, RSTART + 4, 10)
		       print substr(d, 7, 4) "-" substr(d, 4, 2) "-" substr(d, 1, 2) "," code
		       $0 = substr($0, RSTART + RLENGTH)
	       } }' | sort -u >"$T/history"
missing=$(comm -23 "$T/history" "$T/changes" | tr '\n' ' ')
[ -z "$missing" ] && _ok "every 2015-2018 change in CBS's 2018 histories is in the file" ||
	_not_ok "every 2015-2018 change in CBS's 2018 histories is in the file" "missing: $missing"
[ "$(wc -l <"$T/history")" -eq 16 ] && _ok "the 2018 histories name 16 changes of 2015-2018" ||
	_not_ok "the 2018 histories name 16 changes of 2015-2018" "$(cat "$T/history")"

# the old codes of 2015-2018 are gone from the 2018 list
awk -F, 'NR > 1 && $1 >= "2015" && $1 < "2019" && $2 != $4 { print $2 }' "$C" | sort -u >"$T/old"
left=$(codes 2018 | comm -12 - "$T/old" | tr '\n' ' ')
[ -z "$left" ] && _ok "no code that ended in 2015-2018 is in the 2018 list" ||
	_not_ok "no code that ended in 2015-2018 is in the 2018 list" "still there: $left"
