# jb-config: the configuration is checked with messages naming file and line.
. tests/lib/cli.sh

help_test jb-config

run jb-config -c config/jeugdbench.ini check
expect "the bundled configuration is valid" status 0
expect "check prints nothing" stdout_empty

run jb-config -c config/jeugdbench.ini tables
expect "tables lists every table" status 0
printf '85099SYN\n84799NED\nWBK2022\n85097SYN\n84134SYN\n45042SYN\n' >"$T/tables"
expect "tables in config order" stdout_is "$T/tables"

run jb-config -c config/jeugdbench.ini tables cbs
printf '84799NED\n' >"$T/cbs"
expect "only cbs tables are fetched live" stdout_is "$T/cbs"

# keys: every key of the bundled configuration is listed, with its section kind
run jb-config keys
expect "keys exits 0" status 0
missing=$(awk '/^\[/ { kind = substr($1, 2); sub(/\]$/, "", kind) }
	/^[a-z_]+ *=/ { split($0, part, "="); key = part[1]; gsub(/ /, "", key); print kind, key }' \
	config/jeugdbench.ini | sort -u | while read -r kind key; do
	grep -Eq "^$kind +$key " "$out" || echo "$kind.$key"
done)
[ -z "$missing" ] && _ok "keys lists every key of config/jeugdbench.ini" ||
	_not_ok "keys lists every key of config/jeugdbench.ini" "missing: $missing"

run jb-config -c "$T/none.ini" check
expect "a missing config exits 78" status 78
expect "the message names the file" stderr_has "$T/none.ini: cannot open: No such file or directory"

printf '[jeugdbench]\nboundary_year = 2024\n[table a]\nid = 84799NED\nfiltr = x\n' >"$T/typo.ini"
run jb-config -c "$T/typo.ini" check
expect "an unknown key exits 78" status 78
expect "the message names file and line" stderr_has "typo.ini:5: unknown key 'filtr' in [table a]"

printf '[table a]\nid = 84799NED\n[indicator x]\ntable = a\nnumerator = N\n' >"$T/half.ini"
run jb-config -c "$T/half.ini" check
expect "an indicator without denominator exits 78" status 78
expect "it names the section's line" stderr_has "half.ini:4: [indicator x] needs numerator and denominator, or value"

# every number of the single sections is checked, with the range its program accepts
printf '[fetch]\nmax_per_host = x\n[table a]\nid = 84799NED\n' >"$T/number.ini"
run jb-config -c "$T/number.ini" check
expect "a bad number exits 78" status 78
expect "it names file, line and the range" stderr_has "number.ini:2: [fetch] max_per_host = 'x': expected a whole number from 1 to 16"
printf '[table a]\nid = 84799NED\n[pipeline]\nlock_wait = 60\nstale_days = -3\n[stats]\nconfidence = 2\n' >"$T/ranges.ini"
run jb-config -c "$T/ranges.ini" check
expect "numbers out of range exit 78" status 78
expect "stale_days below 1 is named" stderr_has "ranges.ini:5: [pipeline] stale_days = '-3': expected a whole number from 1 to 100000"
expect "confidence above 1 too" stderr_has "ranges.ini:7: [stats] confidence = '2': expected a number from 0.5 to 0.999999"
grep -q lock_wait "$err" && _not_ok "a good number is not named" || _ok "a good number is not named"
printf '[table a]\nid = 84799NED\n[indicator x]\ntable = a\nvalue = V\ntarget = one in seven\n' >"$T/target.ini"
run jb-config -c "$T/target.ini" check
expect "a target that is no number exits 78" status 78
expect "target is named" stderr_has "target.ini:6: [indicator x] target = 'one in seven': expected a number"

printf '[table a]\nid = 84799NED; rm -rf /\n' >"$T/inject.ini"
run jb-config -c "$T/inject.ini" check
expect "a table id with shell characters is refused" status 78

printf '[table a\nid = 1\n' >"$T/syntax.ini"
run jb-config -c "$T/syntax.ini" check
expect "a syntax error exits 78" status 78
expect "it names the line" stderr_has "syntax.ini:1: syntax error"

if [ -w /dev/full ]; then
	"$BIN/jb-config" -c config/jeugdbench.ini tables >/dev/full 2>"$err"
	status=$?
	expect "a full disk on stdout exits 74" status 74
	expect "and says so" stderr_has "write error"
fi

run jb-config -c config/jeugdbench.ini get "table kerncijfers" id
expect "get prints a value" stdout_has "84799NED"
run jb-config -c config/jeugdbench.ini get "table kerncijfers" filter_missing
expect "get of an unset key exits 1" status 1

long=$(printf 'x%.0s' $(seq 1 300))
printf '[table a]\nid = 84799NED\nfilter = %s\n' "$long" >"$T/long.ini"
run jb-config -c "$T/long.ini" check
expect "an over-long line exits 78" status 78
expect "and says how to continue it" stderr_has "long.ini:3: line too long"
half=$(printf 'y%.0s' $(seq 1 150))
printf '[table a]\nid = 84799NED\nfilter = %s\n  %s\n' "$half" "$half" >"$T/continued.ini"
run jb-config -c "$T/continued.ini" get "table a" filter
expect "a value continued on indented lines is one value" stdout_has "$half $half"
